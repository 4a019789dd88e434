/**
 * Compatibility row: the tsconfig.app.json of `npm create vite@latest -- --template react-ts`
 * (bundler resolution, noUnusedLocals, noUnusedParameters, erasableSyntaxOnly,
 * verbatimModuleSyntax, noUncheckedSideEffectImports), TypeScript 5.9. `types: ["vite/client"]` is
 * left out: vite is not installed here, and it only declares `import.meta.env` and asset imports.
 */
import { expect, it } from 'vitest';
import { baseSpecs, compile, generateRow } from './compat-harness.js';

const viteAppTsconfig = {
  target: 'ES2022',
  useDefineForClassFields: true,
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  module: 'ESNext',
  types: [],
  skipLibCheck: true,
  moduleResolution: 'bundler',
  allowImportingTsExtensions: true,
  verbatimModuleSyntax: true,
  moduleDetection: 'force',
  noEmit: true,
  jsx: 'react-jsx',
  strict: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  erasableSyntaxOnly: true,
  noFallthroughCasesInSwitch: true,
  noUncheckedSideEffectImports: true,
};

it("generated clients compile under a Vite react-ts app's tsconfig", async () => {
  const dir = await generateRow('vite-react-ts', baseSpecs);
  const errors = await compile(dir, {
    compiler: 'typescript',
    tsconfig: { compilerOptions: viteAppTsconfig, include: ['*/index.ts'] },
    packageJson: { type: 'module' },
  });
  expect(errors.slice(0, 20)).toEqual([]);
}, 600_000);
