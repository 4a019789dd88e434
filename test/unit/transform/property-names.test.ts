import { describe, expect, it } from 'vitest';
import type * as ir from '../../../src/ir/index.js';
import { planTransforms } from '../../../src/plan/property-names.js';
import { document, object, prop, ref, str } from './ir-builders.js';

/** Every named object schema's properties as `wire → name`. */
function decided(
  schemas: Record<string, ir.Schema>,
  naming: 'camelCase' | 'preserve' = 'camelCase',
): Record<string, Record<string, string>> {
  const doc = document(schemas);
  const plan = planTransforms(doc, naming);
  const result: Record<string, Record<string, string>> = {};
  for (const named of doc.schemas.values()) {
    const objects =
      named.schema.kind === 'object'
        ? [named.schema]
        : named.schema.kind === 'intersection' || named.schema.kind === 'union'
          ? [...(named.schema.kind === 'union' ? named.schema.variants : named.schema.parts)]
          : [];
    for (const node of objects) {
      if (node.kind !== 'object') continue;
      for (const p of node.properties) (result[named.name] ??= {})[p.name] = plan.propertyName(p);
    }
  }
  return result;
}

describe('planTransforms: property names', () => {
  it.each<[string, { given: Record<string, ir.Schema>; want: Record<string, Record<string, string>> }]>([
    [
      'snake_case and other separators become camelCase; camelCase and unconvertible names stay',
      {
        given: {
          A: object(
            prop('created_at'),
            prop('id'),
            prop('userID'),
            prop('URL'),
            prop('x-rate-limit'),
            prop('_links'),
            prop('2fa_enabled'),
            prop('名前'),
            prop('AccountSid'),
          ),
        },
        want: {
          A: {
            created_at: 'createdAt',
            id: 'id',
            userID: 'userID',
            URL: 'url',
            'x-rate-limit': 'xRateLimit',
            _links: 'links',
            '2fa_enabled': '2fa_enabled',
            名前: '名前',
            AccountSid: 'accountSid',
          },
        },
      },
    ],
    [
      'the clean name keeps it, the other stays as on the wire',
      { given: { A: object(prop('foo_bar'), prop('fooBar')) }, want: { A: { foo_bar: 'foo_bar', fooBar: 'fooBar' } } },
    ],
    [
      'between two unclean names the first wins',
      { given: { A: object(prop('foo_bar'), prop('foo-bar')) }, want: { A: { foo_bar: 'fooBar', 'foo-bar': 'foo-bar' } } },
    ],
    [
      'allOf parts through refs decide together',
      {
        given: {
          Base: object(prop('fooBar')),
          Ext: { kind: 'intersection', parts: [ref('Base'), object(prop('foo_bar'), prop('baz_qux'))] },
        },
        want: { Base: { fooBar: 'fooBar' }, Ext: { foo_bar: 'foo_bar', baz_qux: 'bazQux' } },
      },
    ],
    [
      'union variants decide together',
      {
        given: { C: object(prop('foo_bar')), D: object(prop('fooBar')), U: { kind: 'union', variants: [ref('C'), ref('D')] } },
        want: { C: { foo_bar: 'foo_bar' }, D: { fooBar: 'fooBar' } },
      },
    ],
    [
      'unrelated objects do not block each other',
      {
        given: { E: object(prop('fooBar')), F: object(prop('foo_bar')) },
        want: { E: { fooBar: 'fooBar' }, F: { foo_bar: 'fooBar' } },
      },
    ],
    [
      'a nested object is another value',
      { given: { G: object(prop('foo_bar', object(prop('fooBar')))) }, want: { G: { foo_bar: 'fooBar' } } },
    ],
    [
      'recursive schemas',
      {
        given: { Node: object(prop('child_node', ref('Node')), prop('next_nodes', { kind: 'array', items: ref('Node') })) },
        want: { Node: { child_node: 'childNode', next_nodes: 'nextNodes' } },
      },
    ],
  ])('%s', (_, { given, want }) => {
    expect(decided(given)).toEqual(want);
  });

  it('preserve keeps every wire name and converts nothing', () => {
    const plan = planTransforms(document({ A: object(prop('created_at')) }));
    expect(plan).toMatchObject({ naming: 'preserve', dates: 'string', enabled: false });
    expect(decided({ A: object(prop('created_at')) }, 'preserve')).toEqual({ A: { created_at: 'created_at' } });
    expect(planTransforms(document({}), 'preserve', 'Date').enabled).toBe(true);
  });

  it('does not rename keys of maps (they are not declared)', () => {
    const map: ir.ObjectSchema = { kind: 'object', properties: [prop('total_count')], additional: str };
    expect(decided({ M: map })).toEqual({ M: { total_count: 'totalCount' } });
  });
});

describe('planTransforms: renamePath', () => {
  const item = object(prop('item_id'));
  const page = object(prop('data_items', { kind: 'array', items: item }), prop('response_metadata', object(prop('next_cursor'))));
  const doc = document({ Page: page, Alias: ref('Page') });
  const plan = planTransforms(doc, 'camelCase');

  it.each<[string, { schema: ir.Schema; path: string[]; want: string[] }]>([
    ['nested properties', { schema: page, path: ['response_metadata', 'next_cursor'], want: ['responseMetadata', 'nextCursor'] }],
    ['through a ref', { schema: ref('Alias'), path: ['data_items'], want: ['dataItems'] }],
    [
      '$lastItem steps into the items',
      { schema: page, path: ['data_items', '$lastItem', 'item_id'], want: ['dataItems', '$lastItem', 'itemId'] },
    ],
    [
      'undeclared segments stay, and so does the rest',
      { schema: page, path: ['not_here', 'next_cursor'], want: ['not_here', 'next_cursor'] },
    ],
  ])('%s', (_, { schema, path, want }) => {
    expect(plan.renamePath(schema, path)).toEqual(want);
  });
});
