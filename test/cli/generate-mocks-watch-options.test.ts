/** `--mocks` and `--watch` on `generate`, and their config fields `mocks` and `watch`. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject, run } from './cli-harness.js';

let project: Awaited<ReturnType<typeof createProject>>;
beforeEach(async () => {
  project = await createProject();
});
afterEach(async () => {
  await project.cleanup();
});

const config = (value: object) => writeFile(path.join(project.dir, 'apiwright.config.json'), JSON.stringify(value));

describe('generate --mocks', () => {
  it.each([
    ['no flag, no config', [], {}, false],
    ['--mocks', ['--mocks'], {}, true],
    ['config mocks: true', [], { mocks: true }, true],
    ['--no-mocks over config mocks: true', ['--no-mocks'], { mocks: true }, false],
  ])('%s', async (_, flags, fields, want) => {
    await config({ input: 'openapi.yaml', output: 'out', ...fields });
    const result = await run(['generate', ...flags], project.dir);
    expect(result.code).toBe(0);
    expect(result.calls[0]?.mocks).toBe(want);
  });

  it.each([['mocks'], ['watch']])('a non-boolean %s in the config is an error naming the field', async (field) => {
    await config({ input: 'openapi.yaml', output: 'out', [field]: 'yes' });
    const result = await run(['generate'], project.dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`#/${field}`);
    expect(result.stderr).toContain(`"${field}" must be true or false, got "yes"`);
  });

  it('is not a flag of check', async () => {
    const result = await run(['check', 'openapi.yaml', '--out', 'out', '--mocks'], project.dir);
    expect(result.code).toBe(2);
  });
});

describe('generate --watch (in-process)', () => {
  it('runs once, watches, and returns 0 when its signal aborts', async () => {
    await writeFile(path.join(project.dir, 'openapi.yaml'), 'openapi: 3.0.3\n');
    const stop = new AbortController();
    const pending = run(['generate', 'openapi.yaml', '--out', 'out', '--watch'], project.dir, {
      signal: stop.signal,
      generate: (options) => {
        setTimeout(() => stop.abort(), 10);
        return Promise.resolve({
          outDir: options.out,
          stats: { operations: 2, schemas: 3, pagination: {} },
          files: ['index.ts'],
          warnings: [],
          sources: [options.spec],
        });
      },
    });
    const result = await pending;
    expect(result.code).toBe(0);
    expect(result.calls).toHaveLength(1);
    expect(result.stdout).toMatch(/Generated 1 file in out \(2 operations, 3 schemas, \d+ ms\)/);
    expect(result.stdout).toContain('Watching 1 file for changes (Ctrl-C to stop)');
  });

  it('config watch: true watches too, and a failing first run is reported, not fatal', async () => {
    await writeFile(path.join(project.dir, 'openapi.yaml'), 'openapi: 3.0.3\n');
    await config({ input: 'openapi.yaml', output: 'out', watch: true });
    const stop = new AbortController();
    const result = await run(['generate'], project.dir, {
      signal: stop.signal,
      generate: () => {
        setTimeout(() => stop.abort(), 10);
        return Promise.reject(new Error('half-saved spec'));
      },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('half-saved spec');
    expect(result.stdout).toContain('Failed; the previous output in out is unchanged');
  });
});
