/**
 * Schemas whose only content is (a composition of) references back to themselves: the generator
 * must neither overflow the stack (normalize/pagination.ts walks composition too) nor print an
 * alias TypeScript rejects (TS2456, "circularly references itself").
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { buildClient } from '../../../src/generate.js';

const dir = mkdtempSync(path.join(tmpdir(), 'apiwright-cycles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const spec = {
  openapi: '3.1.0',
  info: { title: 'Cycles', version: '1' },
  servers: [{ url: 'https://api.example.test' }],
  paths: {
    '/things': {
      get: {
        operationId: 'listThings',
        parameters: [
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
          { name: 'Bad Header', in: 'header', schema: { type: 'string' } },
        ],
        responses: {
          '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } } },
        },
      },
      post: {
        operationId: 'makeThing',
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Self' } } } },
        responses: {
          '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/U1' } } } },
        },
      },
    },
  },
  components: {
    securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X Key' } },
    schemas: {
      A: { allOf: [{ $ref: '#/components/schemas/B' }, { type: 'object', properties: { next_cursor: { type: 'string' } } }] },
      B: { allOf: [{ $ref: '#/components/schemas/A' }] },
      U1: { anyOf: [{ $ref: '#/components/schemas/U2' }, { type: 'null' }] },
      U2: { anyOf: [{ $ref: '#/components/schemas/U1' }, { type: 'null' }] },
      Self: { $ref: '#/components/schemas/Self' },
      SelfAllOf: { allOf: [{ $ref: '#/components/schemas/SelfAllOf' }] },
      Ping: { oneOf: [{ $ref: '#/components/schemas/Pong' }] },
      Pong: { oneOf: [{ $ref: '#/components/schemas/Ping' }] },
      Tree: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Tree' } } } },
      List: { anyOf: [{ type: 'array', items: { $ref: '#/components/schemas/List' } }, { type: 'string' }] },
    },
  },
};

function diagnosticsOf(file: string): string[] {
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es5.d.ts'],
    types: [],
  });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file)
    .map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('composition cycles', () => {
  it.each<[string, { naming?: 'camelCase' }]>([
    ['wire names', {}],
    ['camelCase', { naming: 'camelCase' }],
  ])(
    '%s: generates, warns about impossible header names, and every alias compiles',
    async (_, extra) => {
      const specFile = path.join(dir, 'openapi.json');
      writeFileSync(specFile, JSON.stringify(spec));
      const result = await buildClient({ spec: specFile, out: path.join(dir, 'out'), cwd: dir, ...extra });
      expect(result.warnings.filter((w) => w.code === 'INVALID_HEADER_NAME').map((w) => w.pointer)).toEqual([
        '#/paths/~1things/get/parameters/1',
        '#/components/securitySchemes/key/name',
      ]);
      const types = result.files.find((f) => f.path === 'types.gen.ts')?.content ?? '';
      expect(types).toContain('export type Self = unknown;');
      expect(types).toContain('export type SelfAllOf = unknown;');
      expect(types).toMatch(/export type A = B & \{/);
      expect(types).toContain('export type B = unknown;');
      expect(types).toContain('export type U2 = unknown | null;');
      // Recursion through an object or array is valid TypeScript and stays as written.
      expect(types).toMatch(/children\?: Tree\[\];/);
      expect(types).toContain('export type List = List[] | string;');
      const file = path.join(dir, `types-${extra.naming ?? 'wire'}.ts`);
      writeFileSync(file, types);
      expect(diagnosticsOf(file)).toEqual([]);
    },
    60_000,
  );
});
