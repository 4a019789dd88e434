import { describe, expect, it } from 'vitest';
import { emitClient } from '../../../src/emit/emit-client.js';
import { operationDescriptor } from '../../../src/emit/operation-descriptor.js';
import { emitTransformsFile, operationTransform } from '../../../src/emit/transforms-file.js';
import { typeExpression, type TypeContext } from '../../../src/emit/type-expression.js';
import type * as ir from '../../../src/ir/index.js';
import { planClient } from '../../../src/plan/plan-client.js';
import { dateTime, document, jsonResponse, object, operation, prop, ref, str } from './ir-builders.js';

const camel: TypeContext = {
  typeNames: new Map(),
  propertyName: (p) => (p.name === 'created_at' ? 'createdAt' : p.name),
  dateType: 'Date',
};

describe('typeExpression with planned names and dates', () => {
  it.each<[string, { given: ir.Schema; ctx: TypeContext; want: string }]>([
    [
      'planned name, wire name in the doc',
      {
        given: object(prop('created_at', dateTime, true)),
        ctx: camel,
        want: '{\n  /**\n   * Format: `date-time`.\n   *\n   * On the wire: `created_at`.\n   */\n  createdAt: Date;\n}',
      },
    ],
    [
      '3.1 type list with the format beside it',
      { given: { kind: 'union', format: 'date-time', variants: [str, { kind: 'null' }] }, ctx: camel, want: 'Date | null' },
    ],
    [
      'parameters accept both',
      { given: { kind: 'array', items: dateTime }, ctx: { ...camel, dateType: 'string | Date' }, want: '(string | Date)[]' },
    ],
    ['without dateType a date stays a string', { given: dateTime, ctx: { typeNames: new Map() }, want: 'string' }],
    ['format: date too', { given: { kind: 'string', format: 'date' }, ctx: camel, want: 'Date' }],
  ])('%s', (_, { given, ctx, want }) => {
    expect(typeExpression(given, ctx)).toBe(want);
  });
});

const cat = object(prop('pet_type', str, true), prop('seen_at', dateTime));
const doc = document(
  {
    Event: object(prop('starts_at', dateTime, true), prop('title')),
    Plain: object(prop('title')),
    Cat: cat,
    Dog: object(prop('pet_type', str, true)),
    Pet: {
      kind: 'union',
      variants: [ref('Cat'), ref('Dog')],
      discriminator: {
        propertyName: 'pet_type',
        mapping: [
          { value: 'cat', target: '#/components/schemas/Cat' },
          { value: 'dog', target: '#/components/schemas/Dog' },
        ],
      },
    },
    Date: object(prop('day')),
  },
  [
    operation({
      id: 'listEvents',
      parameters: [
        {
          name: 'since',
          in: 'query',
          required: false,
          style: 'form',
          explode: true,
          allowReserved: false,
          schema: dateTime,
          source: '#/p',
        },
      ],
      responses: [
        jsonResponse('200', object(prop('event_list', { kind: 'array', items: ref('Event') }), prop('next_page'))),
        { status: '404', content: [{ mediaType: 'text/plain', schema: str }], headers: [], source: '#/r' },
      ],
      pagination: { style: 'cursor', cursorParam: 'cursor', nextCursorPath: ['next_page'], itemsPath: ['event_list'] },
    }),
    operation({
      id: 'createPlain',
      method: 'POST',
      requestBody: { required: true, content: [{ mediaType: 'application/json', schema: ref('Plain') }], source: '#/b' },
      responses: [jsonResponse('200', ref('Plain'))],
    }),
  ],
);

describe('transforms.gen.ts', () => {
  const plan = planClient(doc, { specFile: 'spec.yaml', naming: 'camelCase', dates: 'Date' });
  const [listEvents, createPlain] = plan.groups.flatMap((g) => g.operations);

  it('lists only the named schemas that need a conversion', () => {
    expect(emitTransformsFile(plan)).toBe(
      [
        "import type { ShapeTable } from './runtime/index.js';",
        '',
        '/**',
        ' * How values of the named types differ from the wire, for runtime/transform/transform.ts:',
        ' * properties as `[wire name, name, shape]`, `format: date-time`/`date` strings as `Date`.',
        ' *',
        ' * Types whose values need no conversion are not listed.',
        ' */',
        'export const shapes: ShapeTable = {',
        '  Cat: {',
        "    props: [['pet_type', 'petType'], ['seen_at', 'seenAt', { date: 'date-time' }]],",
        '  },',
        "  Dog: { props: [['pet_type', 'petType']] },",
        "  Event: { props: [['starts_at', 'startsAt', { date: 'date-time' }]] },",
        '  Pet: {',
        "    anyOf: ['Cat', 'Dog'],",
        "    discriminator: { wire: 'pet_type', name: 'petType', mapping: { cat: 'Cat', dog: 'Dog' } },",
        '  },',
        '};',
        '',
      ].join('\n'),
    );
  });

  it('gives each operation its body, JSON responses and date parameters', () => {
    expect(listEvents && operationTransform(plan, listEvents)).toEqual({
      request: undefined,
      responses: {
        '200': {
          props: [
            ['event_list', 'eventList', { items: 'Event' }],
            ['next_page', 'nextPage'],
          ],
        },
      },
      params: [['since', { date: 'date-time' }]],
    });
    expect(createPlain && operationTransform(plan, createPlain)).toBeUndefined();
  });

  it('renames pagination paths to the names the runtime reads after converting', () => {
    expect(listEvents && operationDescriptor(listEvents, plan.transform)).toMatchObject({
      pagination: { nextCursorPath: ['nextPage'], itemsPath: ['eventList'] },
    });
  });

  it('keeps a schema named Date from shadowing the global', () => {
    expect(plan.typeNames.get('#/components/schemas/Date')).not.toBe('Date');
    // With or without `dates: 'Date'`: a type never shadows a global (plan/reserved.ts).
    expect(planClient(doc, { specFile: 'spec.yaml' }).typeNames.get('#/components/schemas/Date')).toBe('DateSchema');
  });

  it('wires the table into endpoint descriptors', () => {
    const files = emitClient(plan);
    expect(files.map((f) => f.path)).toContain('transforms.gen.ts');
    const endpoints = files.find((f) => f.path === 'endpoints/untagged.gen.ts')?.content ?? '';
    expect(endpoints).toContain("import { shapes as $shapes } from '../transforms.gen.js';");
    expect(endpoints).toContain('  transform: {\n    shapes: $shapes,\n    responses: {\n');
    expect(endpoints).toContain("PageItem<t.ListEventsResponse, ['eventList']>");
  });
});

describe('defaults', () => {
  it('emit no table and no transform when both options are at their defaults', () => {
    const files = emitClient(planClient(doc, { specFile: 'spec.yaml', naming: 'preserve', dates: 'string' }));
    expect(files.map((f) => f.path)).not.toContain('transforms.gen.ts');
    expect(files.some((f) => f.content.includes('transform'))).toBe(false);
    expect(files.find((f) => f.path === 'types.gen.ts')?.content).toContain('  starts_at: string;');
  });
});
