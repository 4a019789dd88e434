import { describe, expect, it } from 'vitest';
import { findJsonPointerOffset } from '../../../src/load/locate-json.js';
import { createYamlLocator } from '../../../src/load/locate-yaml.js';
import { offsetToLineColumn } from '../../../src/load/parse-source.js';

const json = `{
  "openapi": "3.0.3",
  "paths": {
    "/pets/{id}": {
      "get": { "responses": { "200": { "description": "ok \\"quoted\\" }" } } }
    }
  },
  "tags": [ { "name": "a" }, { "name": "b" } ],
  "esc\\u0061ped": 1,
  "dup": 1,
  "dup": 2
}`;

describe('findJsonPointerOffset', () => {
  it.each([
    ['root', { given: [], want: { line: 1, column: 1, matched: 0 } }],
    ['top-level key', { given: ['openapi'], want: { line: 2, column: 3, matched: 1 } }],
    ['path key with slashes', { given: ['paths', '/pets/{id}'], want: { line: 4, column: 5, matched: 2 } }],
    [
      'deep, past a string with quotes and braces',
      { given: ['paths', '/pets/{id}', 'get', 'responses', '200', 'description'], want: { line: 5, column: 40, matched: 6 } },
    ],
    ['array element', { given: ['tags', '1', 'name'], want: { line: 8, column: 32, matched: 3 } }],
    ['escaped key', { given: ['escaped'], want: { line: 9, column: 3, matched: 1 } }],
    ['duplicate key: the last one, as JSON.parse', { given: ['dup'], want: { line: 11, column: 3, matched: 1 } }],
    ['missing key: the deepest match', { given: ['paths', '/pets/{id}', 'post'], want: { line: 4, column: 5, matched: 2 } }],
    ['index out of range', { given: ['tags', '5'], want: { line: 8, column: 3, matched: 1 } }],
  ])('%s', (_, { given, want }) => {
    const hit = findJsonPointerOffset(json, given);
    expect({ ...offsetToLineColumn(json, hit.offset), matched: hit.matched }).toEqual(want);
  });
});

const yaml = `openapi: 3.0.3
paths:
  /pets/{id}:
    get:
      responses:
        '200':
          description: ok
tags:
  - name: a
  - name: b
base: &base
  type: string
copy: *base
`;

describe('createYamlLocator', () => {
  const locate = createYamlLocator(yaml);
  it.each([
    ['top-level key', { given: ['openapi'], want: { line: 1, column: 1, matched: 1 } }],
    ['path key', { given: ['paths', '/pets/{id}', 'get'], want: { line: 4, column: 5, matched: 3 } }],
    [
      'quoted numeric key',
      { given: ['paths', '/pets/{id}', 'get', 'responses', '200', 'description'], want: { line: 7, column: 11, matched: 6 } },
    ],
    ['sequence item', { given: ['tags', '1', 'name'], want: { line: 10, column: 5, matched: 3 } }],
    ['through an alias', { given: ['copy', 'type'], want: { line: 12, column: 3, matched: 2 } }],
    ['missing key: the deepest match', { given: ['paths', 'nope'], want: { line: 2, column: 1, matched: 1 } }],
  ])('%s', (_, { given, want }) => expect(locate(given)).toEqual(want));
});
