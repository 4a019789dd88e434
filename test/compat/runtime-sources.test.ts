/**
 * Compatibility rows for the runtime's own code. A generated client's copy of the runtime opens
 * with `// @ts-nocheck` (src/write/runtime-files.ts), so the client rows no longer check the
 * runtime's function bodies; these check the runtime's sources directly, under the compilers and
 * presets the client rows use: TypeScript 5.4, TypeScript 7 and `@tsconfig/strictest`.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect, it } from 'vitest';
import { generatedDir, repoRoot } from '../support/paths.js';
import { compile, compilerVersion, strictEsmOptions, type Compiler } from './compat-harness.js';

const strictest = createRequire(import.meta.url).resolve('@tsconfig/strictest/tsconfig.json');
// Everything the runtime's public surface reaches, as the client rows compiled it (their `*/index.ts`).
const include = [path.join(repoRoot, 'runtime', 'index.ts')];
const rows: { name: string; compiler: Compiler; version: RegExp; tsconfig: Record<string, unknown> }[] = [
  {
    name: 'typescript-5.4',
    compiler: 'typescript54',
    version: /^Version 5\.4\./,
    tsconfig: { compilerOptions: strictEsmOptions, include },
  },
  {
    name: 'typescript-7',
    compiler: 'typescript7',
    version: /^Version 7\./,
    tsconfig: { compilerOptions: strictEsmOptions, include },
  },
  {
    name: 'tsconfig-strictest',
    compiler: 'typescript',
    version: /^Version 5\.9\./,
    tsconfig: {
      extends: strictest,
      compilerOptions: { module: 'nodenext', target: 'ES2022', lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [], noEmit: true },
      include,
    },
  },
];

it.each(rows)(
  'the runtime compiles under $name',
  async ({ name, compiler, version, tsconfig }) => {
    expect(await compilerVersion(compiler)).toMatch(version);
    const dir = generatedDir('compat', `runtime-sources-${name}`);
    const errors = await compile(dir, { compiler, tsconfig, packageJson: { type: 'module' } });
    expect(errors.slice(0, 20)).toEqual([]);
  },
  300_000,
);
