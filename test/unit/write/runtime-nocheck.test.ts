/**
 * The `// @ts-nocheck` header on the copied runtime (runtime-files.ts): the user's compiler skips
 * checking the runtime's code but still reads its types, under TypeScript 5.9 and 7. The control
 * (the same files without the header) shows the fixture's error is one the compiler reports.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { RUNTIME_FILE_HEADER } from '../../../src/write/runtime-files.js';
import { generatedDir } from '../../support/paths.js';
import { strictCompilerOptions, typecheck } from '../../support/typecheck.js';

/** A runtime module with an error in a function body, and a user file that misuses its exported type. */
function writeProject(name: string, header: string): string {
  const dir = generatedDir('unit', `runtime-nocheck-${name}`);
  mkdirSync(path.join(dir, 'runtime'));
  writeFileSync(
    path.join(dir, 'runtime', 'index.ts'),
    `${header}export function count(items: readonly string[]): number {\n  const wrong: number = 'not a number';\n  return items.length + wrong;\n}\n`,
  );
  writeFileSync(
    path.join(dir, 'main.ts'),
    "import { count } from './runtime/index.js';\nexport const total: string = count([]);\n",
  );
  return dir;
}

/** `file:code` of each error TypeScript 5.9 reports, through its API. */
function typecheck59(dir: string): string[] {
  const { options } = ts.convertCompilerOptionsFromJson(strictCompilerOptions, dir);
  const program = ts.createProgram([path.join(dir, 'main.ts')], options);
  return ts.getPreEmitDiagnostics(program).map(
    (d) =>
      `${path
        .relative(dir, d.file?.fileName ?? '?')
        .split(path.sep)
        .join('/')}:TS${d.code}`,
  );
}

describe('the runtime header', () => {
  it('makes TypeScript 5.9 skip the runtime but check what the user does with its types', () => {
    expect(typecheck59(writeProject('59', RUNTIME_FILE_HEADER))).toEqual(['main.ts:TS2322']);
    expect(typecheck59(writeProject('59-control', '')).sort()).toEqual(['main.ts:TS2322', 'runtime/index.ts:TS2322']);
  });

  it('does the same under TypeScript 7', async () => {
    const codes = async (header: string, name: string): Promise<string[]> => {
      const dir = writeProject(name, header);
      // tsc prints paths relative to the working folder.
      const relative = (file: string): string => path.relative(dir, path.resolve(file)).split(path.sep).join('/');
      return (await typecheck(dir, ['main.ts'])).map((e) => `${relative(e.file)}:${e.code}`).sort();
    };
    expect(await codes(RUNTIME_FILE_HEADER, '7')).toEqual(['main.ts:TS2322']);
    expect(await codes('', '7-control')).toEqual(['main.ts:TS2322', 'runtime/index.ts:TS2322']);
  });
});
