#!/usr/bin/env node
// npm run bench:runtime — per-request cost of a generated client against raw fetch and openapi-fetch,
// on loopback with the server in its own process. Each round runs every variant in a fresh process
// (alternating order); prints medians with min–max and ratios to raw fetch.
// Env: BENCH_ROUNDS (3), BENCH_COUNT (20000), BENCH_CONCURRENCY (64), BENCH_METHOD (GET | POST).
import { execFileSync, fork, spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'bench/out/runtime-bench');
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const count = Number(process.env.BENCH_COUNT ?? 20_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 64);
const method = process.env.BENCH_METHOD ?? 'GET';
// apiwright-core: a bare core client (createCoreClient with no parts) calling the standalone endpoint function.
const variants = ['fetch', 'apiwright', 'apiwright-off', 'apiwright-core', 'apiwright-undici', 'openapi-fetch'];

function buildClient() {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  execFileSync(
    process.execPath,
    [
      path.join(root, 'bin/apiwright.js'),
      'generate',
      path.join(root, 'fixtures/petstore/openapi.yaml'),
      '--out',
      path.join(out, 'src'),
      '--quiet',
    ],
    { stdio: 'inherit' },
  );
  // The client's index plus the two standalone endpoint functions the core variant calls.
  const entry = path.join(out, 'entry.ts');
  writeFileSync(entry, "export * from './src/index.js';\nexport { createPet, getPetById } from './src/endpoints/pets.gen.js';\n");
  execFileSync(
    path.join(root, 'node_modules/.bin/esbuild'),
    [entry, '--bundle', '--format=esm', '--platform=node', `--outfile=${path.join(out, 'client.mjs')}`, '--log-level=warning'],
    { stdio: 'inherit' },
  );
}

function startServer() {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(root, 'bench/runtime-server.mjs'), { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    child.stdout.once('data', (chunk) => resolve({ child, origin: `http://127.0.0.1:${String(chunk).trim()}` }));
    child.once('error', reject);
  });
}

function runVariant(variant, origin) {
  return new Promise((resolve, reject) => {
    const args = [path.join(root, 'bench/runtime-worker.mjs'), variant, origin, String(count), String(concurrency), method];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] }); // stderr shows a failing variant's error
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`${variant} exited ${code}`))));
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

buildClient();
const { child: server, origin } = await startServer();
const results = Object.fromEntries(variants.map((v) => [v, []]));
try {
  console.log(`${method} ×${count}, ${concurrency} in flight, ${rounds} rounds, server in its own process`);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? variants : [...variants].reverse();
    for (const variant of order) results[variant].push(await runVariant(variant, origin));
  }
} finally {
  server.kill();
}
const base = median(results.fetch.map((r) => r.reqPerSec));
const baseCpu = median(results.fetch.map((r) => r.cpuUsPerReq));
for (const variant of variants) {
  const rps = results[variant].map((r) => r.reqPerSec);
  const cpu = results[variant].map((r) => r.cpuUsPerReq);
  const f = (n) => Math.round(n).toLocaleString('en');
  console.log(
    `${variant.padEnd(16)} ${f(median(rps)).padStart(7)} req/s (${f(Math.min(...rps))}–${f(Math.max(...rps))}) ` +
      `${(median(rps) / base).toFixed(2)}× fetch · CPU ${f(median(cpu))} µs/req ${(median(cpu) / baseCpu).toFixed(2)}× fetch`,
  );
}
