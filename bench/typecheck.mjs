#!/usr/bin/env node
// npm run bench:typecheck — how long a user's `tsc` spends on a generated client: apiwright's
// petstore and GitHub clients (with a one-call consumer) against openapi-typescript's types plus
// openapi-fetch for the same spec, under TypeScript 5.9 and 7, alternating runs, medians of wall time
// and (with GNU time) CPU time.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'bench/out/typecheck');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const compilers = { 'tsc 5.9': 'node_modules/typescript/bin/tsc', 'tsc 7': 'node_modules/typescript7/bin/tsc' };
const specs = {
  petstore: {
    file: path.join(root, 'fixtures/petstore/openapi.yaml'),
    call: ["pets.getPetById({ petId: '1' })", "GET('/pets/{petId}', { params: { path: { petId: '1' } } })"],
  },
  github: {
    file: path.join(root, '../shared/corpus/dev/github-api.json'),
    call: [
      "repos.get({ owner: 'o', repo: 'r' })",
      "GET('/repos/{owner}/{repo}', { params: { path: { owner: 'o', repo: 'r' } } })",
    ],
  },
};
const compilerOptions = {
  target: 'ES2022',
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  module: 'nodenext',
  moduleResolution: 'nodenext',
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
};

function project(dir, source) {
  writeFileSync(path.join(dir, 'main.ts'), source);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['**/*.ts'] }));
}

// CPU time (user + system, the compiler's child processes included) from GNU time when the machine
// has it: on a shared machine wall time mostly measures the neighbours.
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** One compile: wall milliseconds, and CPU milliseconds when GNU time is there. */
function time(compiler, dir) {
  const start = process.hrtime.bigint();
  const command = [process.execPath, path.join(root, compiler), '-p', dir];
  const result = gnuTime
    ? spawnSync(gnuTime, ['-f', '\ncpu %U %S', ...command], { encoding: 'utf8' })
    : spawnSync(command[0], command.slice(1), { encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${compiler} failed in ${dir}:\n${result.stdout.slice(0, 2000)}`);
  const cpu = /\ncpu ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr ?? '');
  return { wall, cpu: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined };
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
rmSync(out, { recursive: true, force: true });
for (const [name, spec] of Object.entries(specs)) {
  const ours = path.join(out, `${name}-apiwright`);
  const peer = path.join(out, `${name}-openapi-typescript`);
  mkdirSync(ours, { recursive: true });
  mkdirSync(peer, { recursive: true });
  execFileSync(
    process.execPath,
    [path.join(root, 'bin/apiwright.js'), 'generate', spec.file, '--out', path.join(ours, 'client'), '--quiet'],
    { stdio: 'inherit' },
  );
  project(ours, `import { createClient } from './client/index.js';\nexport const run = () => createClient().${spec.call[0]};\n`);
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/openapi-typescript/bin/cli.js'), spec.file, '-o', path.join(peer, 'schema.ts')],
    { stdio: 'ignore' },
  );
  // openapi-fetch's own .d.ts come from node_modules: link it in so the peer project resolves it.
  mkdirSync(path.join(peer, 'node_modules'), { recursive: true });
  execFileSync('ln', ['-sfn', path.join(root, 'node_modules/openapi-fetch'), path.join(peer, 'node_modules/openapi-fetch')]);
  execFileSync('ln', [
    '-sfn',
    path.join(root, 'node_modules/openapi-typescript-helpers'),
    path.join(peer, 'node_modules/openapi-typescript-helpers'),
  ]);
  project(
    peer,
    `import createClient from 'openapi-fetch';\nimport type { paths } from './schema.js';\nexport const run = () => createClient<paths>().${spec.call[1]};\n`,
  );
  for (const [label, compiler] of Object.entries(compilers)) {
    const times = { apiwright: [], peer: [] };
    for (let i = 0; i < runs; i++) {
      const order = i % 2 === 0 ? ['apiwright', 'peer'] : ['peer', 'apiwright'];
      for (const who of order) times[who].push(time(compiler, who === 'apiwright' ? ours : peer));
    }
    const a = median(times.apiwright.map((t) => t.wall));
    const p = median(times.peer.map((t) => t.wall));
    const cpu = gnuTime ? [median(times.apiwright.map((t) => t.cpu)), median(times.peer.map((t) => t.cpu))] : undefined;
    console.log(
      `${name.padEnd(9)} ${label.padEnd(8)} apiwright ${Math.round(a)} ms · openapi-typescript + openapi-fetch ${Math.round(p)} ms · ${(a / p).toFixed(2)}×` +
        (cpu ? ` · CPU ${Math.round(cpu[0])} ms vs ${Math.round(cpu[1])} ms · ${(cpu[0] / cpu[1]).toFixed(2)}×` : ''),
    );
  }
}
