/**
 * The standalone style tree-shakes for real: one call on GitHub's spec (1,000+ operations, with
 * validators), bundled by esbuild for the browser, holds that operation's path and no other, and
 * is a fraction of the `createClient` facade's bundle. On the petstore fixture (API key, bearer and
 * OAuth schemes; a paginated operation), one API-key call bundles no OAuth, PKCE, JWT, cache,
 * pagination or transform code, while the facade with those features on holds all of it. Sizes
 * are printed, not asserted (bench:size is the benchmark).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/generate.js';
import { corpusDir, fixturesDir, generatedDir, repoRoot } from '../support/paths.js';

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

/**
 * Strings only one runtime feature's code holds (minification keeps string literals), by feature.
 * Each is checked present in the everything-on bundle, so a renamed string cannot make the
 * absence check pass vacuously.
 */
const featureMarkers: Record<string, readonly string[]> = {
  'OAuth token endpoint': ['client_credentials', 'invalid_grant', 'client_secret_basic'],
  'PKCE / authorization code': ['code_challenge_method'],
  'JWT expiry of bearer tokens': ['ExpiredTokenError'],
  'response cache': ['no-store', 'CacheEntryMissingError'],
  pagination: ['PaginationLoopError', '$lastItem'],
};

/** The same, for the parts a bare core client leaves out and `defaultParts` hands in. */
const partMarkers: Record<string, readonly string[]> = {
  retries: ['x-should-retry', 'retry-budget-exhausted'],
  'circuit breaker': ['half_open', 'probeSuccesses'],
  'rate limiter': ['requestsPerSecond', 'Client-side rate limit'],
  'observability (logs, events, metrics)': ['successRate', 'will retry'],
  // Deep redacted copies (redactValue) serve logs and events only; the quiet observer redacts text.
  'redaction of logged values': ['[Circular]', '[Truncated]'],
  'request validation': ['invalid request, nothing was sent'],
};

/**
 * A module's top-level statement that a bundler cannot prove free of side effects (`64 * 1024`,
 * `new TextEncoder()` not marked pure, a `new RegExp()` from a template) stays in every bundle that
 * reaches the runtime's index, used or not. Importing the runtime only for its side effects shows
 * them all: nothing may remain.
 */
describe('tree-shaking: one API-key call on the petstore fixture', () => {
  let standalone = '';
  let withParts = '';
  let everything = '';
  beforeAll(async () => {
    dir = generatedDir('e2e', 'tree-shaking-petstore');
    await generate({ spec: path.join(fixturesDir, 'petstore/openapi.yaml'), out: path.join(dir, 'client') });
    const call = `import { getPetById } from './client/endpoints/pets.gen.js';\nexport const run = () => getPetById(core, { petId: '1' });\n`;
    standalone = await bundle(
      'api-key-call',
      `import { createCoreClient } from './client/index.js';\nconst core = createCoreClient({ auth: { apiKey: 'k' } });\n${call}`,
    );
    withParts = await bundle(
      'api-key-call-default-parts',
      `import { createCoreClient, defaultParts } from './client/index.js';\n` +
        `const core = createCoreClient({ auth: { apiKey: 'k' } }, defaultParts);\n${call}`,
    );
    everything = await bundle(
      'everything',
      `import { createClient } from './client/index.js';\n` +
        `const c = createClient({ auth: { apiKey: 'k', oauth2: { clientId: 'i', clientSecret: 's' } }, cache: true });\n` +
        `export const run = async () => { for await (const p of c.pets.listPets()) void p; ` +
        `await c.pets.deletePet({ petId: '1' }); return c.store.placeOrder({ body: { petId: '1', quantity: 1 } }); };\n`,
    );
    const kb = (code: string): string => `${(Buffer.byteLength(code) / 1024).toFixed(1)} kB`;
    console.log(
      `petstore, minified: one API-key call on a bare core ${kb(standalone)}, with defaultParts ${kb(withParts)}, ` +
        `facade with every feature ${kb(everything)}`,
    );
  }, 180_000);

  it.each(Object.entries(featureMarkers))('holds no %s code, with or without the default parts', (_feature, markers) => {
    for (const marker of markers) {
      expect(everything, `${marker} is in the everything-on bundle`).toContain(marker);
      expect(standalone, `${marker} is not in the bare core call's bundle`).not.toContain(marker);
      expect(withParts, `${marker} is not in the default-parts call's bundle`).not.toContain(marker);
    }
  });

  it.each(Object.entries(partMarkers))('on a bare core client, holds no %s code', (_part, markers) => {
    for (const marker of markers) {
      expect(everything, `${marker} is in the everything-on bundle`).toContain(marker);
      expect(withParts, `${marker} is in the default-parts call's bundle`).toContain(marker);
      expect(standalone, `${marker} is not in the bare core call's bundle`).not.toContain(marker);
    }
  });

  it('holds OAuth 2.0 but no OpenID Connect discovery when the spec declares no openIdConnect scheme', async () => {
    // The marker is discovery's own: a bundle of the openIdConnect scheme kind holds it (from the
    // repository's runtime: this client's runtime has no openIdConnect kind to bundle).
    const kind = path.join(repoRoot, 'runtime/auth/openid-connect-scheme.ts');
    const oidc = await bundle(
      'openid-connect-kind',
      `import { openIdConnectScheme } from ${JSON.stringify(kind)};\nexport const kinds = [openIdConnectScheme];\n`,
    );
    expect(existsSync(path.join(dir, 'client/runtime/auth/openid-connect-scheme.ts'))).toBe(false);
    expect(oidc).toContain('openid-configuration');
    expect(everything).toContain('client_credentials');
    expect(everything).not.toContain('openid-configuration');
  });

  it('still holds what the call needs: its path, the API-key header and the typed errors', () => {
    expect(standalone).toContain('/pets/{petId}');
    expect(standalone).toContain('X-API-Key');
    expect(standalone).toContain('NotFoundError');
  });

  it('importing runtime/index.ts for its side effects keeps no code of any other module', async () => {
    const entry = path.join(dir, 'side-effects.entry.ts');
    writeFileSync(entry, `import './client/runtime/index.js';\n`);
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const output = Object.values(result.metafile.outputs)[0];
    const kept = Object.entries(output?.inputs ?? {})
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([file]) => file.slice(file.indexOf('runtime/')))
      .filter((file) => file.startsWith('runtime/'));
    // Non-vacuous: the whole runtime was walked.
    expect(Object.keys(result.metafile.inputs).filter((file) => file.includes('runtime/')).length).toBeGreaterThan(50);
    expect(kept).toEqual([]);
  }, 60_000);
});
