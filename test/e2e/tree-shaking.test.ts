/**
 * The standalone style tree-shakes for real: one call on GitHub's spec (1,000+ operations, with
 * validators), bundled by esbuild for the browser, holds that operation's path and no other, and
 * is a fraction of the `createClient` facade's bundle. Sizes are printed, not asserted (bench:size
 * is the benchmark).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/generate.js';
import { corpusDir, generatedDir } from '../support/paths.js';

const spec = path.join(corpusDir, 'github-api.json');
let dir = '';

/** Bundles `source` (an entry file in `dir`) minified for the browser; returns the code. */
async function bundle(name: string, source: string): Promise<string> {
  const entry = path.join(dir, `${name}.entry.ts`);
  writeFileSync(entry, source);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

/** Every path of the spec that appears in `code` as a whole string literal. */
function pathsIn(code: string, paths: readonly string[]): string[] {
  return paths.filter((p) => [`"${p}"`, `'${p}'`, `\`${p}\``].some((literal) => code.includes(literal)));
}

describe('tree-shaking: one standalone call on GitHub', () => {
  let paths: string[] = [];
  beforeAll(async () => {
    dir = generatedDir('e2e', 'tree-shaking');
    await generate({ spec, out: path.join(dir, 'client') });
    // `/` alone is in the runtime's own code (URL joining); every other path names one operation.
    paths = Object.keys((JSON.parse(readFileSync(spec, 'utf8')) as { paths: Record<string, unknown> }).paths).filter(
      (p) => p !== '/',
    );
  }, 180_000);

  it('bundles that operation only, with its validators', async () => {
    const standalone = await bundle(
      'standalone',
      `import { createCoreClient } from './client/index.js';\nimport { get } from './client/endpoints/repos.gen.js';\n` +
        `const core = createCoreClient({ auth: { bearerAuth: 't' } });\nexport const run = () => get(core, { owner: 'o', repo: 'r' });\n`,
    );
    const facade = await bundle(
      'facade',
      `import { createClient } from './client/index.js';\nconst c = createClient({ auth: { bearerAuth: 't' } });\n` +
        `export const run = () => c.repos.get({ owner: 'o', repo: 'r' });\n`,
    );
    const kb = (code: string): string => `${(Buffer.byteLength(code) / 1024).toFixed(1)} kB`;
    console.log(`one call, minified: standalone ${kb(standalone)}, createClient facade ${kb(facade)}`);

    expect(pathsIn(standalone, paths)).toEqual(['/repos/{owner}/{repo}']);
    // The facade binds every operation: the same check finds hundreds of paths there.
    expect(pathsIn(facade, paths).length).toBeGreaterThan(paths.length / 2);
    expect(Buffer.byteLength(standalone)).toBeLessThan(Buffer.byteLength(facade) / 4);
  }, 120_000);
});
