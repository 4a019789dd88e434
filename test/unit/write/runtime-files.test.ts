import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../../src/write/package-root.js';
import { readRuntimeFiles, RUNTIME_FILE_HEADER } from '../../../src/write/runtime-files.js';

let scratch: string | undefined;
afterEach(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
  scratch = undefined;
});

describe('readRuntimeFiles', () => {
  it('copies every .ts file recursively, sorted, byte for byte behind the @ts-nocheck header, and nothing else', async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'apiwright-runtime-'));
    const files: Record<string, Buffer> = {
      'types.ts': Buffer.from('export type A = 1;\n'),
      'auth/index.ts': Buffer.from('\uFEFF// BOM kept\r\nexport const é = "ü€𝄞";\n'),
      'auth/oauth/pkce.ts': Buffer.from('export {};'),
    };
    for (const [name, bytes] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(scratch, name)), { recursive: true });
      await writeFile(path.join(scratch, name), bytes);
    }
    await writeFile(path.join(scratch, 'tsconfig.json'), '{}');
    await writeFile(path.join(scratch, 'README.md'), '# no');
    await writeFile(path.join(scratch, 'auth', 'notes.ts.bak'), 'no');

    const result = await readRuntimeFiles(scratch);
    expect(result.map((file) => file.path)).toEqual(['runtime/auth/index.ts', 'runtime/auth/oauth/pkce.ts', 'runtime/types.ts']);
    const header = Buffer.from(RUNTIME_FILE_HEADER, 'utf8');
    for (const file of result) {
      const original = files[file.path.slice('runtime/'.length)];
      if (!original) throw new Error(`unexpected ${file.path}`);
      // A byte-order mark stays the first character, before the header.
      const bom = original.subarray(0, 3).equals(Buffer.from('\uFEFF', 'utf8')) ? original.subarray(0, 3) : Buffer.alloc(0);
      const expected = Buffer.concat([bom, header, original.subarray(bom.length)]);
      expect(Buffer.from(file.content, 'utf8').equals(expected)).toBe(true);
    }
    expect(result[0]?.content.startsWith(`\uFEFF${RUNTIME_FILE_HEADER}// BOM kept`)).toBe(true);
  });

  it("reads the package's own runtime/ by default", async () => {
    const paths = (await readRuntimeFiles()).map((file) => file.path);
    expect(paths).toContain('runtime/client/descriptor.ts');
    expect(paths).toContain('runtime/auth/index.ts');
    expect(paths).toContain('runtime/util/version.ts');
    expect(paths).not.toContain('runtime/tsconfig.json');
    expect(paths.every((p) => p.startsWith('runtime/') && p.endsWith('.ts'))).toBe(true);
  });

  it('finds the package root by the package name', async () => {
    const manifest = JSON.parse(await readFile(path.join(findPackageRoot(), 'package.json'), 'utf8')) as { name: string };
    expect(manifest.name).toBe('apiwright');
  });
});
