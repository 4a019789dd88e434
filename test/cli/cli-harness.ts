import { mkdtemp, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli, type CliGenerateOptions, type CliIo } from '../../src/cli/main.js';
import type { GenerateResult } from '../../src/generate.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  calls: CliGenerateOptions[];
}

export type FakeGenerate = (options: CliGenerateOptions) => Promise<GenerateResult>;

export const emptyStats: GenerateResult['stats'] = { operations: 0, schemas: 0, pagination: {} };

export const okGenerate: FakeGenerate = (options) =>
  Promise.resolve({ outDir: options.out, stats: emptyStats, files: ['index.ts', 'client.gen.ts', 'README.md'], warnings: [] });

/** Runs the CLI in-process with captured output and a fake generate() that records its options. */
export async function run(
  argv: string[],
  cwd: string,
  overrides: Partial<CliIo> & { generate?: FakeGenerate } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const calls: CliGenerateOptions[] = [];
  const generate = overrides.generate ?? okGenerate;
  const code = await runCli(argv, {
    ...overrides,
    cwd,
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    generate: (options) => {
      calls.push(options);
      return generate(options);
    },
  });
  return { code, stdout, stderr, calls };
}

export async function createProject(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'apiwright-cli-')));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
