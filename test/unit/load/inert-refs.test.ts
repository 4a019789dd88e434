/**
 * `$ref`s to code samples and example payloads (x-codeSamples, examples) do not fail the load and
 * are never read; refs that lead to schemas still resolve, even under a property named `x-…`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DETACHED_REF_KEY, isInertRefPath } from '../../../src/load/inert-refs.js';
import { loadSpec } from '../../../src/load/index.js';
import { fixturesDir } from '../../support/paths.js';

type Json = Record<string, unknown>;
const at = (value: unknown, ...keys: (string | number)[]): unknown =>
  keys.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], value);

describe('refs a generator has no business resolving', () => {
  it.each<[string[], boolean]>([
    [['paths', '/pets', 'post', 'x-codeSamples', '0', 'source'], true],
    [['info', 'x-logo'], true],
    [['paths', '/pets', 'post', 'requestBody', 'content', 'application/json', 'examples', 'sample'], true],
    [['components', 'schemas', 'Pet', 'example'], true],
    [['components', 'schemas', 'Pet', 'properties', 'x-rate-limit'], false],
    [['components', 'schemas', 'Pet', 'properties', 'examples'], false],
    [['components', 'schemas', 'x-internal'], false],
    [['paths', '/pets', 'get', 'responses', '200', 'content', 'application/json', 'schema'], false],
  ])('%j inert: %s', (segments, inert) => {
    expect(isInertRefPath(segments)).toBe(inert);
  });

  it('loads a spec that refs PHP, TypeScript, Markdown, XML and CSV files, outside the folder too', async () => {
    const loaded = await loadSpec(path.join(fixturesDir, 'load-code-samples', 'openapi.yaml'));
    const post = at(loaded.document, 'paths', '/pets', 'post') as Json;
    // Schemas resolved (bundled into the document: no file ref left).
    expect(JSON.stringify(at(post, 'requestBody'))).not.toContain('schemas/pet.yaml"');
    const response = at(post, 'responses', '201', 'content', 'application/json', 'schema', 'properties') as Json;
    expect(JSON.stringify(response['x-rate-limit'])).toContain('remaining');
    // Code samples left alone, with their ref kept as text.
    expect(at(post, 'x-codeSamples', 0, 'source')).toEqual({ [DETACHED_REF_KEY]: 'samples/create-pet.php' });
    expect(at(post, 'x-codeSamples', 3, 'source')).toEqual({ [DETACHED_REF_KEY]: '../outside-the-spec-folder.sh' });
    const warnings = loaded.warnings.filter((w) => w.code === 'REF_NOT_FOLLOWED');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(/^7 \$refs inside extensions or examples/);
  });

  it('reads a code file reached from anywhere else as text, not as YAML', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'apiwright-inert-'));
    try {
      await writeFile(path.join(dir, 'sample.ts'), "const x = { a: 'b' }; // : - [ not yaml\n");
      await writeFile(
        path.join(dir, 'openapi.yaml'),
        [
          'openapi: 3.0.3',
          'info: { title: T, version: "1" }',
          'paths: {}',
          'components:',
          '  schemas:',
          "    Sample: { description: { $ref: 'sample.ts' } }",
        ].join('\n'),
      );
      const loaded = await loadSpec(path.join(dir, 'openapi.yaml'));
      expect(at(loaded.document, 'components', 'schemas', 'Sample', 'description')).toContain('not yaml');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
