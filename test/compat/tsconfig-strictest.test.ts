/**
 * Compatibility row: `@tsconfig/strictest` (noUnusedLocals/Parameters, noImplicitReturns,
 * noPropertyAccessFromIndexSignature, exactOptionalPropertyTypes, checkJs …) extended with nodenext,
 * as its README suggests, TypeScript 5.9, skipLibCheck off for the client's own files.
 */
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { baseSpecs, compile, generateRow } from './compat-harness.js';

const strictest = createRequire(import.meta.url).resolve('@tsconfig/strictest/tsconfig.json');

it('generated clients compile under @tsconfig/strictest', async () => {
  const dir = await generateRow('tsconfig-strictest', baseSpecs);
  const errors = await compile(dir, {
    compiler: 'typescript',
    tsconfig: {
      extends: strictest,
      compilerOptions: { module: 'nodenext', target: 'ES2022', lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [], noEmit: true },
      include: ['*/index.ts'],
    },
    packageJson: { type: 'module' },
  });
  expect(errors.slice(0, 20)).toEqual([]);
}, 600_000);
