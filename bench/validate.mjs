#!/usr/bin/env node
// npm run bench:validate — generated validateX vs ajv's compiled validator (same dialect, ajv-formats),
// same schema and valid data: GitHub's full-repository, a Stripe charge, GitHub's pull-request.
// Alternating time-boxed rounds; prints median ops/s of each and the ratio (target ≥ 1.0×).
// Needs `npm run build` first (uses dist/).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import AjvDraft4 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { build } from 'esbuild';
import { emitValidatorsModule } from '../dist/src/emit/validators/validators-file.js';
import { loadSpec } from '../dist/src/load/index.js';
import { normalizeDocument } from '../dist/src/normalize/index.js';
import { planClient } from '../dist/src/plan/plan-client.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'bench/out/validate');
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const roundMs = Number(process.env.BENCH_ROUND_MS ?? 400);

async function compileOurs(document, version, name) {
  const normalized = normalizeDocument({ document, version });
  const plan = planClient(normalized.document, { specFile: 'spec.json' });
  const emitted = emitValidatorsModule(plan, normalized.document.raw);
  const dir = path.join(out, name);
  mkdirSync(path.join(dir, 'runtime'), { recursive: true });
  writeFileSync(path.join(dir, 'runtime/index.ts'), `export * from ${JSON.stringify(path.join(root, 'runtime/index.ts'))};\n`);
  writeFileSync(path.join(dir, 'types.gen.ts'), 'export {};\n');
  writeFileSync(path.join(dir, 'validators.gen.ts'), emitted.content);
  const bundle = path.join(dir, 'validators.mjs');
  await build({
    entryPoints: [path.join(dir, 'validators.gen.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    outfile: bundle,
    logLevel: 'error',
  });
  return { module: await import(pathToFileURL(bundle).href), typeNames: plan.typeNames, raw: normalized.document.raw };
}

function compileAjv(raw, version, pointer) {
  const options = { strict: false, allErrors: false, validateFormats: true, allowUnionTypes: true };
  const ajv = version === '3.1' ? new Ajv2020.default(options) : new AjvDraft4(options);
  addFormats.default(ajv, { mode: 'full' });
  // Only the schemas: ajv reads `id` in draft 4 as a base URI, and examples elsewhere carry `id` fields.
  const schemas = version === '3.1' ? raw.components.schemas : forAjv(raw.components.schemas);
  ajv.addSchema({ components: { schemas } }, 'https://spec.invalid/doc');
  return ajv.compile({ $ref: `https://spec.invalid/doc${encodeURI(pointer)}` });
}

/** OpenAPI 3.0 spellings ajv-draft-04 does not take: `x-nullable`, and `nullable` without `type` (or beside `$ref`). */
function forAjv(node) {
  if (Array.isArray(node)) return node.map(forAjv);
  if (typeof node !== 'object' || node === null) return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) out[key === 'x-nullable' ? 'nullable' : key] = forAjv(value);
  // apiwright admits null under `nullable: true` even when `enum` omits it (Stripe's own fixtures send it).
  if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (out.nullable === true && (out.type === undefined || out.$ref !== undefined)) {
    delete out.nullable;
    return { anyOf: [{ type: 'null' }, out] };
  }
  return out;
}

function opsPerSecond(fn, data) {
  let n = 0;
  const start = performance.now();
  const end = start + roundMs;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) fn(data);
    n += 100;
  }
  // The time actually taken: the last batch of 100 runs past `end`.
  return (n / (performance.now() - start)) * 1000;
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

async function benchCase({ label, document, version, pointer, data }) {
  const ours = await compileOurs(document, version, label.replace(/\W+/g, '-'));
  const typeName = ours.typeNames.get(pointer);
  const validate = ours.module[`validate${typeName}`];
  const ajv = compileAjv(ours.raw, version, pointer);
  const mine = validate(data);
  const theirs = ajv(data);
  // An early "invalid" exit is not the same work as a full walk: such a ratio would mean nothing.
  if (!mine.ok || !theirs) {
    const detail = JSON.stringify({ ours: mine.issues?.slice(0, 3), ajv: ajv.errors?.slice(0, 3) });
    throw new Error(`${label}: the data must be valid for both validators (ours ${mine.ok}, ajv ${theirs}): ${detail}`);
  }
  const samples = { ours: [], ajv: [] };
  for (let i = 0; i < 2000; i++) {
    validate(data);
    ajv(data);
  }
  for (let round = 0; round < rounds; round++) {
    samples.ours.push(opsPerSecond(validate, data));
    samples.ajv.push(opsPerSecond(ajv, data));
  }
  const o = median(samples.ours);
  const a = median(samples.ajv);
  console.log(
    `${label.padEnd(34)} ours ${Math.round(o).toLocaleString('en').padStart(11)} ops/s   ajv ${Math.round(a).toLocaleString('en').padStart(11)} ops/s   ratio ${(o / a).toFixed(2)}×`,
  );
  return o / a;
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const github = await loadSpec(path.join(root, '../shared/corpus/dev/github-api.json'), { allowRemoteRefs: false });
const examples = github.document.components.examples;
const stripe = JSON.parse(readFileSync(path.join(root, 'bench/fixtures/stripe-charge.json'), 'utf8'));
function withTeamType(pull) {
  return { ...pull, requested_teams: pull.requested_teams.map((team) => ({ ...team, type: 'organization' })) };
}
const cases = [
  // GitHub's own examples miss one required property each; filled in so both validators see valid data.
  {
    label: 'GitHub full-repository',
    document: github.document,
    version: github.version,
    pointer: '#/components/schemas/full-repository',
    data: { ...examples['full-repository'].value, has_discussions: false },
  },
  { label: 'Stripe charge', document: stripe.spec, version: '3.0', pointer: '#/components/schemas/charge', data: stripe.data },
  {
    label: 'GitHub pull-request',
    document: github.document,
    version: github.version,
    pointer: '#/components/schemas/pull-request',
    data: withTeamType(examples['pull-request'].value),
  },
];
console.log(`${rounds} alternating rounds of ${roundMs} ms per validator; medians`);
const ratios = [];
for (const c of cases) ratios.push(await benchCase(c));
console.log(`lowest ratio ${Math.min(...ratios).toFixed(2)}× (target ≥ 1.0×)`);
