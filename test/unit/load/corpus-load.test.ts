/**
 * Every spec in ../shared/corpus/dev loads without error (MANIFEST.tsv lists them; the broken ones
 * are broken in ways that must become warnings, not failures).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../../src/load/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus/dev');

interface Entry {
  file: string;
  specVersion: string;
}

function readManifest(): Entry[] {
  const [header, ...rows] = readFileSync(path.join(corpus, 'MANIFEST.tsv'), 'utf8').trimEnd().split('\n');
  const columns = (header ?? '').split('\t');
  const fileColumn = columns.indexOf('file');
  const versionColumn = columns.indexOf('spec_version');
  return rows.map((row) => {
    const cells = row.split('\t');
    return { file: cells[fileColumn] ?? '', specVersion: cells[versionColumn] ?? '' };
  });
}

function expectedVersion(specVersion: string): string {
  return specVersion === '2.0' ? '2.0' : specVersion.slice(0, 3);
}

/** Every `$ref` left in the document, by walking it (iteratively). */
function collectRefs(document: unknown): string[] {
  const refs: string[] = [];
  const stack: unknown[] = [document];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (typeof node !== 'object' || node === null) continue;
    const record = node as Record<string, unknown>;
    if (!Array.isArray(node) && typeof record['$ref'] === 'string') refs.push(record['$ref']);
    for (const key of Object.keys(record)) stack.push(record[key]);
  }
  return refs;
}

const entries = readManifest();
// DigitalOcean (2,907 YAML files) takes seconds, more on a busy machine; never a timing assertion.
// petstore-separate-v2 refs ../common/ from spec/: its spec set is the parent folder.
const roots: Record<string, string> = { 'petstore-separate-v2/spec/swagger.json': path.join(corpus, 'petstore-separate-v2') };

describe('corpus: every dev spec loads', () => {
  it('the manifest lists the 38 entry files', () => {
    expect(entries).toHaveLength(38);
  });

  it.each(entries.map((entry) => [entry.file, entry] as const))(
    '%s',
    async (_, entry) => {
      const root = roots[entry.file];
      const loaded = await loadSpec(path.join(corpus, entry.file), root === undefined ? {} : { root });
      expect(loaded.version).toBe(expectedVersion(entry.specVersion));
      expect(loaded.file).toBe(path.join(corpus, entry.file));
      const external = collectRefs(loaded.document).filter((ref) => !ref.startsWith('#'));
      expect(external).toEqual([]);
    },
    120_000,
  );

  it('swagger-petstore-v31: broken refs are warnings naming the pointer, and stay in the document', async () => {
    const loaded = await loadSpec(path.join(corpus, 'swagger-petstore-v31.yaml'));
    const codes = loaded.warnings.map((warning) => `${warning.code} ${warning.pointer ?? ''}`);
    expect(codes).toEqual(['REF_NOT_STRING #/components/schemas/Pet/properties/petDetails']);
    const pet = (loaded.document['components'] as Record<string, Record<string, Record<string, unknown>>>)['schemas']?.['Pet'];
    const properties = pet?.['properties'] as Record<string, Record<string, unknown>>;
    expect(properties['petDetails']).toEqual({ $ref: null });
    // `/components/schemas/petdetails#pet_details_id` names an $id + $anchor inside the document.
    expect(properties['petDetailsId']).toEqual({ $ref: '#/components/schemas/PetDetails/properties/id' });
  });

  it('the multi-file specs come out bundled', async () => {
    const digitalocean = await loadSpec(path.join(corpus, 'digitalocean/DigitalOcean-public.v2.yaml'));
    const refs = collectRefs(digitalocean.document);
    expect(refs.length).toBeGreaterThan(100);
    expect(refs.every((ref) => ref.startsWith('#'))).toBe(true);
    expect(Object.keys(digitalocean.document['paths'] as object).length).toBeGreaterThan(200);
  }, 120_000);

  it('petstore-separate-v2 without a wider root is refused at its ../common ref', async () => {
    const error = await loadSpec(path.join(corpus, 'petstore-separate-v2/spec/swagger.json')).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'REF_OUTSIDE_ROOT' });
    expect(String((error as Error).message)).toContain('../common/Error.json');
  });
});
