import { describe, expect, it } from 'vitest';
import { createRandom, generateValue, type MockSchema, type MockSchemaTable } from '../../../runtime/index.js';

const generate = (schema: MockSchema, schemas: MockSchemaTable = {}, seed = 1): unknown =>
  generateValue(schema, { schemas, random: createRandom(seed) });

describe('generateValue', () => {
  it('is deterministic for a seed and varies with it', () => {
    const schema: MockSchema = { kind: 'object', properties: { id: { kind: 'string', format: 'uuid' }, n: { kind: 'integer' } } };
    expect(generate(schema, {}, 5)).toEqual(generate(schema, {}, 5));
    expect(generate(schema, {}, 5)).not.toEqual(generate(schema, {}, 6));
  });

  it.each([
    ['email', /^[^\s@]+@example\.com$/],
    ['uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/],
    ['date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/],
    ['date', /^\d{4}-\d\d-\d\d$/],
    ['time', /^\d\d:\d\d:\d\dZ$/],
    ['uri', /^https:\/\/example\.com\//],
    ['hostname', /^[a-z]+\.example\.com$/],
    ['ipv4', /^192\.0\.2\.\d{1,3}$/],
    ['ipv6', /^2001:db8::[0-9a-f]{4}$/],
    ['byte', /^[A-Za-z0-9+/]+=*$/],
  ])('format %s gives a realistic value', (format, pattern) => {
    for (let seed = 1; seed <= 20; seed += 1) expect(generate({ kind: 'string', format }, {}, seed)).toMatch(pattern);
  });

  it('respects numeric bounds, exclusive bounds and multipleOf', () => {
    for (let seed = 1; seed <= 50; seed += 1) {
      const n = generate({ kind: 'integer', minimum: 10, maximum: 20 }, {}, seed) as number;
      expect(Number.isInteger(n) && n >= 10 && n <= 20).toBe(true);
      const x = generate({ kind: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1, multipleOf: 0.1 }, {}, seed) as number;
      expect(x > 0 && x < 1).toBe(true);
      expect(Math.abs(Math.round(x * 10) - x * 10)).toBeLessThan(1e-9);
    }
  });

  it('respects string lengths and patterns where it can', () => {
    for (let seed = 1; seed <= 30; seed += 1) {
      expect(generate({ kind: 'string', pattern: '^[A-Z]{3}-\\d{2,4}$' }, {}, seed)).toMatch(/^[A-Z]{3}-\d{2,4}$/);
      expect(generate({ kind: 'string', pattern: '^(cat|dog)s?$' }, {}, seed)).toMatch(/^(cat|dog)s?$/);
      const s = generate({ kind: 'string', minLength: 12, maxLength: 14 }, {}, seed) as string;
      expect(s.length >= 12 && s.length <= 14).toBe(true);
    }
  });

  it('always includes required properties, picks enum values, and respects item counts', () => {
    const schema: MockSchema = {
      kind: 'object',
      properties: {
        status: { kind: 'enum', values: ['a', 'b', null] },
        tags: { kind: 'array', items: { kind: 'string' }, minItems: 2, maxItems: 3, uniqueItems: true },
      },
      required: ['status', 'tags'],
    };
    for (let seed = 1; seed <= 20; seed += 1) {
      const value = generate(schema, {}, seed) as { status: string; tags: string[] };
      expect(['a', 'b']).toContain(value.status);
      expect(value.tags.length).toBeGreaterThanOrEqual(2);
      expect(value.tags.length).toBeLessThanOrEqual(3);
      expect(new Set(value.tags).size).toBe(value.tags.length);
    }
  });

  it('bounds recursion: a self-referencing schema ends, with its required part', () => {
    const schemas: MockSchemaTable = {
      Node: {
        kind: 'object',
        properties: { name: { kind: 'string' }, children: { kind: 'array', items: { kind: 'ref', ref: 'Node' } } },
        required: ['name'],
      },
    };
    const depth = (node: { children?: unknown[] }): number =>
      1 + Math.max(0, ...(node.children ?? []).map((c) => depth(c as { children?: unknown[] })));
    const value = generate({ kind: 'ref', ref: 'Node' }, schemas) as { name: string; children?: unknown[] };
    expect(typeof value.name).toBe('string');
    expect(depth(value)).toBeLessThanOrEqual(4);
  });

  it('sets the discriminator of the variant it picks, and merges allOf parts', () => {
    const schemas: MockSchemaTable = {
      Cat: { kind: 'object', properties: { kind: { kind: 'string' }, meows: { kind: 'boolean' } }, required: ['kind', 'meows'] },
      Dog: { kind: 'object', properties: { kind: { kind: 'string' }, barks: { kind: 'boolean' } }, required: ['kind', 'barks'] },
      Base: { kind: 'object', properties: { id: { kind: 'string', format: 'uuid' } }, required: ['id'] },
    };
    const pet: MockSchema = {
      kind: 'union',
      variants: [
        { kind: 'ref', ref: 'Cat' },
        { kind: 'ref', ref: 'Dog' },
      ],
      discriminator: { propertyName: 'kind', mapping: { cat: 'Cat', dog: 'Dog' } },
    };
    for (let seed = 1; seed <= 10; seed += 1) {
      const value = generate(pet, schemas, seed) as Record<string, unknown>;
      expect(value['kind'] === 'cat' ? 'meows' in value : 'barks' in value).toBe(true);
    }
    const merged = generate(
      {
        kind: 'intersection',
        parts: [
          { kind: 'ref', ref: 'Base' },
          { kind: 'ref', ref: 'Cat' },
        ],
      },
      schemas,
    );
    expect(merged).toMatchObject({ id: expect.any(String) as string, meows: expect.any(Boolean) as boolean });
  });

  it("uses a leaf's example when it fits the schema, and generates when it does not", () => {
    expect(generate({ kind: 'string', example: 'Rex' })).toBe('Rex');
    expect(generate({ kind: 'string', format: 'date', example: '2024-01-01T00:00:00Z' })).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(generate({ kind: 'integer', maximum: 5, example: 10 })).toBeLessThanOrEqual(5);
    expect(generateValue({ kind: 'string', example: 'Rex' }, { schemas: {}, random: createRandom(1), examples: false })).not.toBe(
      'Rex',
    );
  });

  it('takes realistic strings from faker when given one', () => {
    const faker = {
      internet: {
        email: () => 'ada@lovelace.test',
        url: () => 'https://a.test',
        ipv4: () => '10.0.0.1',
        ipv6: () => '::1',
        domainName: () => 'a.test',
        username: () => 'ada',
      },
      string: { uuid: () => '00000000-0000-4000-8000-000000000000' },
      date: { recent: () => new Date(Date.UTC(2025, 0, 2)) },
      person: { fullName: () => 'Ada Lovelace', firstName: () => 'Ada', lastName: () => 'Lovelace' },
      lorem: { word: () => 'lorem', sentence: () => 'Lorem ipsum.' },
    };
    const value = generateValue(
      {
        kind: 'object',
        properties: { email: { kind: 'string', format: 'email' }, firstName: { kind: 'string' }, note: { kind: 'string' } },
      },
      { schemas: {}, random: createRandom(1), faker },
    );
    expect(value).toEqual({ email: 'ada@lovelace.test', firstName: 'Ada', note: 'lorem' });
  });
});
