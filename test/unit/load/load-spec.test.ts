import SwaggerParser from '@apidevtools/swagger-parser';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { SpecError } from '../../../src/errors.js';
import { loadSpec } from '../../../src/load/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixture = (name: string): string => path.join(repoRoot, 'fixtures', name);
const scratch = mkdtempSync(path.join(tmpdir(), 'apiwright-load-'));

function write(name: string, text: string): string {
  const file = path.join(scratch, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

async function loadError(file: string, options = {}): Promise<SpecError> {
  const error = await loadSpec(file, options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (error instanceof SpecError) return error;
  throw new Error(`expected a SpecError, got ${String(error)}`);
}

/** Every `$ref` string in a document. */
function refsOf(document: unknown): string[] {
  const refs: string[] = [];
  const stack: unknown[] = [document];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (typeof node !== 'object' || node === null) continue;
    const record = node as Record<string, unknown>;
    if (typeof record['$ref'] === 'string') refs.push(record['$ref']);
    stack.push(...Object.values(record));
  }
  return refs;
}

afterEach(() => vi.restoreAllMocks());
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('loadSpec: errors that stop loading', () => {
  it.each([
    ['missing file', { setup: () => path.join(scratch, 'nope.yaml'), code: 'SPEC_NOT_FOUND' }],
    ['a folder', { setup: () => path.dirname(write('folder/x.yaml', 'a: 1')), code: 'SPEC_NOT_A_FILE' }],
    ['invalid JSON', { setup: () => write('bad.json', '{\n  "openapi": "3.0.0",\n  "info": x\n}'), code: 'JSON_SYNTAX' }],
    ['invalid YAML', { setup: () => write('bad.yaml', 'openapi: 3.0.0\ninfo: [\n'), code: 'YAML_SYNTAX' }],
    ['not OpenAPI', { setup: () => write('package.json', '{"name": "x"}'), code: 'NOT_OPENAPI' }],
    ['empty file', { setup: () => write('empty.yaml', ''), code: 'NOT_OPENAPI' }],
    [
      'Swagger 1.2',
      { setup: () => write('old.json', '{"swaggerVersion": "1.2", "swagger": "1.2"}'), code: 'UNSUPPORTED_VERSION' },
    ],
  ])('%s', async (_, { setup, code }) => {
    const file = setup();
    const error = await loadError(file);
    expect(error.code).toBe(code);
    expect(error.location.file).toBe(file);
    expect(error.hint).toBeTruthy();
  });

  it('gives line:column for a syntax error and for an unsupported version', async () => {
    expect((await loadError(write('bad2.json', '{\n  "openapi": "3.0.0",\n  "info": x\n}'))).location).toMatchObject({
      line: 3,
      column: 11,
    });
    const version = await loadError(write('v4.yaml', 'info: {}\nopenapi: 4.0.0\n'));
    expect(version.location).toMatchObject({ pointer: '#/openapi', line: 2, column: 1 });
  });

  it('refuses a URL instead of a path', async () => {
    expect((await loadError('https://example.com/openapi.json')).code).toBe('SPEC_URL_UNSUPPORTED');
  });

  it('names the $ref, file, pointer and line of a referenced file that does not exist', async () => {
    const entry = write(
      'missing-ref/openapi.yaml',
      'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\ncomponents:\n  schemas:\n    Pet:\n      $ref: ./pet.yaml\n',
    );
    const error = await loadError(entry);
    expect(error.code).toBe('REF_NOT_FOUND');
    expect(error.message).toContain('./pet.yaml');
    expect(error.location).toMatchObject({ file: entry, pointer: '#/components/schemas/Pet', line: 7, column: 7 });
  });

  it('reports a syntax error inside a referenced file at its own line', async () => {
    write('bad-ref/pet.json', '{\n  "type": "object",\n  "properties": oops\n}');
    const entry = write(
      'bad-ref/openapi.yaml',
      'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\ncomponents:\n  schemas:\n    Pet:\n      $ref: ./pet.json\n',
    );
    const error = await loadError(entry);
    expect(error.code).toBe('JSON_SYNTAX');
    expect(error.location).toMatchObject({ file: path.join(scratch, 'bad-ref/pet.json'), line: 3 });
  });
});

describe('loadSpec: one file', () => {
  it('parses without swagger-parser, keeps broken refs and warns with their pointers', async () => {
    const bundle = vi.spyOn(SwaggerParser.prototype, 'bundle');
    const loaded = await loadSpec(fixture('load-broken-refs/openapi.yaml'));
    expect(bundle).not.toHaveBeenCalled();
    expect(loaded.version).toBe('3.0');
    expect(loaded.file).toBe(fixture('load-broken-refs/openapi.yaml'));
    expect(loaded.warnings.map((warning) => [warning.code, warning.pointer])).toEqual([
      ['REF_NOT_STRING', '#/components/schemas/Pet/properties/owner'],
      ['REF_UNRESOLVED', '#/paths/~1pets/get/responses/200/content/application~1json/schema'],
    ]);
    expect(loaded.warnings[1]?.message).toContain('#/components/schemas/Missing');
    expect(refsOf(loaded.document)).toContain('#/components/schemas/Missing');
  });

  it('reads OpenAPI 3.2 as 3.1, with a warning', async () => {
    const loaded = await loadSpec(write('v32.yaml', 'openapi: 3.2.0\ninfo: {title: t, version: "1"}\npaths: {}\n'));
    expect(loaded.version).toBe('3.1');
    expect(loaded.warnings.map((warning) => warning.code)).toEqual(['VERSION_3_2_AS_3_1']);
    expect(loaded.document['openapi']).toBe('3.2.0');
  });

  it('rewrites OpenAPI 3.1 $id / $anchor refs to pointers, without warnings', async () => {
    const loaded = await loadSpec(
      write(
        'ids.yaml',
        'openapi: 3.1.0\ninfo: {title: t, version: "1"}\ncomponents:\n  schemas:\n    A:\n      properties:\n        b: {$ref: "/schemas/b#id"}\n        c: {$ref: "/schemas/b"}\n    B:\n      $id: /schemas/b\n      properties:\n        id: {$anchor: id, type: integer}\n',
      ),
    );
    expect(loaded.warnings).toEqual([]);
    expect(refsOf(loaded.document).sort()).toEqual(['#/components/schemas/B', '#/components/schemas/B/properties/id']);
  });

  it('locate() maps pointers to line:column in JSON and YAML', async () => {
    const json = await loadSpec(write('loc.json', '{\n  "openapi": "3.0.0",\n  "paths": {\n    "/a": { "get": {} }\n  }\n}'));
    expect(json.locate('#/paths/~1a/get')).toEqual({ file: json.file, pointer: '#/paths/~1a/get', line: 4, column: 13 });
    const yaml = await loadSpec(fixture('load-broken-refs/openapi.yaml'));
    expect(yaml.locate('#/components/schemas/Tag')).toMatchObject({ line: 25, column: 5 });
    expect(yaml.locate('not a pointer')).toEqual({ file: yaml.file, pointer: 'not a pointer' });
  });
});

describe('loadSpec: many files', () => {
  it('bundles every external ref so that only internal refs remain, all resolvable', async () => {
    const bundle = vi.spyOn(SwaggerParser.prototype, 'bundle');
    const loaded = await loadSpec(fixture('load-multi-file-refs/openapi.yaml'));
    expect(bundle).toHaveBeenCalledTimes(1);
    expect(loaded.warnings).toEqual([]);
    const refs = refsOf(loaded.document);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.every((ref) => ref.startsWith('#'))).toBe(true);
    const paths = loaded.document['paths'] as Record<string, Record<string, Record<string, unknown>>>;
    expect(paths['/pets']?.['get']?.['parameters']).toEqual([
      { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 } },
    ]);
    expect(paths['/pets/{petId}']?.['get']?.['operationId']).toBe('getPet');
  });

  it('locate() follows bundled content back to the file it came from', async () => {
    const loaded = await loadSpec(fixture('load-multi-file-refs/openapi.yaml'));
    expect(loaded.locate('#/paths/~1pets~1{petId}/get/operationId')).toEqual({
      file: fixture('load-multi-file-refs/paths/pet-by-id.yaml'),
      pointer: '#/get/operationId',
      line: 2,
      column: 3,
    });
    expect(loaded.locate('#/paths/~1pets/get/operationId')).toMatchObject({ file: loaded.file, line: 9 });
  });

  it('terminates on a $ref cycle across files (A → B → A) and keeps it as internal refs', async () => {
    const loaded = await loadSpec(fixture('load-ref-cycle/openapi.yaml'));
    expect(loaded.warnings).toEqual([]);
    const refs = refsOf(loaded.document);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.every((ref) => ref.startsWith('#/'))).toBe(true);
    expect(JSON.stringify(loaded.document).length).toBeLessThan(5_000);
  });

  it('warns about a pointer that is missing in a referenced file, and keeps going', async () => {
    write('missing-pointer/parts.yaml', 'Pet:\n  type: object\n');
    const entry = write(
      'missing-pointer/openapi.yaml',
      'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\ncomponents:\n  schemas:\n    Pet:\n      $ref: ./parts.yaml#/Pet\n    Gone:\n      $ref: ./parts.yaml#/Gone\n',
    );
    const loaded = await loadSpec(entry);
    expect(loaded.warnings).toEqual([
      expect.objectContaining({ code: 'REF_UNRESOLVED', file: entry, pointer: '#/components/schemas/Gone' }),
    ]);
    const schemas = (loaded.document['components'] as Record<string, Record<string, unknown>>)['schemas'];
    expect(schemas?.['Pet']).toEqual({ type: 'object' });
  });

  it('reads from a wider root when asked', async () => {
    write('shared/common/error.yaml', 'type: string\n');
    const entry = write(
      'shared/spec/openapi.yaml',
      'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\ncomponents:\n  schemas:\n    E:\n      $ref: ../common/error.yaml\n',
    );
    expect((await loadError(entry)).code).toBe('REF_OUTSIDE_ROOT');
    const loaded = await loadSpec(entry, { root: path.join(scratch, 'shared') });
    expect((loaded.document['components'] as Record<string, Record<string, unknown>>)['schemas']?.['E']).toEqual({
      type: 'string',
    });
  });
});
