import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../runtime/errors/errors.js';
import { fromWire, toWire, type Shape, type ShapeTable } from '../../../runtime/transform/transform.js';

const instant = '2024-02-29T13:45:07.123Z';
const shapes: ShapeTable = {
  Pet: {
    props: [
      ['pet_id', 'petId'],
      ['created_at', 'createdAt', { date: 'date-time' }],
      ['owner', 'owner', 'Person'],
    ],
  },
  Person: {
    props: [
      ['first_name', 'firstName'],
      ['born_on', 'bornOn', { date: 'date' }],
    ],
  },
  Node: { props: [['child_nodes', 'childNodes', { items: 'Node' }]] },
  Cat: {
    props: [
      ['pet_type', 'petType'],
      ['seen_at', 'seenAt', { date: 'date-time' }],
    ],
  },
  Dog: {
    props: [
      ['pet_type', 'petType'],
      ['seen_at', 'seenAt'],
    ],
  },
  Animal: {
    anyOf: ['Cat', 'Dog'],
    discriminator: { wire: 'pet_type', name: 'petType', mapping: { cat: 'Cat', dog: 'Dog', fish: null } },
  },
  Loop: { allOf: ['Loop', 'Again'] },
  Again: 'Loop',
  Registry: { props: [], values: 'Person' },
};

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe('fromWire / toWire', () => {
  it.each<[string, { shape: Shape; wire: unknown; want: unknown }]>([
    [
      'renames declared properties, keeps the rest',
      { shape: 'Person', wire: { first_name: 'Ada', last_name: 'L' }, want: { firstName: 'Ada', last_name: 'L' } },
    ],
    [
      'nested refs and dates',
      {
        shape: 'Pet',
        wire: { pet_id: 1, created_at: instant, owner: { born_on: '1815-12-10' } },
        want: { petId: 1, createdAt: new Date(instant), owner: { bornOn: new Date('1815-12-10T00:00:00Z') } },
      },
    ],
    [
      'arrays of objects',
      {
        shape: { items: 'Person' },
        wire: [{ first_name: 'a' }, { first_name: 'b' }],
        want: [{ firstName: 'a' }, { firstName: 'b' }],
      },
    ],
    [
      'recursive shapes follow the data',
      {
        shape: 'Node',
        wire: { child_nodes: [{ child_nodes: [{ child_nodes: [] }] }] },
        want: { childNodes: [{ childNodes: [{ childNodes: [] }] }] },
      },
    ],
    [
      'map keys stay, map values convert',
      { shape: 'Registry', wire: { some_key: { first_name: 'x' } }, want: { some_key: { firstName: 'x' } } },
    ],
    [
      'tuples by position',
      {
        shape: { tuple: [null, { date: 'date' }], rest: 'Person' },
        wire: ['2024-01-01', '2024-01-02', { first_name: 'r' }],
        want: ['2024-01-01', new Date('2024-01-02T00:00:00Z'), { firstName: 'r' }],
      },
    ],
    [
      'allOf merges parts',
      {
        shape: { allOf: ['Person', { props: [['pet_id', 'petId']] }] },
        wire: { first_name: 'a', pet_id: 2 },
        want: { firstName: 'a', petId: 2 },
      },
    ],
    [
      'anyOf without discriminator merges variants',
      { shape: { anyOf: ['Person', { props: [['pet_id', 'petId']] }] }, wire: { pet_id: 2 }, want: { petId: 2 } },
    ],
    [
      'discriminator picks the date variant',
      { shape: 'Animal', wire: { pet_type: 'cat', seen_at: instant }, want: { petType: 'cat', seenAt: new Date(instant) } },
    ],
    [
      'discriminator picks the string variant',
      { shape: 'Animal', wire: { pet_type: 'dog', seen_at: 'yesterday' }, want: { petType: 'dog', seenAt: 'yesterday' } },
    ],
    [
      'a variant needing nothing passes through',
      { shape: 'Animal', wire: { pet_type: 'fish', seen_at: 'x' }, want: { pet_type: 'fish', seen_at: 'x' } },
    ],
    ['nullable date', { shape: { anyOf: [{ date: 'date-time' }] }, wire: null, want: null }],
    [
      'orString keeps a string that is no date',
      { shape: { anyOf: [{ date: 'date-time' }], orString: true }, wire: 'soon', want: 'soon' },
    ],
    ['non-string in a date field is left as sent', { shape: { date: 'date-time' }, wire: 1700000000, want: 1700000000 }],
    ['cycles of refs and allOf end', { shape: 'Loop', wire: { a_b: 1 }, want: { a_b: 1 } }],
    ['unknown shape names are no conversion', { shape: 'Missing', wire: { a_b: 1 }, want: { a_b: 1 } }],
    ['prototype members are not shape names', { shape: 'constructor', wire: { a_b: 1 }, want: { a_b: 1 } }],
  ])('%s', (_, { shape, wire, want }) => {
    const frozen = deepFreeze(structuredClone(wire));
    const converted = fromWire(frozen, shape, shapes);
    expect(converted).toEqual(want);
    expect(frozen).toEqual(wire);
    expect(toWire(converted, shape, shapes)).toEqual(wire);
  });

  it('writes dates: date-time as toISOString, date as the UTC day', () => {
    const local = new Date('2024-03-01T00:30:00+02:00'); // still 29 February in UTC
    expect(toWire({ createdAt: local, owner: { bornOn: local } }, 'Pet', shapes)).toEqual({
      created_at: '2024-02-29T22:30:00.000Z',
      owner: { born_on: '2024-02-29' },
    });
  });

  it('accepts strings where a Date is typed (JavaScript callers)', () => {
    expect(toWire({ createdAt: '2024-01-01T00:00:00Z' }, 'Pet', shapes)).toEqual({ created_at: '2024-01-01T00:00:00Z' });
  });

  it('refuses an Invalid Date in a request', () => {
    expect(() => toWire({ owner: { bornOn: new Date(Number.NaN) } }, 'Pet', shapes)).toThrow(ValidationError);
  });

  it('refuses a date string that does not parse, naming the field', () => {
    const call = () => fromWire([{ created_at: instant }, { created_at: 'not a date' }], { items: 'Pet' }, shapes);
    expect(call).toThrow(ValidationError);
    try {
      call();
    } catch (error) {
      expect((error as ValidationError).issues).toEqual([
        { field: 'value[1].created_at', issue: 'is not a valid date-time (RFC 3339)' },
      ]);
    }
  });

  it('keeps __proto__ keys as data and never touches Object.prototype', () => {
    const wire = JSON.parse('{"__proto__": {"polluted": 1}, "first_name": "a"}') as unknown;
    const converted = fromWire(
      wire,
      {
        props: [
          ['__proto__', 'proto'],
          ['first_name', 'firstName'],
        ],
      },
      shapes,
    ) as Record<string, unknown>;
    expect(Object.hasOwn(converted, 'proto')).toBe(true);
    expect(Object.getPrototypeOf(converted)).toBe(Object.prototype);
    const kept = fromWire(wire, 'Person', shapes) as Record<string, unknown>;
    expect(Object.hasOwn(kept, '__proto__')).toBe(true);
    expect(kept['firstName']).toBe('a');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('lets a declared property win over an undeclared key with its name', () => {
    expect(fromWire({ first_name: 'declared', firstName: 'extra' }, 'Person', shapes)).toEqual({ firstName: 'declared' });
  });

  it('leaves non-plain objects alone', () => {
    const blob = new Blob(['x']);
    const map = new Map([['first_name', 1]]);
    expect(toWire(blob, 'Person', shapes)).toBe(blob);
    expect(toWire(map, 'Person', shapes)).toBe(map);
  });

  it('refuses input nested deeper than the limit (a cycle) instead of overflowing the stack', () => {
    const node: { childNodes: unknown[] } = { childNodes: [] };
    node.childNodes.push(node);
    expect(() => toWire(node, 'Node', shapes)).toThrow(/nested deeper than 256 levels/);
  });

  it('reads only own properties', () => {
    const inherited = Object.create({ first_name: 'inherited' }) as object;
    expect(fromWire(inherited, 'Person', shapes)).toBe(inherited);
    const plain = Object.assign(Object.create(null) as object, { first_name: 'own' });
    expect(fromWire(plain, 'Person', shapes)).toEqual({ firstName: 'own' });
  });
});
