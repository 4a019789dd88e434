import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSpec, validateSpec } from '../../../src/load/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus/dev');

describe('validateSpec', () => {
  it('finds nothing wrong with a valid spec and leaves the loaded document untouched', async () => {
    const loaded = await loadSpec(path.join(corpus, 'petstore-expanded-v3.yaml'));
    const before = JSON.stringify(loaded.document);
    expect(await validateSpec(loaded)).toEqual([]);
    expect(JSON.stringify(loaded.document)).toBe(before);
  });

  it('turns schema violations into diagnostics with pointer and line', async () => {
    const loaded = await loadSpec(path.join(repoRoot, 'fixtures/load-multi-file-refs/openapi.yaml'));
    delete (loaded.document['info'] as Record<string, unknown>)['version'];
    const diagnostics = await validateSpec(loaded);
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'SCHEMA_INVALID',
        pointer: '#/info',
        file: loaded.file,
        line: 3,
        message: expect.stringContaining('version'),
      }),
    );
  });

  it('reports a Swagger 2.0 spec rule (missing path parameter) as SPEC_INVALID', async () => {
    const loaded = await loadSpec(path.join(corpus, 'petstore-v2.yaml'));
    (loaded.document['paths'] as Record<string, unknown>)['/things/{thingId}'] = {
      get: { responses: { 200: { description: 'ok' } } },
    };
    expect(await validateSpec(loaded)).toEqual([
      { code: 'SPEC_INVALID', file: loaded.file, message: expect.stringContaining('missing path parameter(s) for {thingId}') },
    ]);
  });
});
