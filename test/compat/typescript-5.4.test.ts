/** Compatibility row: the strict ESM nodenext preset compiled by TypeScript 5.4 (the `typescript54` alias). */
import { expect, it } from 'vitest';
import { baseSpecs, compile, compilerVersion, generateRow, strictEsmOptions } from './compat-harness.js';

it('generated clients compile with TypeScript 5.4', async () => {
  expect(await compilerVersion('typescript54')).toMatch(/^Version 5\.4\./);
  const dir = await generateRow('typescript-5.4', baseSpecs);
  const errors = await compile(dir, {
    compiler: 'typescript54',
    tsconfig: { compilerOptions: strictEsmOptions, include: ['*/index.ts'] },
    packageJson: { type: 'module' },
  });
  expect(errors.slice(0, 20)).toEqual([]);
}, 600_000);
