import { describe, expect, it } from 'vitest';
import type * as ir from '../../../src/ir/index.js';
import { NormalizeContext } from '../../../src/normalize/context.js';
import { normalizeSchema } from '../../../src/normalize/schema-object.js';

function normalize(schema: unknown, version: '2.0' | '3.0' | '3.1' = '3.1', components: Record<string, unknown> = {}) {
  const ctx = new NormalizeContext({ components: { schemas: components } }, version, 'spec.yaml');
  return { schema: strip(normalizeSchema(schema, '#/x', ctx)), ctx };
}

/** Drops `source` pointers so cases compare shapes only. */
function strip(schema: ir.Schema): ir.Schema {
  return JSON.parse(JSON.stringify(schema, (key, value: unknown) => (key === 'source' ? undefined : value))) as ir.Schema;
}

const str: ir.Schema = { kind: 'string' };
const nul: ir.Schema = { kind: 'null' };

describe('normalizeSchema', () => {
  it.each<[string, { given: unknown; want: ir.Schema }]>([
    ['3.0 nullable string', { given: { type: 'string', nullable: true }, want: { kind: 'union', variants: [str, nul] } }],
    ['3.1 type array with null', { given: { type: ['string', 'null'] }, want: { kind: 'union', variants: [str, nul] } }],
    ['2.0 x-nullable', { given: { type: 'string', 'x-nullable': true }, want: { kind: 'union', variants: [str, nul] } }],
    [
      // The mock data generator drops writeOnly properties, a request leaves readOnly ones out: both read the union.
      'nullable readOnly keeps readOnly on the union',
      {
        given: { type: 'string', nullable: true, readOnly: true },
        want: { kind: 'union', variants: [{ kind: 'string', readOnly: true }, nul], readOnly: true },
      },
    ],
    [
      'nullable enum gains null',
      { given: { type: 'string', enum: ['a'], nullable: true }, want: { kind: 'enum', values: ['a', null] } },
    ],
    ['const', { given: { const: 'circle' }, want: { kind: 'enum', values: ['circle'] } }],
    ['mixed enum with null', { given: { enum: ['one', 2, true, null] }, want: { kind: 'enum', values: ['one', 2, true, null] } }],
    ['binary string', { given: { type: 'string', format: 'binary' }, want: { kind: 'binary', format: 'binary' } }],
    [
      'date-time stays a string',
      { given: { type: 'string', format: 'date-time' }, want: { kind: 'string', format: 'date-time' } },
    ],
    ['integer', { given: { type: 'integer', format: 'int64' }, want: { kind: 'integer', format: 'int64' } }],
    ['true schema', { given: true, want: { kind: 'unknown' } }],
    ['false schema', { given: false, want: { kind: 'never' } }],
    ['empty schema', { given: {}, want: { kind: 'unknown' } }],
    ['not: {}', { given: { not: {} }, want: { kind: 'never' } }],
    ['array', { given: { type: 'array', items: { type: 'string' } }, want: { kind: 'array', items: str } }],
    [
      'tuple from prefixItems, closed',
      {
        given: { type: 'array', prefixItems: [{ type: 'number' }, { type: 'string' }], items: false },
        want: { kind: 'tuple', prefixItems: [{ kind: 'number' }, str], rest: false },
      },
    ],
    [
      'object with required and optional properties',
      {
        given: { type: 'object', required: ['a'], properties: { a: { type: 'string' }, b: { type: 'boolean' } } },
        want: {
          kind: 'object',
          properties: [
            { name: 'a', schema: str, required: true },
            { name: 'b', schema: { kind: 'boolean' }, required: false },
          ],
        },
      },
    ],
    [
      'additionalProperties schema',
      {
        given: { type: 'object', additionalProperties: { type: 'string' } },
        want: { kind: 'object', properties: [], additional: str },
      },
    ],
    [
      'patternProperties join additionalProperties',
      {
        given: { type: 'object', patternProperties: { '^x-': { type: 'string' } }, additionalProperties: { type: 'integer' } },
        want: { kind: 'object', properties: [], additional: { kind: 'union', variants: [str, { kind: 'integer' }] } },
      },
    ],
    [
      'required name without a property is unknown',
      {
        given: { required: ['id'] },
        want: { kind: 'object', properties: [{ name: 'id', schema: { kind: 'unknown' }, required: true }] },
      },
    ],
    [
      'allOf is an intersection',
      {
        given: { allOf: [{ type: 'string' }, { type: 'string', enum: ['a'] }] },
        want: { kind: 'intersection', parts: [str, { kind: 'enum', values: ['a'] }] },
      },
    ],
    [
      'anyOf is a union',
      { given: { anyOf: [{ type: 'string' }, { type: 'null' }] }, want: { kind: 'union', variants: [str, nul] } },
    ],
  ])('%s', (_, { given, want }) => {
    expect(normalize(given).schema).toEqual(want);
  });

  it('turns a $ref into a reference and queues targets outside components', () => {
    const { schema, ctx } = normalize({ $ref: '#/components/schemas/Pet' }, '3.1', { Pet: { type: 'object' } });
    expect(schema).toEqual({ kind: 'ref', target: '#/components/schemas/Pet' });
    expect(ctx.pendingSchemas).toEqual(['#/components/schemas/Pet']);
  });

  it('treats an unresolvable $ref as unknown and warns with the place', () => {
    const { schema, ctx } = normalize({ $ref: '#/components/schemas/Missing' });
    expect(schema).toEqual({ kind: 'unknown' });
    expect(ctx.warnings).toEqual([expect.objectContaining({ code: 'REF_UNRESOLVED', pointer: '#/x', file: 'spec.yaml' })]);
  });

  it('refuses refs through __proto__', () => {
    const { schema, ctx } = normalize({ $ref: '#/__proto__/polluted' });
    expect(schema).toEqual({ kind: 'unknown' });
    expect(ctx.warnings[0]?.message).toContain('unsafe segment');
  });

  it('records discriminator mappings, explicit or implied by variant names', () => {
    const components = { Cat: { type: 'object' }, Dog: { type: 'object' } };
    const implied = normalize(
      {
        oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
        discriminator: { propertyName: 'kind' },
      },
      '3.1',
      components,
    );
    expect(implied.schema).toMatchObject({
      kind: 'union',
      discriminator: {
        propertyName: 'kind',
        mapping: [
          { value: 'Cat', target: '#/components/schemas/Cat' },
          { value: 'Dog', target: '#/components/schemas/Dog' },
        ],
      },
    });
    const explicit = normalize(
      { oneOf: [{ $ref: '#/components/schemas/Cat' }], discriminator: { propertyName: 'kind', mapping: { cat: 'Cat' } } },
      '3.1',
      components,
    );
    expect(explicit.schema).toMatchObject({ discriminator: { mapping: [{ value: 'cat', target: '#/components/schemas/Cat' }] } });
  });

  it('implies the values a variant fixes its discriminator to (enum, const, allOf) over its name', () => {
    const components = {
      User: { type: 'object', properties: { role: { type: 'string', enum: ['user'] } } },
      Tool: { allOf: [{ $ref: '#/components/schemas/Base' }, { properties: { role: { const: 'tool' } } }] },
      Base: { type: 'object', properties: { role: { type: 'string' } } },
      Other: { type: 'object', properties: { role: { type: 'string' } } },
    };
    const refs = ['User', 'Tool', 'Other'].map((name) => ({ $ref: `#/components/schemas/${name}` }));
    const { schema } = normalize({ oneOf: refs, discriminator: { propertyName: 'role' } }, '3.1', components);
    expect(schema).toMatchObject({
      discriminator: {
        mapping: [
          { value: 'user', target: '#/components/schemas/User' },
          { value: 'tool', target: '#/components/schemas/Tool' },
          { value: 'Other', target: '#/components/schemas/Other' },
        ],
      },
    });
  });

  it('drops a pattern JavaScript rejects, with a warning, and flags catastrophic ones', () => {
    const invalid = normalize({ type: 'string', pattern: '\\A[a-z]+' });
    expect(invalid.schema).toEqual({ kind: 'string' });
    expect(invalid.ctx.warnings[0]?.code).toBe('INVALID_PATTERN');
    const catastrophic = normalize({ type: 'string', pattern: '^(a+)+$' });
    expect(catastrophic.schema).toEqual({ kind: 'string', pattern: '^(a+)+$' });
    expect(catastrophic.ctx.warnings[0]?.code).toBe('CATASTROPHIC_PATTERN');
  });
});

describe('normalizeDocument warnings', () => {
  it('names the place of a duplicate operationId, and still keeps both operations', async () => {
    const { normalizeDocument } = await import('../../../src/normalize/index.js');
    const op = { operationId: 'dup', responses: { '204': { description: 'none' } } };
    const { document, warnings } = normalizeDocument({
      document: { openapi: '3.0.3', info: { title: 'T', version: '1' }, paths: { '/a': { get: op }, '/b': { get: op } } },
      version: '3.0',
      file: 'spec.yaml',
    });
    expect(document.operations).toHaveLength(2);
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'DUPLICATE_OPERATION_ID', pointer: '#/paths/~1b/get', file: 'spec.yaml' }),
    ]);
  });
});
