/**
 * Schemas in the IR: one representation for Swagger 2.0, OpenAPI 3.0 and 3.1.
 *
 * - No `$ref` strings: a reference is `{ kind: 'ref', target }`, where `target` is the JSON pointer
 *   of the referenced schema, a key of `Document.schemas`. Circular schemas stay finite.
 * - `nullable: true` (3.0), `type: [x, 'null']` (3.1) and `x-nullable` (2.0) all become a `union`
 *   with a `{ kind: 'null' }` variant.
 * - `const` becomes an `enum` of one value.
 */

/** The JSON pointer of a schema in the bundled document, e.g. `#/components/schemas/Pet`. */
export type SchemaId = string;

/** Annotations every schema node may carry; none of them change the type. */
export interface SchemaMeta {
  /** Where the schema was declared (JSON pointer in the bundled document), for messages. */
  source?: string;
  title?: string;
  description?: string;
  deprecated?: boolean;
  /** Sent by the server only (`readOnly`). */
  readOnly?: boolean;
  /** Sent by the client only (`writeOnly`). */
  writeOnly?: boolean;
  /** The `default` value, as data (never code). */
  default?: unknown;
  /** The `format` keyword, kept for documentation (`date-time`, `uuid`, `int64` …). */
  format?: string;
  /** A `pattern` the JavaScript engine accepts (others are dropped with a warning). */
  pattern?: string;

  // Value constraints and examples (JSON Schema validation keywords), read by the mock data generator.
  /** Inclusive bounds of a number. */
  minimum?: number;
  maximum?: number;
  /** Exclusive bounds, always as numbers (3.0's boolean `exclusiveMinimum: true` moves `minimum` here). */
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  /** Length of a string, in code points. */
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  /** The schema's `example`, else the first of its `examples` (3.1), as data. */
  example?: unknown;
}

export interface RefSchema extends SchemaMeta {
  kind: 'ref';
  target: SchemaId;
}

/** `type: string` (any format except binary), `number`, `integer`, `boolean`. */
export interface PrimitiveSchema extends SchemaMeta {
  kind: 'string' | 'number' | 'integer' | 'boolean';
}

/** `format: binary` (or a binary media type's body): a Blob at runtime. */
export interface BinarySchema extends SchemaMeta {
  kind: 'binary';
}

export interface NullSchema extends SchemaMeta {
  kind: 'null';
}

/** `{}` or `true`: any JSON value. */
export interface UnknownSchema extends SchemaMeta {
  kind: 'unknown';
}

/** `false`, `not: {}`, or an impossible combination. */
export interface NeverSchema extends SchemaMeta {
  kind: 'never';
}

export type EnumValue = string | number | boolean | null;

/** `enum` or `const`: a closed set of literal values (objects and arrays in an enum become `unknown`). */
export interface EnumSchema extends SchemaMeta {
  kind: 'enum';
  values: EnumValue[];
  /** Names for the values from `x-enum-varnames` / `x-enumNames`, same order; documentation only. */
  names?: string[];
}

export interface Property {
  /** The property name exactly as on the wire. */
  name: string;
  schema: Schema;
  required: boolean;
}

export interface ObjectSchema extends SchemaMeta {
  kind: 'object';
  /** Declared properties, in spec order. */
  properties: Property[];
  /**
   * Values of undeclared keys: a schema (from `additionalProperties` and `patternProperties`),
   * or absent when the spec says nothing (the type gets no index signature), or `false`.
   */
  additional?: Schema | false;
}

export interface ArraySchema extends SchemaMeta {
  kind: 'array';
  items: Schema;
}

/** `prefixItems` (3.1) or `items: [..]` (draft 4 style tuples). */
export interface TupleSchema extends SchemaMeta {
  kind: 'tuple';
  prefixItems: Schema[];
  /** Type of items after the prefix; `false` closes the tuple. */
  rest: Schema | false;
}

export interface Discriminator {
  propertyName: string;
  /** Discriminator value → schema, from `mapping` or implied by the variants' names. */
  mapping: { value: string; target: SchemaId }[];
}

/** `oneOf`, `anyOf`, nullable types and `type` arrays. */
export interface UnionSchema extends SchemaMeta {
  kind: 'union';
  variants: Schema[];
  discriminator?: Discriminator;
}

/** `allOf`. */
export interface IntersectionSchema extends SchemaMeta {
  kind: 'intersection';
  parts: Schema[];
}

export type Schema =
  | RefSchema
  | PrimitiveSchema
  | BinarySchema
  | NullSchema
  | UnknownSchema
  | NeverSchema
  | EnumSchema
  | ObjectSchema
  | ArraySchema
  | TupleSchema
  | UnionSchema
  | IntersectionSchema;

/** A schema that gets its own named type: every component schema, and any other `$ref` target. */
export interface NamedSchema {
  id: SchemaId;
  /** The name the spec gives it (the component key, or a name derived from the pointer); plan/ sanitizes it. */
  name: string;
  /** True for `#/components/schemas/*` (and 2.0 `#/definitions/*`). */
  component: boolean;
  schema: Schema;
}
