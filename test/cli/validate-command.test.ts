import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SpecLoader } from '../../src/cli/main.js';
import { SpecError, type Diagnostic } from '../../src/errors.js';
import { createProject, run } from './cli-harness.js';

let project: Awaited<ReturnType<typeof createProject>>;
beforeEach(async () => {
  project = await createProject();
});
afterEach(async () => {
  await project.cleanup();
});

function fakeLoader(problems: Diagnostic[], warnings: Diagnostic[] = []): SpecLoader & { seen: unknown[] } {
  const seen: unknown[] = [];
  return {
    seen,
    loadSpec: (file, options) => {
      seen.push({ file, options });
      return Promise.resolve({ version: '3.1.0', warnings });
    },
    validateSpec: () => Promise.resolve(problems),
  };
}

describe('apiwright validate', () => {
  it('exits 0 for a valid spec, printing loader warnings', async () => {
    const loader = fakeLoader([], [{ code: 'W_DUP', message: 'duplicate tag', file: 'api.yaml', line: 3 }]);
    const result = await run(['validate', 'api.yaml'], project.dir, { loader });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('api.yaml is valid (OpenAPI 3.1.0)\n');
    expect(result.stderr).toBe('warning W_DUP api.yaml:3: duplicate tag\n');
    expect(loader.seen).toEqual([{ file: path.join(project.dir, 'api.yaml'), options: { allowRemoteRefs: false } }]);
  });

  it('exits 1 and lists schema problems', async () => {
    const loader = fakeLoader([
      {
        code: 'SCHEMA',
        message: 'must have required property "responses"',
        file: 'api.yaml',
        line: 10,
        column: 5,
        pointer: '#/paths/~1pets/get',
      },
    ]);
    const result = await run(['validate', 'api.yaml', '--allow-remote-refs'], project.dir, { loader });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error SCHEMA api.yaml:10:5 (#/paths/~1pets/get): must have required property "responses"\napi.yaml: 1 problem (OpenAPI 3.1.0)\n',
    );
    expect(loader.seen).toEqual([{ file: path.join(project.dir, 'api.yaml'), options: { allowRemoteRefs: true } }]);
  });

  it('exits 1 with error.format() when loading fails', async () => {
    const loader: SpecLoader = {
      loadSpec: () => Promise.reject(new SpecError('cannot read api.yaml', { code: 'SPEC_NOT_FOUND', file: 'api.yaml' })),
      validateSpec: () => Promise.resolve([]),
    };
    const result = await run(['validate', 'api.yaml'], project.dir, { loader });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('api.yaml: cannot read api.yaml\n');
  });

  it('exits 2 without a spec', async () => {
    const result = await run(['validate'], project.dir, { loader: fakeLoader([]) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/missing <spec>/);
  });
});
