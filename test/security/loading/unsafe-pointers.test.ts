/**
 * SECURITY-CASES.md 17: JSON pointers `#/__proto__/x` and `#/constructor/prototype` are rejected;
 * a `__proto__` key in the spec stays plain data.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SpecError } from '../../../src/errors.js';
import { loadSpec } from '../../../src/load/index.js';
import { preloadLazyModules, spyOnIo } from './spy-io.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixture = (name: string): string => path.join(repoRoot, 'fixtures/load-unsafe-pointer', name);
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

beforeAll(preloadLazyModules);
afterEach(() => vi.restoreAllMocks());

function expectPrototypeUntouched(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
}

describe('SECURITY 17: unsafe JSON pointers', () => {
  it.each([
    ['proto.yaml', '#/__proto__/polluted'],
    ['constructor.yaml', '#/constructor/prototype'],
    ['external-proto.yaml', './other.yaml#/__proto__/polluted'],
  ])('%s is refused with UNSAFE_POINTER, before any referenced file is read', async (name, ref) => {
    const io = spyOnIo();
    const error = await loadSpec(fixture(name)).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    vi.restoreAllMocks();
    expect(error).toBeInstanceOf(SpecError);
    expect(error).toMatchObject({ code: 'UNSAFE_POINTER', location: { file: fixture(name), line: 15 } });
    expect((error as SpecError).message).toContain(ref);
    expect(io.reads).toEqual([fixture(name)]);
    expectPrototypeUntouched();
  });

  it('a __proto__ key is kept as an own property, and nothing reaches Object.prototype', async () => {
    const loaded = await loadSpec(fixture('proto-key.json'));
    const schemas = (loaded.document['components'] as Record<string, Record<string, unknown>>)['schemas'] as Record<
      string,
      unknown
    >;
    expect(Object.hasOwn(schemas, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(schemas)).toBe(Object.prototype);
    expect(Object.keys(schemas)).toEqual(['__proto__', 'Safe']);
    const safe = schemas['Safe'] as Record<string, Record<string, unknown>>;
    expect(Object.hasOwn(safe['properties'] ?? {}, '__proto__')).toBe(true);
    expectPrototypeUntouched();
  });
});
