/**
 * Compatibility row: the strict ESM nodenext preset compiled by TypeScript 7 (the native compiler,
 * `typescript7` alias) — fast enough to take GitHub's and OpenAI's specs too.
 */
import { expect, it } from 'vitest';
import { baseSpecs, bigSpecs, compile, compilerVersion, generateRow, strictEsmOptions } from './compat-harness.js';

it('generated clients compile with TypeScript 7', async () => {
  expect(await compilerVersion('typescript7')).toMatch(/^Version 7\./);
  const dir = await generateRow('typescript-7', [...baseSpecs, ...bigSpecs]);
  const errors = await compile(dir, {
    compiler: 'typescript7',
    tsconfig: { compilerOptions: strictEsmOptions, include: ['*/index.ts'] },
    packageJson: { type: 'module' },
  });
  expect(errors.slice(0, 20)).toEqual([]);
}, 600_000);
