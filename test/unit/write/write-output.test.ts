import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiwrightError, PlanError } from '../../../src/errors.js';
import { nodeWriteFs, type WriteFs } from '../../../src/write/write-fs.js';
import { writeOutput } from '../../../src/write/write-output.js';
import { createScratch, readTree } from './tree-helpers.js';

let scratch: Awaited<ReturnType<typeof createScratch>>;
let outDir: string;
const options = () => ({ cwd: scratch.cwd, home: scratch.home });

beforeEach(async () => {
  scratch = await createScratch();
  await mkdir(scratch.cwd, { recursive: true });
  await mkdir(scratch.home, { recursive: true });
  outDir = path.join(scratch.cwd, 'client');
});
afterEach(async () => {
  await scratch.cleanup();
});

const v1 = [
  { path: 'index.ts', content: 'export * from "./client.gen.js";\n' },
  { path: 'client.gen.ts', content: '// v1\n' },
  { path: 'endpoints/pets.gen.ts', content: '// pets v1\n' },
];

/** Names in the folder holding outDir: what a failed run might leave behind. */
const siblings = () => readdir(scratch.cwd);

describe('writeOutput', () => {
  it('writes every file and a sorted manifest into a new folder', async () => {
    const result = await writeOutput(outDir, v1, options());
    expect(result).toEqual({ written: ['client.gen.ts', 'endpoints/pets.gen.ts', 'index.ts'], removed: [] });
    const tree = await readTree(outDir);
    expect(tree['client.gen.ts']).toBe('// v1\n');
    expect(tree['endpoints/pets.gen.ts']).toBe('// pets v1\n');
    expect(JSON.parse(tree['.apiwright-manifest.json'] ?? '')).toEqual({
      generator: 'apiwright',
      files: ['client.gen.ts', 'endpoints/pets.gen.ts', 'index.ts'],
    });
    expect(await siblings()).toEqual(['client']);
  });

  it('replaces the previous output and removes files no longer generated', async () => {
    await writeOutput(outDir, v1, options());
    const v2 = [
      { path: 'index.ts', content: 'export * from "./client.gen.js";\n' },
      { path: 'client.gen.ts', content: '// v2\n' },
    ];
    const result = await writeOutput(outDir, v2, options());
    expect(result.removed).toEqual(['endpoints/pets.gen.ts']);
    expect(Object.keys(await readTree(outDir))).toEqual(['.apiwright-manifest.json', 'client.gen.ts', 'index.ts']);
    expect((await readTree(outDir))['client.gen.ts']).toBe('// v2\n');
    expect(await siblings()).toEqual(['client']);
  });

  it('gives byte-identical output for the same input in any order', async () => {
    const other = path.join(scratch.cwd, 'client-b');
    await writeOutput(outDir, v1, options());
    await writeOutput(other, [...v1].reverse(), options());
    expect(await readTree(other)).toEqual(await readTree(outDir));
  });

  it.each([['../../evil'], ['/tmp/evil.ts'], ['a/../../b'], ['a\0b'], ['..\\evil']])(
    'refuses %j before touching the disk, leaving the previous output untouched',
    async (bad) => {
      await writeOutput(outDir, v1, options());
      const before = await readTree(outDir);
      await expect(
        writeOutput(
          outDir,
          [
            { path: 'client.gen.ts', content: '// v2\n' },
            { path: bad, content: 'x' },
          ],
          options(),
        ),
      ).rejects.toBeInstanceOf(PlanError);
      expect(await readTree(outDir)).toEqual(before);
      expect(await siblings()).toEqual(['client']);
      expect(await readdir(scratch.root)).toEqual(['home', 'project']);
    },
  );

  it('removes the temporary folder and keeps the previous output when a write fails midway', async () => {
    await writeOutput(outDir, v1, options());
    const before = await readTree(outDir);
    let writes = 0;
    const failing: WriteFs = {
      ...nodeWriteFs,
      writeFile: (async (...args: Parameters<WriteFs['writeFile']>) => {
        if (++writes === 2) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
        return nodeWriteFs.writeFile(...args);
      }) as WriteFs['writeFile'],
    };
    // More files than are written at once: after the failure, no new write starts.
    const v2 = Array.from({ length: 60 }, (_, i) => ({ path: `endpoints/tag${i}.gen.ts`, content: `// ${i} v2\n` }));
    const error: unknown = await writeOutput(outDir, v2, { ...options(), fs: failing }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiwrightError);
    expect((error as ApiwrightError).code).toBe('OUTPUT_WRITE_FAILED');
    expect((error as ApiwrightError).message).toContain('disk full');
    expect(writes).toBeGreaterThanOrEqual(2);
    expect(writes).toBeLessThan(v2.length);
    expect(await readTree(outDir)).toEqual(before);
    expect(await siblings()).toEqual(['client']);
  });

  it('puts the previous output back when the final rename fails', async () => {
    await writeOutput(outDir, v1, options());
    const before = await readTree(outDir);
    let renames = 0;
    const failing: WriteFs = {
      ...nodeWriteFs,
      rename: async (from, to) => {
        // 1st: old output aside; 2nd: temporary folder into place (fails); 3rd: old output back.
        if (++renames === 2) throw new Error('rename refused');
        return nodeWriteFs.rename(from, to);
      },
    };
    await expect(writeOutput(outDir, [{ path: 'x.ts', content: '' }], { ...options(), fs: failing })).rejects.toThrow(
      /rename refused/,
    );
    expect(renames).toBe(3);
    expect(await readTree(outDir)).toEqual(before);
    expect(await siblings()).toEqual(['client']);
  });

  it('refuses to replace a non-empty folder apiwright did not write', async () => {
    await mkdir(outDir);
    await writeFile(path.join(outDir, 'notes.md'), 'mine');
    await expect(writeOutput(outDir, v1, options())).rejects.toMatchObject({ code: 'OUTPUT_DIR_NOT_GENERATED' });
    expect(await readTree(outDir)).toEqual({ 'notes.md': 'mine' });
    expect(await siblings()).toEqual(['client']);
  });

  it('fills an existing empty folder', async () => {
    await mkdir(outDir);
    await writeOutput(outDir, v1, options());
    expect(Object.keys(await readTree(outDir))).toContain('index.ts');
  });

  it('writes through a symbolic link to the output folder and keeps the link', async () => {
    const real = path.join(scratch.root, 'real-client');
    await writeOutput(real, v1, options());
    await symlink(real, outDir);
    await writeOutput(outDir, [{ path: 'index.ts', content: '// linked\n' }], options());
    expect((await readTree(real))['index.ts']).toBe('// linked\n');
    expect((await readTree(outDir))['index.ts']).toBe('// linked\n');
  });

  it.each([
    ['the working directory', (s: typeof scratch) => s.cwd],
    ['a parent of the working directory', (s: typeof scratch) => s.root],
    ['the home directory', (s: typeof scratch) => s.home],
    ['the file-system root', () => path.parse(process.cwd()).root],
  ])('refuses %s as the output folder', async (_, pick) => {
    await expect(writeOutput(pick(scratch), v1, options())).rejects.toMatchObject({ code: 'OUTPUT_DIR_PROTECTED' });
  });

  it('refuses an output folder that holds the spec', async () => {
    const specDir = path.join(scratch.cwd, 'api');
    await mkdir(specDir);
    await writeFile(path.join(specDir, 'openapi.yaml'), 'openapi: 3.1.0\n');
    await expect(writeOutput(specDir, v1, { ...options(), specFile: 'api/openapi.yaml' })).rejects.toMatchObject({
      code: 'OUTPUT_DIR_PROTECTED',
    });
    expect(await readdir(specDir)).toEqual(['openapi.yaml']);
  });

  it('resolves a relative output folder against cwd', async () => {
    await writeOutput('nested/client', v1, options());
    expect(Object.keys(await readTree(path.join(scratch.cwd, 'nested', 'client')))).toContain('index.ts');
  });
});
