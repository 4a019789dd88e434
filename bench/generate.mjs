#!/usr/bin/env node
// npm run bench:generate [-- <spec>] — apiwright's full client vs openapi-typescript's types only,
// on the same spec, alternating runs; prints medians of wall time and peak RSS, and their ratio.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const spec = path.resolve(process.argv[2] ?? path.join(root, '../shared/corpus/dev/github-api.json'));
const runs = Number(process.env.BENCH_RUNS ?? 5);
const out = path.join(root, 'bench/out');
const preload = path.join(root, 'bench/report-rss.mjs');

const tools = {
  apiwright: [path.join(root, 'bin/apiwright.js'), 'generate', spec, '--out', path.join(out, 'apiwright'), '--quiet'],
  'openapi-typescript': [
    path.join(root, 'node_modules/openapi-typescript/bin/cli.js'),
    spec,
    '-o',
    path.join(out, 'openapi-typescript.ts'),
  ],
};

function measure(args) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', preload, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const rss = /@@bench-max-rss-kb (\d+)/.exec(stderr);
      if (code !== 0) return reject(new Error(`${args[0]} exited ${code}:\n${stderr.slice(-2000)}`));
      resolve({ ms, rssMb: rss ? Number(rss[1]) / 1024 : NaN });
    });
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const results = Object.fromEntries(Object.keys(tools).map((name) => [name, []]));
console.log(`spec: ${path.relative(process.cwd(), spec)}; ${runs} runs each, alternating`);
for (let run = 1; run <= runs; run++) {
  for (const [name, args] of Object.entries(tools)) {
    const result = await measure(args);
    results[name].push(result);
    console.log(
      `  run ${run} ${name.padEnd(18)} ${result.ms.toFixed(0).padStart(6)} ms ${result.rssMb.toFixed(0).padStart(5)} MB`,
    );
  }
}
const summary = Object.fromEntries(
  Object.entries(results).map(([name, list]) => [
    name,
    { ms: median(list.map((r) => r.ms)), rssMb: median(list.map((r) => r.rssMb)) },
  ]),
);
console.log('\nmedians');
for (const [name, { ms, rssMb }] of Object.entries(summary))
  console.log(`  ${name.padEnd(18)} ${ms.toFixed(0).padStart(6)} ms ${rssMb.toFixed(0).padStart(5)} MB peak RSS`);
const ours = summary['apiwright'];
const peer = summary['openapi-typescript'];
console.log(
  `\nratio apiwright / openapi-typescript: time ${(ours.ms / peer.ms).toFixed(2)}×, peak RSS ${(ours.rssMb / peer.rssMb).toFixed(2)}×`,
);
console.log(
  `targets: time ≤ 1.00× (goal 0.50×), peak RSS ≤ 450 MB — ${ours.ms <= peer.ms && ours.rssMb <= 450 ? 'met' : 'NOT met'}`,
);
