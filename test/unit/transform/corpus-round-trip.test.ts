/**
 * Real snake_case specs generated with `naming: 'camelCase', dates: 'Date'`: the client type-checks
 * under the strictest settings, and values built from its own shape tables survive
 * toWire → fromWire unchanged (map keys untouched, dates back to the same instant).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromWire, toWire, type Shape, type ShapeTable } from '../../../runtime/transform/transform.js';
import { generate } from '../../../src/generate.js';
import { corpusDir, fixturesDir, generatedDir } from '../../support/paths.js';
import { typecheck } from '../../support/typecheck.js';

const specs = [
  { name: 'slack', spec: path.join(corpusDir, 'slack-web-api.json') },
  { name: 'discord', spec: path.join(corpusDir, 'discord.json') },
];
const root = generatedDir('unit/transform', '');
const tables = new Map<string, ShapeTable>();

beforeAll(async () => {
  for (const { name, spec } of specs) {
    await generate({ spec, out: path.join(root, name), naming: 'camelCase', dates: 'Date' });
    const module = (await import(pathToFileURL(path.join(root, name, 'transforms.gen.ts')).href)) as { shapes: ShapeTable };
    tables.set(name, module.shapes);
  }
}, 120_000);

/** A value in TypeScript form for `shape`: every declared property, one map key, a fixed instant for dates. */
function sample(shape: Shape, shapes: ShapeTable, depth = 0): unknown {
  if (typeof shape === 'string') return depth > 4 ? null : sample(shapes[shape] ?? { props: [] }, shapes, depth + 1);
  if ('date' in shape) return new Date(shape.date === 'date' ? '2024-02-29T00:00:00.000Z' : '2024-02-29T13:45:07.123Z');
  if ('items' in shape) return [sample(shape.items, shapes, depth + 1)];
  if ('tuple' in shape) return shape.tuple.map((s) => (s === null ? 'plain' : sample(s, shapes, depth + 1)));
  if ('allOf' in shape) return Object.assign({}, ...(shape.allOf.map((s) => sample(s, shapes, depth + 1)) as object[]));
  if ('anyOf' in shape) return shape.anyOf[0] === undefined ? null : sample(shape.anyOf[0], shapes, depth + 1);
  const value: Record<string, unknown> = {};
  for (const [, name, inner] of shape.props) value[name] = inner === undefined ? 'plain' : sample(inner, shapes, depth + 1);
  if (shape.values !== undefined) value['some_map_key'] = sample(shape.values, shapes, depth + 1);
  return value;
}

describe.each(specs)('$name with camelCase and Date', ({ name }) => {
  it('type-checks under strict settings with no errors', async () => {
    const errors = await typecheck(path.join(root, name), ['index.ts']);
    expect(errors.map((e) => `${e.file}:${e.line} ${e.code} ${e.message}`)).toEqual([]);
  }, 180_000);

  it('round-trips a sample of every named shape', () => {
    const shapes = tables.get(name) ?? {};
    const names = Object.keys(shapes);
    expect(names.length).toBeGreaterThan(10);
    for (const type of names) {
      const value = sample(type, shapes);
      const wire = JSON.parse(JSON.stringify(toWire(value, type, shapes))) as unknown;
      expect(fromWire(wire, type, shapes), type).toEqual(value);
    }
  });
});

describe('fixtures with camelCase and Date', () => {
  it('type-check under strict settings with no errors (unions, discriminators, hostile names)', async () => {
    const fixtures = [
      'petstore/openapi.yaml',
      'schemas-3-1/openapi.yaml',
      'swagger-2-0/swagger.yaml',
      'naming-collisions/openapi.yaml',
      'security-13-proto-response/openapi.json',
    ];
    const dir = generatedDir('unit/transform', 'fixtures');
    for (const fixture of fixtures) {
      const out = path.join(dir, fixture.split('/')[0] ?? 'x');
      const result = await generate({ spec: path.join(fixturesDir, fixture), out, naming: 'camelCase', dates: 'Date' });
      expect(result.files).toContain('transforms.gen.ts');
    }
    const errors = await typecheck(dir, ['*/index.ts']);
    expect(errors.map((e) => `${e.file}:${e.line} ${e.code} ${e.message}`)).toEqual([]);
  }, 180_000);
});

describe('slack: wire names', () => {
  it('renames declared properties and leaves map keys and unknown keys alone', () => {
    const shapes = tables.get('slack') ?? {};
    const wire = { app_id: 'A1', team_id: 'T1', icons: { image_36: 'u', image_original: 'o' }, extra_field: 1 };
    expect(fromWire(wire, 'ObjsBotProfile', shapes)).toEqual({
      appId: 'A1',
      teamId: 'T1',
      icons: { image36: 'u', image_original: 'o' },
      extra_field: 1,
    });
    expect(toWire(fromWire(wire, 'ObjsBotProfile', shapes), 'ObjsBotProfile', shapes)).toEqual(wire);
  });
});

describe('discord: dates', () => {
  it('turns a date-time string into a Date and back to the same instant', () => {
    const shapes = tables.get('discord') ?? {};
    const [type, shape] =
      Object.entries(shapes).find(
        ([, s]) => typeof s === 'object' && 'props' in s && s.props.some(([, , p]) => typeof p === 'object' && 'date' in p),
      ) ?? [];
    expect(type).toBeDefined();
    if (type === undefined || shape === undefined || typeof shape !== 'object' || !('props' in shape)) return;
    const [wireName, tsName] = shape.props.find(([, , p]) => typeof p === 'object' && 'date' in p) ?? ['', ''];
    const parsed = fromWire({ [wireName]: '2024-05-01T10:20:30.456+02:00' }, type, shapes) as Record<string, unknown>;
    expect(parsed[tsName]).toBeInstanceOf(Date);
    expect((parsed[tsName] as Date).toISOString()).toBe('2024-05-01T08:20:30.456Z');
    const back = toWire(parsed, type, shapes) as Record<string, unknown>;
    expect(Date.parse(back[wireName] as string)).toBe(Date.parse('2024-05-01T10:20:30.456+02:00'));
  });
});
