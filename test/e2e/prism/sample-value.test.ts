/**
 * The conformance run's own helpers: the schema sampler (its values must satisfy the schema, or a
 * violation would be ours, not the runtime's), the pattern sampler, and the reading of Prism's verdict.
 */
import { describe, expect, it } from 'vitest';
import { parseViolationHeader, readViolations } from './prism-violations.js';
import { sampleFromPattern } from './regex-sample.js';
import { sampleValue, type SampleOptions } from './sample-value.js';
import type { Json, SpecDocument } from './spec-document.js';

const doc: SpecDocument = {
  version: '3.0',
  root: {
    components: {
      schemas: {
        Node: {
          type: 'object',
          required: ['name', 'child'],
          properties: { name: { type: 'string' }, child: { $ref: '#/components/schemas/Node' } },
        },
        Card: { type: 'object', required: ['method'], properties: { method: { type: 'string', enum: ['card'] } } },
      },
    },
  },
};
const plain: SampleOptions = { useExamples: false, includeOptional: false };

describe('sampleValue', () => {
  it.each<[string, { given: Json; options?: SampleOptions; want: unknown }]>([
    ['enum takes its first non-null value', { given: { type: 'string', enum: [null, 'b', 'c'] }, want: 'b' }],
    ['const wins', { given: { type: 'integer', const: 7 }, want: 7 }],
    [
      'example used only when allowed',
      { given: { type: 'string', example: 'ex' }, options: { useExamples: true, includeOptional: false }, want: 'ex' },
    ],
    ['example ignored otherwise', { given: { type: 'string', example: 'ex' }, want: 'sample' }],
    ['date-time format', { given: { type: 'string', format: 'date-time' }, want: '2024-01-02T03:04:05Z' }],
    ['uuid format', { given: { type: 'string', format: 'uuid' }, want: '3fa85f64-5717-4562-b3fc-2c963f66afa6' }],
    ['minLength pads', { given: { type: 'string', minLength: 9 }, want: 'samplexxx' }],
    ['maxLength cuts', { given: { type: 'string', maxLength: 3 }, want: 'sam' }],
    ['pattern is matched', { given: { type: 'string', pattern: '^[A-Z]{3}-\\d{4}$' }, want: 'AAA-0000' }],
    ['integer minimum', { given: { type: 'integer', minimum: 5 }, want: 5 }],
    ['3.0 exclusiveMinimum', { given: { type: 'integer', minimum: 5, exclusiveMinimum: true }, want: 6 }],
    ['3.1 exclusiveMaximum', { given: { type: 'integer', exclusiveMaximum: 0 }, want: -1 }],
    ['multipleOf', { given: { type: 'number', minimum: 1, multipleOf: 0.5 }, want: 1.5 }],
    ['3.1 type array skips null', { given: { type: ['null', 'boolean'] }, want: true }],
    ['array of one by default', { given: { type: 'array', items: { type: 'integer' } }, want: [1] }],
    [
      'arrayLength for parameters',
      { given: { type: 'array', items: { type: 'string' } }, options: { ...plain, arrayLength: 2 }, want: ['sample', 'sample'] },
    ],
    [
      'uniqueItems counts up',
      {
        given: { type: 'array', uniqueItems: true, items: { type: 'integer' } },
        options: { ...plain, arrayLength: 2 },
        want: [1, 2],
      },
    ],
    [
      'maxItems caps',
      { given: { type: 'array', maxItems: 1, items: { type: 'integer' } }, options: { ...plain, arrayLength: 2 }, want: [1] },
    ],
    [
      'required only, readOnly left out',
      {
        given: {
          type: 'object',
          required: ['a', 'id'],
          properties: { a: { type: 'integer' }, b: { type: 'string' }, id: { type: 'string', readOnly: true } },
        },
        want: { a: 1 },
      },
    ],
    [
      'optional too at the top when asked',
      {
        given: { type: 'object', properties: { a: { type: 'integer' } } },
        options: { ...plain, includeOptional: true },
        want: { a: 1 },
      },
    ],
    [
      'required but undefined property',
      { given: { type: 'object', required: ['uris'], properties: {} }, want: { uris: 'sample' } },
    ],
    [
      'allOf merged',
      {
        given: {
          allOf: [
            { type: 'object', required: ['a'], properties: { a: { type: 'boolean' } } },
            { required: ['b'], properties: { b: { type: 'integer' } } },
          ],
        },
        want: { a: true, b: 1 },
      },
    ],
    [
      'oneOf takes the first non-null branch',
      { given: { oneOf: [{ type: 'null' }, { $ref: '#/components/schemas/Card' }] }, want: { method: 'card' } },
    ],
  ])('%s', (_, { given, options, want }) => expect(sampleValue(doc, given, options ?? plain)).toEqual(want));

  it('stops a required self-reference at the depth limit', () => {
    let node = sampleValue(doc, { $ref: '#/components/schemas/Node' }, plain) as { child?: unknown } | undefined;
    let depth = 0;
    while (node?.child !== undefined && depth < 50) {
      node = node.child as { child?: unknown };
      depth++;
    }
    expect(depth).toBeLessThan(10);
  });

  it('makes binary multipart fields Blobs of the declared part type', () => {
    const value = sampleValue(
      doc,
      { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
      { ...plain, binaryAsBlob: true, partTypes: { file: 'image/png' } },
    );
    expect((value as { file: Blob }).file).toBeInstanceOf(Blob);
    expect((value as { file: Blob }).file.type).toBe('image/png');
  });
});

describe('sampleFromPattern', () => {
  it.each([
    '^[a-z0-9-]+$',
    '^(AC|CA)[0-9a-fA-F]{32}$',
    '^\\+?[1-9]\\d{1,14}$',
    '^[^@]+@[^@]+$',
    '^(?:foo|bar)\\.(json|xml)?$',
    '^\\w{3,5}\\s\\d$',
  ])('%s', (pattern) => {
    const value = sampleFromPattern(pattern);
    expect(value).toBeDefined();
    expect(new RegExp(pattern, 'u').test(value ?? '')).toBe(true);
  });

  it('gives up on what it cannot build', () => expect(sampleFromPattern('^(a)\\1$')).toBeUndefined());
});

describe('reading Prism verdicts', () => {
  it('keeps request errors from sl-violations and drops response ones', () => {
    const header = JSON.stringify([
      { location: ['request', 'query', 'limit'], severity: 'Error', code: 'type', message: 'must be integer' },
      { location: ['response', 'body'], severity: 'Error', code: 'type', message: 'must be object' },
      { location: ['request', 'header'], severity: 'Warning', message: 'deprecated' },
    ]);
    const read = readViolations(
      new Response('{}', { headers: { 'sl-violations': header, 'content-type': 'application/json' } }),
      '{}',
    );
    expect(read.violations.map((v) => v.location.join('.'))).toEqual(['request.query.limit']);
    expect(read.warnings).toHaveLength(1);
  });

  it('reads the entries of a truncated header and counts a cut request entry', () => {
    const cut =
      'Too many violations! [{"location":["response","body"],"severity":"Error","code":"type","message":"x"},{"location":["request","body"],"sev';
    expect(parseViolationHeader(cut).filter((v) => v.location[0] === 'request')).toHaveLength(1);
  });

  it('treats a Prism-generated problem as a violation and names it', () => {
    const body = JSON.stringify({
      type: 'https://stoplight.io/prism/errors#UNAUTHORIZED',
      title: 'Invalid security scheme used',
      status: 401,
    });
    const read = readViolations(
      new Response(body, { status: 401, headers: { 'content-type': 'application/problem+json' } }),
      body,
    );
    expect(read.prismError).toBe('UNAUTHORIZED');
    expect(read.violations).toHaveLength(1);
  });

  it('does not count a Prism mocking failure as a request violation', () => {
    const body = JSON.stringify({ type: 'https://stoplight.io/prism/errors#NO_COMPLEX_OBJECT_TEXT', status: 500 });
    const read = readViolations(
      new Response(body, { status: 500, headers: { 'content-type': 'application/problem+json' } }),
      body,
    );
    expect(read.prismError).toBe('NO_COMPLEX_OBJECT_TEXT');
    expect(read.violations).toHaveLength(0);
  });
});
