#!/usr/bin/env node
// npm run bench:size — what a generated client adds to a browser bundle: esbuild (minified, ESM,
// browser, tree-shaking on), raw and gzipped, for
//   (a)  one standalone call (createCoreClient + one endpoint function) with an API key on the
//        petstore fixture, default options, every part handed in (`defaultParts`: retries, breaker,
//        limiter, observability, request validation — what createClient runs with),
//   (a') the same on a bare core client (no parts: one attempt, no logs or metrics, no request checks),
//   (b)  one standalone call on GitHub's spec (13 MB, 1,000+ operations), validators included,
//   (b') the same generated with --no-validators (what a call's validators add),
//   (f)  one call through the createClient facade on GitHub's spec (binds every operation),
//   (c)  the petstore fixture with cache, a client-side rate limit, pagination and batch on,
//   (d)  (a) with the response cache on a core client (`cache: responseCache()`): what the cache adds,
//   (e)  the runtime imported for its side effects only: top-level statements a bundler must keep,
//        which land in every bundle (should be 0),
// and checks that (b) holds no other operation's path (tree-shaking that silently stopped working).
// `--analyze [row]` also prints, per row (or for the rows whose name starts with `row`), the runtime
// modules that cost most (bytes each adds to the minified bundle, from esbuild's metafile).
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

const analyzeAt = process.argv.indexOf('--analyze');
const analyze = analyzeAt === -1 ? undefined : (process.argv[analyzeAt + 1] ?? '');

function bundle(name, source) {
  const entry = path.join(out, `${name}.entry.ts`);
  const outfile = path.join(out, `${name}.bundle.js`);
  const metafile = path.join(out, `${name}.meta.json`);
  writeFileSync(entry, source);
  execFileSync(
    path.join(root, 'node_modules/.bin/esbuild'),
    [
      entry,
      '--bundle',
      '--minify',
      '--format=esm',
      '--platform=browser',
      `--outfile=${outfile}`,
      `--metafile=${metafile}`,
      '--log-level=error',
    ],
    { stdio: 'inherit' },
  );
  const code = readFileSync(outfile);
  return { name, code: code.toString('utf8'), raw: code.length, gzip: gzipSync(code, { level: 9 }).length, metafile };
}

/** The 15 inputs that add most to a row's minified output, and the total per folder of the runtime. */
function printModules(row) {
  const meta = JSON.parse(readFileSync(row.metafile, 'utf8'));
  const inputs = Object.entries(Object.values(meta.outputs)[0].inputs).map(([file, { bytesInOutput }]) => ({
    file: file.replace(/^.*?bench\/out\/size\/[^/]+\//, ''),
    bytes: bytesInOutput,
  }));
  const folders = new Map();
  for (const { file, bytes } of inputs) {
    const folder = file.startsWith('runtime/') ? file.split('/').slice(0, 2).join('/') : '(generated)';
    folders.set(folder, (folders.get(folder) ?? 0) + bytes);
  }
  console.log(
    `  ${row.name}, by folder: ${[...folders]
      .sort((a, b) => b[1] - a[1])
      .map(([f, b]) => `${f} ${kb(b)}`)
      .join(', ')}`,
  );
  for (const { file, bytes } of inputs.sort((a, b) => b.bytes - a.bytes).slice(0, 15))
    console.log(`    ${String(bytes).padStart(6)}  ${file}`);
}

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
generate(path.join(root, 'fixtures/petstore/openapi.yaml'), 'petstore');
generate(github, 'github');
generate(github, 'github-no-validators', '--no-validators');

/** The imports of a standalone call: the core client and one endpoint function. */
const standalone = (client, tag, fn) =>
  `import { createCoreClient } from './${client}/index.js';\nimport { ${fn} } from './${client}/endpoints/${tag}.gen.js';\n`;
const withParts = (client) => `import { defaultParts } from './${client}/index.js';\n`;
const rows = [
  bundle(
    'a-petstore-one-call',
    `${standalone('petstore', 'pets', 'getPetById')}${withParts('petstore')}const c = createCoreClient({ auth: { apiKey: 'k' } }, defaultParts);\nexport const run = () => getPetById(c, { petId: '1' });\n`,
  ),
  bundle(
    'a2-petstore-bare-core',
    `${standalone('petstore', 'pets', 'getPetById')}const c = createCoreClient({ auth: { apiKey: 'k' } });\nexport const run = () => getPetById(c, { petId: '1' });\n`,
  ),
  bundle(
    'b-github-one-call',
    `${standalone('github', 'repos', 'get')}${withParts('github')}const c = createCoreClient({ auth: { bearerAuth: 't' } }, defaultParts);\nexport const run = () => get(c, { owner: 'o', repo: 'r' });\n`,
  ),
  bundle(
    'b2-github-no-validators',
    `${standalone('github-no-validators', 'repos', 'get')}${withParts('github-no-validators')}const c = createCoreClient({ auth: { bearerAuth: 't' } }, defaultParts);\nexport const run = () => get(c, { owner: 'o', repo: 'r' });\n`,
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
    `${standalone('petstore', 'pets', 'getPetById')}import { defaultParts, responseCache } from './petstore/index.js';\n` +
      `const c = createCoreClient({ auth: { apiKey: 'k' }, cache: responseCache() }, defaultParts);\nexport const run = () => getPetById(c, { petId: '1' });\n`,
  ),
  bundle('e-runtime-side-effects', `import './petstore/runtime/index.js';\n`),
];
for (const row of rows)
  console.log(`${row.name.padEnd(26)} ${kb(row.raw).padStart(9)} minified  ${kb(row.gzip).padStart(8)} gzipped`);
if (analyze !== undefined)
  for (const row of rows) if (row.name.startsWith(analyze) && !row.name.startsWith('f-')) printModules(row);
const githubBundle = rows[2].code;
const otherPaths = ['/repos/{owner}/{repo}/issues', '/orgs/{org}/members', '/gists/{gist_id}', '/user/repos'].filter((p) =>
  githubBundle.includes(p),
);
console.log(`(b) holds other operations' paths: ${otherPaths.length === 0 ? 'none' : otherPaths.join(', ')}`);
