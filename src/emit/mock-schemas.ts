/**
 * IR schemas → the plain data runtime/mock/ generates response data from (`MockSchema`). Named
 * schemas stay references by type name; only those reachable from some response are listed, and
 * writeOnly properties (never in a response) are left out.
 */
import type * as ir from '../ir/index.js';
import { walkSchema } from '../ir/index.js';
import type { Value } from './ts/value-literal.js';

type MockValue = { [key: string]: Value };

/** Value keywords copied as they are when present, per kind (runtime/mock/mock-schema.ts). */
const keywords: Partial<Record<ir.Schema['kind'], readonly (keyof ir.SchemaMeta)[]>> = {
  string: ['format', 'pattern', 'minLength', 'maxLength'],
  number: ['format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  integer: ['format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  array: ['minItems', 'maxItems', 'uniqueItems'],
};

export function mockSchema(schema: ir.Schema, typeNames: ReadonlyMap<ir.SchemaId, string>): Value {
  const out: MockValue = { kind: schema.kind };
  for (const key of keywords[schema.kind] ?? []) {
    const value = schema[key];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
  }
  if (schema.example !== undefined && isLeaf(schema)) out['example'] = plainData(schema.example);
  switch (schema.kind) {
    case 'ref': {
      const name = typeNames.get(schema.target);
      return name === undefined ? { kind: 'unknown' } : { kind: 'ref', ref: name };
    }
    case 'enum':
      out['values'] = schema.values;
      break;
    case 'object': {
      const readable = schema.properties.filter((p) => p.schema.writeOnly !== true);
      if (readable.length > 0) {
        const properties: MockValue = Object.create(null) as MockValue;
        for (const property of readable) {
          Object.defineProperty(properties, property.name, {
            value: mockSchema(property.schema, typeNames),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        out['properties'] = properties;
      }
      const required = readable.filter((p) => p.required).map((p) => p.name);
      if (required.length > 0) out['required'] = required;
      if (schema.additional !== undefined && schema.additional !== false) {
        out['additional'] = mockSchema(schema.additional, typeNames);
      }
      break;
    }
    case 'array':
      out['items'] = mockSchema(schema.items, typeNames);
      break;
    case 'tuple':
      out['prefixItems'] = schema.prefixItems.map((item) => mockSchema(item, typeNames));
      break;
    case 'union':
      out['variants'] = schema.variants.map((variant) => mockSchema(variant, typeNames));
      if (schema.discriminator !== undefined) {
        const mapping: MockValue = Object.create(null) as MockValue;
        for (const { value, target } of schema.discriminator.mapping) {
          const name = typeNames.get(target);
          if (name !== undefined)
            Object.defineProperty(mapping, value, { value: name, enumerable: true, writable: true, configurable: true });
        }
        if (Object.keys(mapping).length > 0) out['discriminator'] = { propertyName: schema.discriminator.propertyName, mapping };
      }
      break;
    case 'intersection':
      out['parts'] = schema.parts.map((part) => mockSchema(part, typeNames));
      break;
    default:
      break;
  }
  return out;
}

function isLeaf(schema: ir.Schema): boolean {
  return ['string', 'number', 'integer', 'boolean', 'enum'].includes(schema.kind);
}

/** Named schemas reachable from `roots` through refs, in first-reached order. */
export function reachableSchemas(
  roots: readonly ir.Schema[],
  schemas: ReadonlyMap<ir.SchemaId, ir.NamedSchema>,
): ir.NamedSchema[] {
  const found = new Map<ir.SchemaId, ir.NamedSchema>();
  const queue: ir.Schema[] = [...roots];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    walkSchema(next, (node) => {
      if (node.kind !== 'ref' || found.has(node.target)) return;
      const named = schemas.get(node.target);
      if (named === undefined) return;
      found.set(node.target, named);
      queue.push(named.schema);
    });
  }
  return [...found.values()];
}

/** Example data as plain JSON (what a response body can carry), so it prints as a literal. */
export function plainData(value: unknown): Value {
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as Value);
}
