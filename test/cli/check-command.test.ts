import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject, emptyStats, run } from './cli-harness.js';

let project: Awaited<ReturnType<typeof createProject>>;
beforeEach(async () => {
  project = await createProject();
});
afterEach(async () => {
  await project.cleanup();
});

describe('apiwright check', () => {
  it('exits 0 and says so when the output is up to date', async () => {
    const result = await run(['check', 'api.yaml', '--out', 'client'], project.dir, {
      generate: (options) =>
        Promise.resolve({
          outDir: options.out,
          stats: emptyStats,
          files: ['index.ts'],
          stale: { changed: [], added: [], removed: [] },
          warnings: [],
        }),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('client is up to date\n');
    expect(result.calls[0]).toMatchObject({ check: true, out: path.join(project.dir, 'client') });
  });

  it('exits 1 and lists the differing files by group when stale', async () => {
    const result = await run(['check', 'api.yaml', '--out', 'client'], project.dir, {
      generate: (options) =>
        Promise.resolve({
          outDir: options.out,
          stats: emptyStats,
          files: ['index.ts'],
          stale: { changed: ['client.gen.ts', 'types.gen.ts'], added: ['endpoints/pets.gen.ts'], removed: ['old.gen.ts'] },
          warnings: [],
        }),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        'client is out of date with api.yaml (4 files differ):',
        '  changed:',
        '    client.gen.ts',
        '    types.gen.ts',
        '  missing (would be created):',
        '    endpoints/pets.gen.ts',
        '  no longer generated (would be deleted):',
        '    old.gen.ts',
        'Run `apiwright generate api.yaml --out client` and commit the result.',
        '',
      ].join('\n'),
    );
  });

  it('treats a result without `stale` as up to date', async () => {
    const result = await run(['check', 'api.yaml', '--out', 'client'], project.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('client is up to date\n');
  });

  it('exits 2 without an output folder', async () => {
    expect((await run(['check', 'api.yaml'], project.dir)).code).toBe(2);
  });
});
