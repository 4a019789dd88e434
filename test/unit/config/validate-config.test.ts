import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/index.js';
import { ConfigError } from '../../../src/errors.js';

const file = path.resolve('/project/apiwright.config.json');

function failure(value: unknown): ConfigError {
  try {
    validateConfig(value, file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('validateConfig', () => {
  it.each([
    ['a non-object', [], undefined, /must be an object, got an array/],
    ['an unknown field', { inptu: 'a.yaml' }, '#/inptu', /unknown field "inptu"/],
    ['a bad naming', { naming: 'snake' }, '#/naming', /"naming" must be one of "preserve", "camelCase", got "snake"/],
    ['a bad dates', { dates: 'date' }, '#/dates', /"dates" must be one of "string", "Date", got "date"/],
    ['a non-boolean allowRemoteRefs', { allowRemoteRefs: 'yes' }, '#/allowRemoteRefs', /must be true or false, got "yes"/],
    ['an empty input', { input: '' }, '#/input', /"input" must be a non-empty path/],
    ['a numeric output', { output: 3 }, '#/output', /"output" must be a non-empty path, got 3/],
    ['disagreeing aliases', { input: 'a.yaml', spec: 'b.yaml' }, '#/spec', /"input" and "spec" are the same setting/],
    ['an output URL', { output: 'https://x.test/out' }, '#/output', /not a URL/],
    ['a clientName that is not an identifier', { clientName: 'my-client' }, '#/clientName', /JavaScript identifier/],
    ['pagination not an object', { pagination: [] }, '#/pagination', /keyed by operationId/],
    ['a pagination entry of true', { pagination: { listPets: true } }, '#/pagination/listPets', /must be false or an object/],
    [
      'an unknown style',
      { pagination: { listPets: { style: 'token' } } },
      '#/pagination/listPets/style',
      /style must be one of "offset"/,
    ],
    [
      'a missing required field',
      { pagination: { listPets: { style: 'offset', itemsPath: ['data'] } } },
      '#/pagination/listPets/offsetParam',
      /with style "offset" needs "offsetParam"/,
    ],
    [
      'a field of another style',
      { pagination: { listPets: { style: 'offset', offsetParam: 'o', cursorParam: 'c', itemsPath: [] } } },
      '#/pagination/listPets/cursorParam',
      /not a field of the "offset" style/,
    ],
    [
      'a path that is a string',
      { pagination: { 'a/b~c': { style: 'linkHeader', itemsPath: 'data.items' } } },
      '#/pagination/a~1b~0c/itemsPath',
      /must be an array of property names/,
    ],
  ])('names the field for %s', (_, given, pointer, message) => {
    const error = failure(given);
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.location.file).toBe(file);
    expect(error.location.pointer).toBe(pointer);
    expect(error.message).toMatch(message);
    expect(error.format().startsWith(file)).toBe(true);
  });

  it('applies defaults and keeps pagination overrides', () => {
    const config = validateConfig(
      { $schema: 'x', input: 'a.yaml', pagination: { listPets: { style: 'page', pageParam: 'p', itemsPath: [] } } },
      file,
    );
    expect(config.naming).toBe('preserve');
    expect(config.dates).toBe('string');
    expect(config.spec).toBe(path.resolve('/project/a.yaml'));
    expect(config.pagination['listPets']).toEqual({ style: 'page', pageParam: 'p', itemsPath: [] });
  });

  it('keeps an operationId named __proto__ as an ordinary key', () => {
    const value = JSON.parse('{"pagination":{"__proto__":false}}') as unknown;
    const config = validateConfig(value, file);
    expect(Object.keys(config.pagination)).toEqual(['__proto__']);
    expect(config.pagination['__proto__']).toBe(false);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});
