/**
 * The tsconfig presets of the project rows, shared by the rows that compile generated clients and
 * runtime-sources.test.ts, which compiles the runtime's own sources under the same presets.
 */
import { createRequire } from 'node:module';

/**
 * The tsconfig.app.json of `npm create vite@latest -- --template react-ts`. `types: ["vite/client"]`
 * is left out: vite is not installed here, and it only declares `import.meta.env` and asset imports.
 */
export const viteAppTsconfig = {
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

/** The tsconfig.json `create-next-app` writes, with @types/node loaded as in a Next.js app. */
export const nextTsconfig = {
  target: 'ES2017',
  lib: ['dom', 'dom.iterable', 'esnext'],
  allowJs: true,
  skipLibCheck: true,
  strict: true,
  noEmit: true,
  esModuleInterop: true,
  module: 'esnext',
  moduleResolution: 'bundler',
  resolveJsonModule: true,
  isolatedModules: true,
  jsx: 'preserve',
  types: ['node'],
};

/** `@tsconfig/strictest` extended with nodenext, as its README suggests (the tsconfig's `extends` and `compilerOptions`). */
export const strictestTsconfig = {
  extends: createRequire(import.meta.url).resolve('@tsconfig/strictest/tsconfig.json'),
  compilerOptions: { module: 'nodenext', target: 'ES2022', lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [], noEmit: true },
};
