import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlanError } from '../../../src/errors.js';
import { diffOutput } from '../../../src/write/diff-output.js';
import { writeOutput } from '../../../src/write/write-output.js';
import { createScratch } from './tree-helpers.js';

let scratch: Awaited<ReturnType<typeof createScratch>>;
let outDir: string;

const files = [
  { path: 'index.ts', content: 'export {};\n' },
  { path: 'client.gen.ts', content: '// client\n' },
  { path: 'endpoints/pets.gen.ts', content: '// pets\n' },
];

beforeEach(async () => {
  scratch = await createScratch();
  await mkdir(scratch.cwd, { recursive: true });
  outDir = path.join(scratch.cwd, 'client');
  await writeOutput(outDir, files, { cwd: scratch.cwd, home: scratch.home });
});
afterEach(async () => {
  await scratch.cleanup();
});

describe('diffOutput', () => {
  it('reports nothing when the folder is what would be written', async () => {
    expect(await diffOutput(outDir, files)).toEqual({ changed: [], added: [], removed: [] });
  });

  it('groups changed, added and removed files, sorted', async () => {
    const next = [
      { path: 'index.ts', content: 'export {};\n' },
      { path: 'client.gen.ts', content: '// client v2\n' },
      { path: 'types.gen.ts', content: '// types\n' },
    ];
    expect(await diffOutput(outDir, next)).toEqual({
      // The manifest lists the files, so it changes with them.
      changed: ['.apiwright-manifest.json', 'client.gen.ts'],
      added: ['types.gen.ts'],
      removed: ['endpoints/pets.gen.ts'],
    });
  });

  it('reports a file edited by hand, even when only a byte differs', async () => {
    await writeFile(path.join(outDir, 'index.ts'), 'export {};\r\n');
    expect((await diffOutput(outDir, files)).changed).toEqual(['index.ts']);
  });

  it('reports extra files a user added as removed, but ignores OS junk', async () => {
    await writeFile(path.join(outDir, 'extra.ts'), '');
    await writeFile(path.join(outDir, '.DS_Store'), '');
    await writeFile(path.join(outDir, 'endpoints', 'Thumbs.db'), '');
    expect(await diffOutput(outDir, files)).toEqual({ changed: [], added: [], removed: ['extra.ts'] });
  });

  it('reports a deleted manifest as added', async () => {
    await rm(path.join(outDir, '.apiwright-manifest.json'));
    expect((await diffOutput(outDir, files)).added).toEqual(['.apiwright-manifest.json']);
  });

  it('reports everything as added when the folder does not exist', async () => {
    const diff = await diffOutput(path.join(scratch.cwd, 'missing'), files);
    expect(diff.added).toEqual(['.apiwright-manifest.json', 'client.gen.ts', 'endpoints/pets.gen.ts', 'index.ts']);
    expect(diff.changed).toEqual([]);
    expect(diff.removed).toEqual([]);
  });

  it('refuses unconfined paths', async () => {
    await expect(diffOutput(outDir, [{ path: '../evil', content: '' }])).rejects.toBeInstanceOf(PlanError);
  });
});
