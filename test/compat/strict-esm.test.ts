/**
 * Compatibility row: an ESM package (`"type": "module"`) under strict + noUncheckedIndexedAccess +
 * exactOptionalPropertyTypes + verbatimModuleSyntax + nodenext, without @types/node, TypeScript 5.9 —
 * including GitHub's 13 MB spec.
 */
import { expect, it } from 'vitest';
import { baseSpecs, bigSpecs, compile, compilerVersion, generateRow, strictEsmOptions } from './compat-harness.js';

it('generated clients compile in a strict ESM nodenext package (TypeScript 5.9)', async () => {
  expect(await compilerVersion('typescript')).toMatch(/^Version 5\.9\./);
  const specs = [...baseSpecs, ...bigSpecs.filter((s) => s.name === 'github-api')];
  const dir = await generateRow('strict-esm', specs);
  const errors = await compile(dir, {
    compiler: 'typescript',
    tsconfig: { compilerOptions: strictEsmOptions, include: ['*/index.ts'] },
    packageJson: { type: 'module' },
  });
  expect(errors.slice(0, 20)).toEqual([]);
}, 600_000);
