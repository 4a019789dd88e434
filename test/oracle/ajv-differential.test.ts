/**
 * Differential test against ajv (issue 11): for component schemas of every dev-corpus spec,
 * instances built from the schema (valid-looking samples, the spec's own examples, mutations of
 * the sample) and random JSON from fast-check get a verdict from our generated `validateX` and
 * from ajv set to the same dialect (ajv 2020 for 3.1, ajv-draft-04 for 3.0 and lifted 2.0; both
 * with ajv-formats). Every disagreement falls in a class listed below as a deliberate choice.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import AjvDraft4Module from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/load/index.js';
import { sampleValue } from '../e2e/prism/sample-value.js';
import type { Json } from '../e2e/prism/spec-document.js';
import { corpusDir } from '../support/paths.js';
import { compileDocument } from '../unit/validators/compile-validators.js';

/** Schemas per spec (spread evenly over its components) and random instances per schema. */
const SCHEMAS_PER_SPEC = 12;
const RANDOM_PER_SCHEMA = 3;
const SEED = 20261204;

/**
 * Disagreement classes we keep on purpose, keyed by the keyword our validator (or, when we accept,
 * the ajv keyword) names. Anything else fails the test.
 */
const deliberate: Record<string, string> = {
  discriminator:
    'OpenAPI discriminator: a known value selects its variant and only that one is checked (ajv ignores `discriminator` and applies oneOf to all variants)',
  'ajv:enum':
    'OpenAPI 3.0 `nullable: true` admits null even when an `enum` does not list it (ajv-draft-04 requires null in the enum); real APIs answer null there',
  'ajv:format':
    'format checks differ at the edges (ajv-formats full mode vs runtime/validate/formats.ts), e.g. date-time with a space separator',
  format: 'format checks differ at the edges (ajv-formats full mode vs runtime/validate/formats.ts)',
  'ajv:pattern': 'patterns JavaScript only compiles without the `u` flag: ajv drops `u` differently; we fall back to no flag',
};

/** Specs whose validators module is too large to load through vitest's transform in `npm test` (bench:validate covers GitHub). */
const tooLarge = new Set(['github-api.json', 'github-webhooks.json', 'stripe.json']);

function corpusSpecs(): string[] {
  const manifest = readFileSync(path.join(corpusDir, 'MANIFEST.tsv'), 'utf8');
  return manifest
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t')[0] ?? '')
    .filter((file) => file !== '' && !file.includes('/') && !tooLarge.has(file));
}

type Oracle = (value: unknown) => { ok: boolean; keyword?: string };

/** ajv's compiler for the document's schemas, or the reason ajv refuses the document as a whole. */
function createOracle(
  raw: Record<string, unknown>,
  version: '2.0' | '3.0' | '3.1',
): ((pointer: string) => Oracle | undefined) | string {
  const options = { strict: false, allErrors: false, validateFormats: true, allowUnionTypes: true } as const;
  // ajv-draft-04 is CommonJS with `exports.default`; under nodenext the default import is the module object.
  const AjvDraft4 = (AjvDraft4Module as unknown as { default: typeof Ajv2020.default }).default;
  const ajv = version === '3.1' ? new Ajv2020.default(options) : new AjvDraft4(options);
  addFormats.default(ajv, { mode: 'full' });
  const id = 'https://spec.invalid/doc';
  try {
    // Only the schemas: ajv reads `id` in draft 4 as a base URI, and examples elsewhere carry `id` fields.
    const schemas = { components: { schemas: (raw['components'] as Record<string, unknown> | undefined)?.['schemas'] ?? {} } };
    ajv.addSchema((version === '3.1' ? schemas : withDraft4Spellings(schemas)) as Record<string, unknown>, id);
  } catch (error) {
    return (error as Error).message;
  }
  return (pointer) => {
    try {
      const validate = ajv.compile({ $ref: `${id}${encodeURI(pointer)}` });
      return (value) => {
        const ok = validate(value);
        return ok ? { ok } : { ok, keyword: validate.errors?.[0]?.keyword ?? '' };
      };
    } catch {
      return undefined;
    }
  };
}

/** OpenAPI 3.0 spellings ajv-draft-04 does not take: `x-nullable`, and `nullable` without `type` (or beside `$ref`). */
function withDraft4Spellings(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withDraft4Spellings);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    Object.defineProperty(out, key === 'x-nullable' ? 'nullable' : key, {
      value: withDraft4Spellings(value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  // apiwright admits null under `nullable: true` even when `enum` omits it (see `deliberate`): the oracle too.
  if (out['nullable'] === true && Array.isArray(out['enum']) && !out['enum'].includes(null))
    out['enum'] = [...(out['enum'] as unknown[]), null];
  if (out['nullable'] === true && (out['type'] === undefined || out['$ref'] !== undefined)) {
    delete out['nullable'];
    return { anyOf: [{ type: 'null' }, out] };
  }
  return out;
}

function instancesFor(raw: Record<string, unknown>, version: '2.0' | '3.0' | '3.1', schema: unknown, seed: number): unknown[] {
  const doc = { root: raw as { [key: string]: Json }, version: version === '2.0' ? ('3.0' as const) : version };
  const out: unknown[] = [];
  const sample = sampleValue(doc, schema as Json, { useExamples: false, includeOptional: true });
  out.push(sample);
  const example = sampleValue(doc, schema as Json, { useExamples: true, includeOptional: false });
  out.push(example);
  const random = fc.sample(fc.jsonValue({ maxDepth: 2 }), { seed, numRuns: RANDOM_PER_SCHEMA });
  out.push(...random);
  if (typeof sample === 'object' && sample !== null && !Array.isArray(sample)) {
    const keys = Object.keys(sample);
    for (const key of keys.slice(0, 2)) {
      const { [key]: _dropped, ...rest } = sample as Record<string, unknown>;
      out.push(rest);
    }
    if (keys[0] !== undefined) out.push({ ...sample, [keys[0]]: random[0] ?? null });
  } else if (Array.isArray(sample)) out.push([...(sample as unknown[]), random[0] ?? null]);
  return out;
}

describe('generated validators agree with ajv on the dev corpus', () => {
  it('same verdict on every instance, apart from the deliberate classes', async () => {
    let instances = 0;
    let schemas = 0;
    const disagreements = new Map<string, string[]>();
    const refused: string[] = [];
    for (const file of corpusSpecs()) {
      const loaded = await loadSpec(path.join(corpusDir, file), { allowRemoteRefs: false });
      const compiled = await compileDocument(loaded.document, loaded.version);
      const oracleFor = createOracle(compiled.raw, loaded.version);
      if (typeof oracleFor === 'string') {
        refused.push(`${file}: ${oracleFor}`);
        continue;
      }
      const named = [...compiled.typeNames].filter(([id]) => id.startsWith('#/components/schemas/'));
      const step = Math.max(1, Math.floor(named.length / SCHEMAS_PER_SPEC));
      for (let i = 0; i < named.length; i += step) {
        const [id, typeName] = named[i] ?? ['', ''];
        const ours = compiled.module[`validate${typeName}`];
        const oracle = oracleFor(id);
        if (ours === undefined || oracle === undefined) continue;
        schemas++;
        const schema = JSON.parse(JSON.stringify(lookup(compiled.raw, id) ?? {})) as unknown;
        for (const value of instancesFor(compiled.raw, loaded.version, schema, SEED + i)) {
          instances++;
          const mine = ours(value);
          const theirs = oracle(value);
          if (mine.ok === theirs.ok) continue;
          const kind = mine.ok ? `ajv:${theirs.keyword ?? ''}` : (mine.issues?.[0]?.keyword ?? '');
          const list = disagreements.get(kind) ?? [];
          list.push(
            `${file} ${id}: ours ${mine.ok ? 'valid' : 'invalid'}, ajv ${theirs.ok ? 'valid' : 'invalid'} ${JSON.stringify(value)?.slice(0, 160)}`,
          );
          disagreements.set(kind, list);
        }
      }
    }
    const total = [...disagreements.values()].reduce((n, list) => n + list.length, 0);
    console.log(`ajv differential: ${instances} instances over ${schemas} schemas, ${total} disagreements`);
    for (const line of refused) console.log(`  ajv refused the document: ${line}`);
    for (const [kind, list] of disagreements) {
      console.log(`  ${kind}: ${list.length} (${deliberate[kind] ?? 'UNEXPLAINED'})`);
      for (const line of list.slice(0, 3)) console.log(`    ${line}`);
    }
    expect(instances).toBeGreaterThan(1000);
    expect([...disagreements.keys()].filter((kind) => deliberate[kind] === undefined)).toEqual([]);
  }, 600_000);
});

function lookup(root: unknown, pointer: string): unknown {
  let node = root;
  for (const token of pointer.slice(2).split('/')) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}
