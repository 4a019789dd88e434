#!/usr/bin/env node
// npm run bench:profile [-- <variant>] — one loopback run of a bench:runtime variant (default
// `apiwright-off`) under the V8 CPU profiler; writes bench/out/profile/*.cpuprofile (open it in
// Chrome DevTools) and prints the top functions by self time, grouped by file.
import { execFileSync, fork, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const variant = process.argv[2] ?? 'apiwright-off';
const dir = path.join(root, 'bench/out/profile');
rmSync(dir, { recursive: true, force: true });
// bench:runtime builds the bundled client; reuse it (one short round).
execFileSync(process.execPath, [path.join(root, 'bench/runtime.mjs')], {
  env: { ...process.env, BENCH_ROUNDS: '1', BENCH_COUNT: '500' },
  stdio: 'ignore',
});
const server = fork(path.join(root, 'bench/runtime-server.mjs'), { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
const port = await new Promise((resolve) => server.stdout.once('data', (chunk) => resolve(String(chunk).trim())));
const count = process.env.BENCH_COUNT ?? '20000';
const run = spawnSync(
  process.execPath,
  [
    '--cpu-prof',
    '--cpu-prof-dir',
    dir,
    path.join(root, 'bench/runtime-worker.mjs'),
    variant,
    `http://127.0.0.1:${port}`,
    count,
    '64',
  ],
  { encoding: 'utf8' },
);
server.kill();
if (run.status !== 0) throw new Error(run.stderr);
console.log(`${variant}: ${run.stdout.trim()}`);
const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
const self = new Map();
const dt = profile.timeDeltas;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
profile.samples.forEach((id, i) => {
  const { callFrame } = byId.get(id);
  const where = callFrame.url === '' ? '(native)' : path.basename(callFrame.url);
  const key = `${callFrame.functionName || '(anonymous)'} ${where}:${callFrame.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
// Per file first: the runtime's own code (client.mjs) against undici, Node internals and GC.
const byFile = new Map();
for (const [key, us] of self) {
  const file = key.slice(key.lastIndexOf(' ') + 1).replace(/:\d+$/, '');
  byFile.set(file, (byFile.get(file) ?? 0) + us);
}
console.log('self time by file:');
for (const [file, us] of [...byFile.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
  console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${file}`);
}
console.log(`profile: ${path.relative(root, path.join(dir, file))}; top self time:`);
for (const [key, us] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`);
}
