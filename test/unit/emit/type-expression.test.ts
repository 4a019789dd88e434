import { describe, expect, it } from 'vitest';
import { typeExpression } from '../../../src/emit/type-expression.js';
import type * as ir from '../../../src/ir/index.js';

const ctx = { typeNames: new Map([['#/components/schemas/Pet', 'Pet']]) };
const str: ir.Schema = { kind: 'string' };

describe('typeExpression', () => {
  it.each<[string, { given: ir.Schema; want: string }]>([
    ['ref', { given: { kind: 'ref', target: '#/components/schemas/Pet' }, want: 'Pet' }],
    ['unknown ref target', { given: { kind: 'ref', target: '#/nowhere' }, want: 'unknown' }],
    ['binary', { given: { kind: 'binary' }, want: 'Blob' }],
    ['enum', { given: { kind: 'enum', values: ['a', 1, true, null] }, want: "'a' | 1 | true | null" }],
    [
      'array of union',
      { given: { kind: 'array', items: { kind: 'union', variants: [str, { kind: 'null' }] } }, want: '(string | null)[]' },
    ],
    [
      'tuple with rest',
      { given: { kind: 'tuple', prefixItems: [str], rest: { kind: 'number' } }, want: '[string, ...number[]]' },
    ],
    [
      'intersection of union',
      {
        given: { kind: 'intersection', parts: [{ kind: 'union', variants: [str, { kind: 'number' }] }, str] },
        want: '(string | number) & string',
      },
    ],
    [
      'discriminated union: mapped variants narrow on the property',
      {
        given: {
          kind: 'union',
          variants: [{ kind: 'ref', target: '#/components/schemas/Pet' }, str],
          discriminator: {
            propertyName: 'pet-type',
            mapping: [
              { value: 'dog', target: '#/components/schemas/Pet' },
              { value: 'hound', target: '#/components/schemas/Pet' },
            ],
          },
        },
        want: "(Pet & { 'pet-type': 'dog' | 'hound' }) | string",
      },
    ],
    ['free-form object', { given: { kind: 'object', properties: [] }, want: '{ [key: string]: unknown }' }],
    ['closed empty object', { given: { kind: 'object', properties: [], additional: false }, want: '{ [key: string]: never }' }],
    [
      'properties with hostile names and a map',
      {
        given: {
          kind: 'object',
          properties: [
            { name: '__proto__', schema: str, required: true },
            { name: 'x": 1, [(globalThis.__pwned=1)]: 1, "y', schema: str, required: false },
          ],
          additional: { kind: 'number' },
        },
        want: "{\n  '__proto__': string;\n  'x\": 1, [(globalThis.__pwned=1)]: 1, \"y'?: string;\n  [key: string]: number | string | undefined;\n}",
      },
    ],
  ])('%s', (_, { given, want }) => {
    expect(typeExpression(given, ctx)).toBe(want);
  });
});
