/**
 * A Swagger 2.0 spec whose refs point into the 2.0 layout (`#/paths/…/responses/200/schema`,
 * `#/parameters/Tag/schema`, another operation's parameter) generates: the refs follow their
 * values to the places the lift to 3.0 put them. Such refs are what swagger-parser's bundler
 * writes when two operations share an external file, so the fixture has both kinds.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeSpec } from '../../../src/analyze-spec.js';
import type * as ir from '../../../src/ir/index.js';
import { fixturesDir } from '../../support/paths.js';

async function analyze(): Promise<Awaited<ReturnType<typeof analyzeSpec>>> {
  return analyzeSpec({ spec: path.join(fixturesDir, 'load-swagger2-layout-refs', 'swagger.yaml') });
}

function operation(document: ir.Document, id: string): ir.Operation {
  const found = document.operations.find((op) => op.id === id);
  if (found === undefined) throw new Error(`no operation ${id}`);
  return found;
}

/** The schema of one response's first media type, followed through refs to a named schema's body. */
function responseSchema(document: ir.Document, id: string, status: string): ir.Schema | undefined {
  let schema = operation(document, id).responses.find((r) => r.status === status)?.content[0]?.schema;
  for (let hops = 0; hops < 8 && schema?.kind === 'ref'; hops++) schema = document.schemas.get(schema.target)?.schema;
  return schema;
}

describe('Swagger 2.0 refs into the 2.0 layout', () => {
  it('resolve after the lift: no problems', async () => {
    const { problems } = await analyze();
    expect(problems).toEqual([]);
  });

  it("a ref to another operation's schema (bundled from a shared file) keeps its type", async () => {
    const { document } = await analyze();
    for (const [id, status] of [
      ['createPet', '201'],
      ['getPet', '200'],
    ] as const) {
      expect(responseSchema(document, id, status)).toMatchObject({
        kind: 'object',
        properties: [{ name: 'id' }, { name: 'name' }],
      });
    }
    expect(responseSchema(document, 'createPet', 'default')).toMatchObject({ kind: 'object', properties: [{ name: 'message' }] });
  });

  it("refs into a named response, a named body parameter and another operation's response resolve", async () => {
    const { document } = await analyze();
    expect(responseSchema(document, 'getPet', '404')).toMatchObject({ kind: 'object', properties: [{ name: 'missing' }] });
    expect(responseSchema(document, 'addTag', '200')).toMatchObject({ kind: 'object', properties: [{ name: 'label' }] });
    expect(responseSchema(document, 'addTag', 'default')).toMatchObject({ kind: 'object', properties: [{ name: 'message' }] });
  });

  it('a parameter ref into another operation becomes that parameter', async () => {
    const { document } = await analyze();
    expect(operation(document, 'getPet').parameters.map((p) => `${p.in} ${p.name}`)).toEqual(['path id', 'query limit']);
  });
});
