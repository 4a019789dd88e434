/**
 * validators.gen.ts compiled on a worker thread (src/emit/validators/in-worker.ts) gives the same
 * files, byte for byte, as compiling inline, and a worker that dies is an error, not a hang or a
 * half-written client. The worker script is bundled from the TypeScript source with esbuild, as
 * `npm run build` would compile it.
 */
import { build } from 'esbuild';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSpec } from '../../../src/analyze-spec.js';
import { emitClient, emitClientInParallel } from '../../../src/emit/emit-client.js';
import type { Diagnostic } from '../../../src/errors.js';
import { repoRoot } from '../../support/paths.js';

let dir: string;
let script: URL;
let broken: URL;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'apiwright-validators-worker-'));
  const outfile = path.join(dir, 'worker.mjs');
  await build({
    entryPoints: [path.join(repoRoot, 'src/emit/validators/worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
  });
  script = pathToFileURL(outfile);
  await writeFile(path.join(dir, 'broken.mjs'), "throw new Error('worker failed to start');\n");
  broken = pathToFileURL(path.join(dir, 'broken.mjs'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const planOf = async (fixture: string) =>
  (await analyzeSpec({ spec: path.join(repoRoot, 'fixtures', fixture, 'openapi.yaml') })).plan;

describe('validators compiled on a worker thread', () => {
  it.each(['petstore', 'validation', 'schemas-3-1'])('%s: the same files as compiling inline', async (fixture) => {
    const plan = await planOf(fixture);
    const inlineWarnings: Diagnostic[] = [];
    const inline = emitClient(plan, inlineWarnings);
    const warnings: Diagnostic[] = [];
    const parallel = await emitClientInParallel(plan, warnings, { parallelFrom: 0, workerScript: script });
    expect(parallel.map((f) => f.path)).toEqual(inline.map((f) => f.path));
    expect(parallel).toEqual(inline);
    expect(warnings).toEqual(inlineWarnings);
    expect(parallel.find((f) => f.path === plan.files.validators)?.content).toMatch(/export function is\w+\(/);
  });

  it('rejects with a clear error when the worker dies before answering', async () => {
    const plan = await planOf('petstore');
    await expect(emitClientInParallel(plan, [], { parallelFrom: 0, workerScript: broken })).rejects.toThrow(
      /worker failed to start/,
    );
  });

  it('compiles inline below the size where a thread pays off, and when no worker script exists', async () => {
    const plan = await planOf('petstore');
    const missing = pathToFileURL(path.join(dir, 'no-such-worker.mjs'));
    // A broken script would reject: resolving proves the worker was never started.
    const files = await emitClientInParallel(plan, [], { workerScript: broken });
    expect(files).toEqual(emitClient(plan));
    expect(await emitClientInParallel(plan, [], { parallelFrom: 0, workerScript: missing })).toEqual(emitClient(plan));
  });
});
