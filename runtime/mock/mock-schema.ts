/**
 * The schemas a generated `mocks.gen.ts` hands the mock data generator: plain data mirroring the
 * generator's IR (runtime never sees OpenAPI), with named schemas referenced by type name so
 * recursive schemas stay finite. Only what response data needs is kept (no writeOnly properties).
 */
import type { HttpMethod, ServerDescriptor } from '../client/descriptor.js';

interface MockMeta {
  /** The spec's example for this schema, used for leaf values when it fits the schema. */
  readonly example?: unknown;
}

export interface MockStringSchema extends MockMeta {
  readonly kind: 'string';
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
}

export interface MockNumberSchema extends MockMeta {
  readonly kind: 'number' | 'integer';
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
}

export interface MockObjectSchema extends MockMeta {
  readonly kind: 'object';
  readonly properties?: Readonly<Record<string, MockSchema>>;
  readonly required?: readonly string[];
  /** Values of undeclared keys; absent: none are generated. */
  readonly additional?: MockSchema;
}

export interface MockArraySchema extends MockMeta {
  readonly kind: 'array';
  readonly items: MockSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
}

export interface MockUnionSchema extends MockMeta {
  readonly kind: 'union';
  readonly variants: readonly MockSchema[];
  /** Discriminator property and value → type name of the variant. */
  readonly discriminator?: { readonly propertyName: string; readonly mapping: Readonly<Record<string, string>> };
}

export type MockSchema =
  | { readonly kind: 'ref'; readonly ref: string }
  | MockStringSchema
  | MockNumberSchema
  | ({ readonly kind: 'boolean' | 'null' | 'unknown' | 'never' | 'binary' } & MockMeta)
  | ({ readonly kind: 'enum'; readonly values: readonly (string | number | boolean | null)[] } & MockMeta)
  | MockObjectSchema
  | MockArraySchema
  | ({ readonly kind: 'tuple'; readonly prefixItems: readonly MockSchema[] } & MockMeta)
  | MockUnionSchema
  | ({ readonly kind: 'intersection'; readonly parts: readonly MockSchema[] } & MockMeta);

/** Named schemas by type name. */
export type MockSchemaTable = Readonly<Record<string, MockSchema>>;

/** One declared response of an operation. */
export interface MockResponseSpec {
  /** `200`, `2XX` or `default`, as the spec writes it. */
  readonly status: string;
  /** The media type answered with; absent: the response has no body. */
  readonly mediaType?: string;
  readonly schema?: MockSchema;
  /** The media type's example from the spec, answered as it is. */
  readonly example?: unknown;
  /** Sequential media types (`text/event-stream`, JSON Lines) also declared, answered when the request's Accept asks for one; `schema` is one item's. */
  readonly streams?: readonly { readonly mediaType: string; readonly schema: MockSchema }[];
  /** Declared response headers worth sending, by name. */
  readonly headers?: Readonly<Record<string, MockSchema>>;
}

export interface MockOperation {
  readonly id: string;
  readonly method: HttpMethod;
  /** The path template as the spec writes it, e.g. `/pets/{petId}`. */
  readonly path: string;
  /** Operation-level servers, when the spec declares them. */
  readonly servers?: readonly ServerDescriptor[];
  /** In spec order. */
  readonly responses: readonly MockResponseSpec[];
}

/** What every handler of one API shares. */
export interface MockApi {
  readonly servers: readonly ServerDescriptor[];
  readonly schemas: MockSchemaTable;
}
