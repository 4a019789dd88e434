/**
 * `apiwright generate --watch` as a user runs it: the real CLI (bin/apiwright.js over dist/, so
 * `npm run build` first) in a child process, on a spec whose schemas live in a second file.
 * Every wait is bounded; the child is killed in afterEach whatever happens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';

const entry = `openapi: 3.0.3
info: { title: Watched, version: '1' }
paths:
  /things:
    get:
      operationId: listThings
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: './schemas.yaml#/Thing' }
`;
const schemas = (property: string) => `Thing:
  type: object
  properties:
    ${property}: { type: string }
`;

let dir: string;
let child: ChildProcess | undefined;
let stdout = '';
let stderr = '';

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'apiwright-watch-'));
  await writeFile(path.join(dir, 'openapi.yaml'), entry);
  await writeFile(path.join(dir, 'schemas.yaml'), schemas('firstName'));
  stdout = '';
  stderr = '';
});
afterEach(async () => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

/** Polls until `check` holds, failing after `ms` with what the process printed so far. */
async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\nstdout:\n${stdout}\nstderr:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const count = (text: string, pattern: RegExp): number => text.match(new RegExp(pattern, 'g'))?.length ?? 0;
const types = () => readFile(path.join(dir, 'out', 'types.gen.ts'), 'utf8');

describe('apiwright generate --watch', () => {
  it('regenerates on a change to a referenced file, survives a broken save, and exits 0 on SIGINT', async () => {
    child = spawn(
      process.execPath,
      [path.join(repoRoot, 'bin', 'apiwright.js'), 'generate', 'openapi.yaml', '--out', 'out', '--watch'],
      {
        cwd: dir,
      },
    );
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));

    await waitFor('the first run', () => /Watching 2 files/.test(stdout));
    expect(stdout).toMatch(/Generated \d+ files in out \(1 operations, \d+ schemas, \d+ ms\)/);
    expect(await types()).toContain('firstName?: string');

    await writeFile(path.join(dir, 'schemas.yaml'), schemas('lastName'));
    await waitFor('a second run', () => count(stdout, /Generated \d+ files/) >= 2);
    expect(await types()).toContain('lastName?: string');
    expect(await types()).not.toContain('firstName');

    await writeFile(path.join(dir, 'openapi.yaml'), `${entry}\n  : [unclosed\n`);
    await waitFor('the failed run', () => /Failed; the previous output in out is unchanged/.test(stdout));
    expect(stderr).toMatch(/openapi\.yaml/);
    expect(await types()).toContain('lastName?: string');

    // Fixed again: watching went on through the failure.
    await writeFile(path.join(dir, 'openapi.yaml'), entry);
    await waitFor('the recovery run', () => count(stdout, /Generated \d+ files/) >= 3);

    child.kill('SIGINT');
    const code = await Promise.race([exited, new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), 10_000))]);
    expect(code).toBe(0);
  }, 90_000);
});
