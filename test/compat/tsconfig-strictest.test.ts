/**
 * Compatibility row: `@tsconfig/strictest` (noUnusedLocals/Parameters, noImplicitReturns,
 * noPropertyAccessFromIndexSignature, exactOptionalPropertyTypes, checkJs …) extended with nodenext,
 * as its README suggests, TypeScript 5.9, skipLibCheck off for the client's own files.
 */
import { expect, it } from 'vitest';
import { baseSpecs, compile, generateRow } from './compat-harness.js';
import { strictestTsconfig } from './presets.js';

it('generated clients compile under @tsconfig/strictest', async () => {
  const dir = await generateRow('tsconfig-strictest', baseSpecs);
  const errors = await compile(dir, {
    compiler: 'typescript',
    tsconfig: { ...strictestTsconfig, include: ['*/index.ts'] },
    packageJson: { type: 'module' },
  });
  expect(errors.slice(0, 20)).toEqual([]);
}, 600_000);
