#!/usr/bin/env node
// npm run bench:size — what a generated client adds to a browser bundle: esbuild (minified, ESM,
// browser, tree-shaking on), raw and gzipped, for
//   (a)  one standalone call (createCoreClient + one endpoint function) with an API key on the
//        petstore fixture, default options,
//   (a') the same with retries, breaker, limiter and cache off (options read at run time: their code
//        stays, so (a') measures what the default pipeline costs without them),
//   (b)  one standalone call on GitHub's spec (13 MB, 1,000+ operations), validators included,
//   (b') the same generated with --no-validators (what a call's validators add),
//   (f)  one call through the createClient facade on GitHub's spec (binds every operation),
//   (c)  the petstore fixture with cache, a client-side rate limit, pagination and batch on,
//   (d)  (a) with the response cache on a core client (`cache: responseCache()`): what the cache adds,
// and checks that (b) holds no other operation's path (tree-shaking that silently stopped working).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'bench/out/size');
const github = path.join(root, '../shared/corpus/dev/github-api.json');

function generate(spec, name, ...flags) {
  execFileSync(
    process.execPath,
    [path.join(root, 'bin/apiwright.js'), 'generate', spec, '--out', path.join(out, name), '--quiet', ...flags],
    {
      stdio: 'inherit',
    },
  );
}

function bundle(name, source) {
  const entry = path.join(out, `${name}.entry.ts`);
  const outfile = path.join(out, `${name}.bundle.js`);
  writeFileSync(entry, source);
  execFileSync(
    path.join(root, 'node_modules/.bin/esbuild'),
    [entry, '--bundle', '--minify', '--format=esm', '--platform=browser', `--outfile=${outfile}`, '--log-level=error'],
    { stdio: 'inherit' },
  );
  const code = readFileSync(outfile);
  return { name, code: code.toString('utf8'), raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
generate(path.join(root, 'fixtures/petstore/openapi.yaml'), 'petstore');
generate(github, 'github');
generate(github, 'github-no-validators', '--no-validators');

/** The imports of a standalone call: the core client and one endpoint function. */
const standalone = (client, tag, fn) =>
  `import { createCoreClient } from './${client}/index.js';\nimport { ${fn} } from './${client}/endpoints/${tag}.gen.js';\n`;
const off = '{ retry: false, circuitBreaker: false, rateLimit: false, cache: false }';
const rows = [
  bundle(
    'a-petstore-one-call',
    `${standalone('petstore', 'pets', 'getPetById')}const c = createCoreClient({ auth: { apiKey: 'k' } });\nexport const run = () => getPetById(c, { petId: '1' });\n`,
  ),
  bundle(
    'a2-petstore-features-off',
    `${standalone('petstore', 'pets', 'getPetById')}const c = createCoreClient({ auth: { apiKey: 'k' }, ...${off} });\nexport const run = () => getPetById(c, { petId: '1' });\n`,
  ),
  bundle(
    'b-github-one-call',
    `${standalone('github', 'repos', 'get')}const c = createCoreClient({ auth: { bearerAuth: 't' } });\nexport const run = () => get(c, { owner: 'o', repo: 'r' });\n`,
  ),
  bundle(
    'b2-github-no-validators',
    `${standalone('github-no-validators', 'repos', 'get')}const c = createCoreClient({ auth: { bearerAuth: 't' } });\nexport const run = () => get(c, { owner: 'o', repo: 'r' });\n`,
  ),
  bundle(
    'f-github-facade',
    `import { createClient } from './github/index.js';\nconst c = createClient({ auth: { bearerAuth: 't' } });\nexport const run = () => c.repos.get({ owner: 'o', repo: 'r' });\n`,
  ),
  bundle(
    'c-petstore-everything',
    `import { createClient, batch } from './petstore/index.js';\nconst c = createClient({ auth: { apiKey: 'k' }, cache: true, rateLimit: { requestsPerSecond: 5 } });\n` +
      `export const run = async () => { for await (const p of c.pets.listPets()) void p; return batch([1], () => c.pets.getPetById({ petId: '1' }), { size: 1 }); };\n`,
  ),
  bundle(
    'd-petstore-core-cache',
    `${standalone('petstore', 'pets', 'getPetById')}import { responseCache } from './petstore/index.js';\n` +
      `const c = createCoreClient({ auth: { apiKey: 'k' }, cache: responseCache() });\nexport const run = () => getPetById(c, { petId: '1' });\n`,
  ),
];
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
for (const row of rows)
  console.log(`${row.name.padEnd(26)} ${kb(row.raw).padStart(9)} minified  ${kb(row.gzip).padStart(8)} gzipped`);
const githubBundle = rows[2].code;
const otherPaths = ['/repos/{owner}/{repo}/issues', '/orgs/{org}/members', '/gists/{gist_id}', '/user/repos'].filter((p) =>
  githubBundle.includes(p),
);
console.log(`(b) holds other operations' paths: ${otherPaths.length === 0 ? 'none' : otherPaths.join(', ')}`);
