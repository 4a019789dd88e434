import { describe, expect, it } from 'vitest';
import {
  escapeSegment,
  findUnsafeSegment,
  formatPointer,
  parsePointer,
  parsePointerFragment,
  unescapeSegment,
} from '../../../src/json-pointer.js';

describe('escapeSegment / unescapeSegment (RFC 6901 §3–4)', () => {
  it.each([
    ['plain', { given: 'pets', want: 'pets' }],
    ['slash', { given: '/pets/{id}', want: '~1pets~1{id}' }],
    ['tilde', { given: 'a~b', want: 'a~0b' }],
    ['tilde then one', { given: '~1', want: '~01' }],
  ])('%s', (_, { given, want }) => {
    expect(escapeSegment(given)).toBe(want);
    expect(unescapeSegment(want)).toBe(given);
  });
});

describe('formatPointer', () => {
  it.each([
    ['root', { given: [], want: '#' }],
    ['path key', { given: ['paths', '/pets', 'get'], want: '#/paths/~1pets/get' }],
    ['array index', { given: ['tags', 0], want: '#/tags/0' }],
    ['empty key', { given: [''], want: '#/' }],
  ])('%s', (_, { given, want }) => expect(formatPointer(given)).toBe(want));
});

describe('parsePointer / parsePointerFragment', () => {
  it.each([
    ['root', { given: '#', want: [] }],
    ['simple', { given: '#/components/schemas/Pet', want: ['components', 'schemas', 'Pet'] }],
    ['escaped', { given: '#/paths/~1pets~1{id}/get', want: ['paths', '/pets/{id}', 'get'] }],
    ['percent-encoded (URI fragment, RFC 6901 §6)', { given: '#/paths/~1pets~1%7Bid%7D', want: ['paths', '/pets/{id}'] }],
    ['stray percent kept', { given: '#/a/100%', want: ['a', '100%'] }],
    ['anchor is not a pointer', { given: '#pet', want: undefined }],
    ['not a fragment', { given: 'a.yaml#/x', want: undefined }],
  ])('%s', (_, { given, want }) => expect(parsePointer(given)).toEqual(want));

  it('the empty fragment is the root', () => expect(parsePointerFragment('')).toEqual([]));
});

describe('findUnsafeSegment', () => {
  it.each([
    ['__proto__', { given: ['__proto__', 'x'], want: '__proto__' }],
    ['constructor', { given: ['constructor', 'prototype'], want: 'constructor' }],
    ['prototype deep', { given: ['a', 'b', 'prototype'], want: 'prototype' }],
    ['percent-encoded __proto__ after decoding', { given: parsePointer('#/%5F%5Fproto%5F%5F') ?? [], want: '__proto__' }],
    ['safe', { given: ['components', 'schemas', 'Constructor'], want: undefined }],
  ])('%s', (_, { given, want }) => expect(findUnsafeSegment(given)).toBe(want));
});
