/**
 * Compatibility row: the tsconfig.app.json of `npm create vite@latest -- --template react-ts`
 * (bundler resolution, noUnusedLocals, noUnusedParameters, erasableSyntaxOnly,
 * verbatimModuleSyntax, noUncheckedSideEffectImports), TypeScript 5.9 (presets.ts).
 */
import { expect, it } from 'vitest';
import { baseSpecs, compile, generateRow } from './compat-harness.js';
import { viteAppTsconfig } from './presets.js';

it("generated clients compile under a Vite react-ts app's tsconfig", async () => {
  const dir = await generateRow('vite-react-ts', baseSpecs);
  const errors = await compile(dir, {
    compiler: 'typescript',
    tsconfig: { compilerOptions: viteAppTsconfig, include: ['*/index.ts'] },
    packageJson: { type: 'module' },
  });
  expect(errors.slice(0, 20)).toEqual([]);
}, 600_000);
