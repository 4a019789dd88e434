/**
 * Compatibility rows for the runtime's own code. A generated client's copy of the runtime opens
 * with `// @ts-nocheck` (src/write/runtime-files.ts), so the client rows no longer check the
 * runtime's function bodies; these check the runtime's sources directly, under the compilers and
 * presets of the client rows that differ from `npm run typecheck` (TypeScript 5.9, nodenext,
 * runtime/tsconfig.json): TypeScript 5.4 and 7, `@tsconfig/strictest`, Vite's and Next.js's.
 */
import path from 'node:path';
import { expect, it } from 'vitest';
import { generatedDir, repoRoot } from '../support/paths.js';
import { compile, compilerVersion, strictEsmOptions, type Compiler } from './compat-harness.js';
import { nextTsconfig, strictestTsconfig, viteAppTsconfig } from './presets.js';

// Everything the runtime's public surface reaches, as the client rows compiled it (their `*/index.ts`).
const include = [path.join(repoRoot, 'runtime', 'index.ts')];

interface Row {
  name: string;
  compiler: Compiler;
  version: RegExp;
  tsconfig: Record<string, unknown>;
}

const rows: Row[] = [
  {
    name: 'typescript-5.4',
    compiler: 'typescript54',
    version: /^Version 5\.4\./,
    tsconfig: { compilerOptions: strictEsmOptions },
  },
  { name: 'typescript-7', compiler: 'typescript7', version: /^Version 7\./, tsconfig: { compilerOptions: strictEsmOptions } },
  { name: 'tsconfig-strictest', compiler: 'typescript', version: /^Version 5\.9\./, tsconfig: strictestTsconfig },
  { name: 'vite-react-ts', compiler: 'typescript', version: /^Version 5\.9\./, tsconfig: { compilerOptions: viteAppTsconfig } },
  { name: 'nextjs', compiler: 'typescript', version: /^Version 5\.9\./, tsconfig: { compilerOptions: nextTsconfig } },
];

it.each(rows)(
  'the runtime compiles under $name',
  async ({ name, compiler, version, tsconfig }) => {
    expect(await compilerVersion(compiler)).toMatch(version);
    const dir = generatedDir('compat', `runtime-sources-${name}`);
    const errors = await compile(dir, { compiler, tsconfig: { ...tsconfig, include }, packageJson: { type: 'module' } });
    expect(errors.slice(0, 20)).toEqual([]);
  },
  300_000,
);
