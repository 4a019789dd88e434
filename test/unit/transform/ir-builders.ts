/** Small IR documents for the transform tables. */
import type * as ir from '../../../src/ir/index.js';

export const str: ir.Schema = { kind: 'string' };
export const dateTime: ir.Schema = { kind: 'string', format: 'date-time' };
export const ref = (name: string): ir.Schema => ({ kind: 'ref', target: `#/components/schemas/${name}` });
export const prop = (name: string, schema: ir.Schema = str, required = false): ir.Property => ({ name, schema, required });
export const object = (...properties: ir.Property[]): ir.ObjectSchema => ({ kind: 'object', properties });

export function operation(overrides: Partial<ir.Operation> & Pick<ir.Operation, 'id'>): ir.Operation {
  return {
    kind: 'operation',
    hasOperationId: true,
    method: 'GET',
    path: `/${overrides.id}`,
    tags: [],
    deprecated: false,
    parameters: [],
    responses: [],
    idempotent: true,
    callbacks: [],
    source: `#/paths/~1${overrides.id}/get`,
    ...overrides,
  };
}

export function jsonResponse(status: string, schema: ir.Schema): ir.Response {
  return { status, content: [{ mediaType: 'application/json', schema }], headers: [], source: `#/responses/${status}` };
}

export function document(schemas: Record<string, ir.Schema>, operations: ir.Operation[] = []): ir.Document {
  return {
    specVersion: '3.1',
    title: 'Test',
    version: '1',
    servers: [],
    securitySchemes: [],
    security: [],
    tags: [],
    operations,
    schemas: new Map(
      Object.entries(schemas).map(([name, schema]) => {
        const id = `#/components/schemas/${name}`;
        return [id, { id, name, component: true, schema }];
      }),
    ),
    webhooks: [],
  };
}
