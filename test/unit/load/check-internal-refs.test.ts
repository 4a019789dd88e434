import { describe, expect, it } from 'vitest';
import { findUnresolvedInternalRefs, resolvePointer } from '../../../src/load/check-internal-refs.js';
import { walkDocument } from '../../../src/load/walk-document.js';

const document = {
  components: {
    schemas: {
      A: { $ref: '#/components/schemas/B' },
      B: { type: 'object', properties: { name: { type: 'string' } } },
      Loop1: { $ref: '#/components/schemas/Loop2' },
      Loop2: { $ref: '#/components/schemas/Loop1' },
      List: { type: 'array', items: [{ type: 'string' }] },
    },
  },
};

describe('resolvePointer', () => {
  it.each([
    ['plain path', { given: ['components', 'schemas', 'B', 'type'], want: 'object' }],
    ['through a $ref on the way', { given: ['components', 'schemas', 'A', 'properties', 'name', 'type'], want: 'string' }],
    ['array index', { given: ['components', 'schemas', 'List', 'items', '0', 'type'], want: 'string' }],
    ['missing key', { given: ['components', 'schemas', 'Missing'], want: undefined }],
    ['bad index', { given: ['components', 'schemas', 'List', 'items', '01'], want: undefined }],
    ['ref cycle ends', { given: ['components', 'schemas', 'Loop1', 'type'], want: undefined }],
    ['no prototype', { given: ['components', 'constructor'], want: undefined }],
    ['no inherited method', { given: ['components', 'schemas', 'B', 'hasOwnProperty'], want: undefined }],
  ])('%s', (_, { given, want }) => expect(resolvePointer(document, given)).toEqual(want));
});

describe('findUnresolvedInternalRefs', () => {
  it('returns only the sites whose #/ ref does not resolve', () => {
    const spec = {
      paths: { '/a': { $ref: '#/components/pathItems/Missing' } },
      components: { schemas: { Ok: { $ref: '#/components/schemas/B' }, B: {}, External: { $ref: 'x.yaml' } } },
    };
    const walk = walkDocument(spec, { file: 'f', baseUri: 'file:///f' });
    expect(findUnresolvedInternalRefs(spec, walk.refs).map((site) => site.ref)).toEqual(['#/components/pathItems/Missing']);
  });
});
