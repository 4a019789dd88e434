/**
 * Compatibility row: the tsconfig.json `create-next-app` writes (bundler resolution,
 * isolatedModules, allowJs, esModuleInterop, target ES2017), with @types/node loaded as in a Next.js
 * app (the client must not clash with Node's globals), TypeScript 5.9. Next's package.json has no
 * `"type"`; bundler resolution does not care.
 */
import { expect, it } from 'vitest';
import { baseSpecs, compile, generateRow } from './compat-harness.js';
import { nextTsconfig } from './presets.js';

it("generated clients compile under Next.js's default tsconfig", async () => {
  const dir = await generateRow('nextjs', baseSpecs);
  const errors = await compile(dir, {
    compiler: 'typescript',
    tsconfig: { compilerOptions: nextTsconfig, include: ['*/index.ts'] },
    packageJson: {},
  });
  expect(errors.slice(0, 20)).toEqual([]);
}, 600_000);
