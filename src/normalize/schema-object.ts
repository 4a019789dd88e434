/**
 * Schema Object → IR schema (OAS 3.1 §4.8.24, 3.0 §4.7.24, Swagger 2.0 Schema Object).
 * One function per concern; `normalizeSchema` dispatches. Never follows a `$ref` into its target:
 * a ref becomes `{ kind: 'ref' }` and the target is queued to become a named schema.
 */
import type * as ir from '../ir/index.js';
import { isObject, normalizeRef, stringOrUndefined, type JsonObject, type NormalizeContext } from './context.js';
import { appendPointer } from '../json-pointer.js';
import { normalizeDiscriminator } from './discriminator.js';
import { checkPattern } from './pattern.js';
import { readConstraints } from './schema-constraints.js';

const primitiveTypes = new Set(['string', 'number', 'integer', 'boolean', 'null', 'object', 'array']);

export function normalizeSchema(raw: unknown, pointer: string, ctx: NormalizeContext): ir.Schema {
  if (raw === true || raw === undefined) return { kind: 'unknown' };
  if (raw === false) return { kind: 'never' };
  if (!isObject(raw)) {
    ctx.warn('INVALID_SCHEMA', 'a schema must be an object or a boolean; treated as unknown', pointer);
    return { kind: 'unknown' };
  }
  const base = withMeta(normalizeShape(raw, pointer, ctx), raw, pointer, ctx);
  return isNullable(raw) ? addNull(base) : base;
}

function normalizeShape(raw: JsonObject, pointer: string, ctx: NormalizeContext): ir.Schema {
  if (typeof raw['$ref'] === 'string') return normalizeRefSchema(raw['$ref'], pointer, ctx);

  const composed = normalizeComposition(raw, pointer, ctx);
  if (composed) return composed;

  const enumSchema = normalizeEnum(raw, pointer, ctx);
  if (enumSchema) return enumSchema;

  const types = declaredTypes(raw, pointer, ctx);
  if (types.length > 1) {
    return { kind: 'union', variants: types.map((type) => normalizeTyped(type, raw, pointer, ctx)) };
  }
  const [type] = types;
  if (type !== undefined) return normalizeTyped(type, raw, pointer, ctx);
  if (
    isObject(raw['properties']) ||
    Array.isArray(raw['required']) ||
    raw['additionalProperties'] !== undefined ||
    raw['patternProperties'] !== undefined
  ) {
    return normalizeTyped('object', raw, pointer, ctx);
  }
  if (raw['items'] !== undefined || Array.isArray(raw['prefixItems'])) return normalizeTyped('array', raw, pointer, ctx);
  if (raw['format'] === 'binary') return { kind: 'binary' };
  if (isObject(raw['not']) && Object.keys(raw['not']).length === 0) return { kind: 'never' };
  return { kind: 'unknown' };
}

function normalizeRefSchema(ref: string, pointer: string, ctx: NormalizeContext): ir.Schema {
  const target = ctx.lookupRef(ref, pointer);
  if (!target) return { kind: 'unknown' };
  const id = normalizeRef(ref);
  ctx.queueSchema(id);
  return { kind: 'ref', target: id };
}

/** allOf / oneOf / anyOf, combined with whatever the schema declares beside them. */
function normalizeComposition(raw: JsonObject, pointer: string, ctx: NormalizeContext): ir.Schema | undefined {
  const allOf = Array.isArray(raw['allOf']) ? raw['allOf'] : undefined;
  const oneOf = Array.isArray(raw['oneOf']) ? raw['oneOf'] : undefined;
  const anyOf = Array.isArray(raw['anyOf']) ? raw['anyOf'] : undefined;
  if (!allOf && !oneOf && !anyOf) return undefined;

  const parts: ir.Schema[] = [];
  const rest = withoutKeys(raw, ['allOf', 'oneOf', 'anyOf', 'discriminator', 'nullable', 'x-nullable']);
  if (hasOwnShape(rest)) parts.push(normalizeShape(rest, pointer, ctx));
  if (allOf) {
    allOf.forEach((item, index) => parts.push(normalizeSchema(item, appendPointer(pointer, 'allOf', index), ctx)));
  }
  for (const [keyword, list] of [
    ['oneOf', oneOf],
    ['anyOf', anyOf],
  ] as const) {
    if (!list) continue;
    const variants = list.map((item, index) => normalizeSchema(item, appendPointer(pointer, keyword, index), ctx));
    const union: ir.UnionSchema = { kind: 'union', variants };
    const discriminator = normalizeDiscriminator(raw['discriminator'], variants, pointer, ctx);
    if (discriminator) union.discriminator = discriminator;
    parts.push(variants.length === 0 ? { kind: 'unknown' } : union);
  }
  return combineParts(parts);
}

/**
 * `allOf: [{ $ref: X }, { description: … }]` is X, described: a part with no shape of its own
 * (`unknown`) adds nothing to an intersection (`X & unknown` is `X`), but its words are kept when
 * the result has none.
 */
function combineParts(parts: ir.Schema[]): ir.Schema {
  const shaped = parts.filter((part) => part.kind !== 'unknown');
  if (shaped.length === parts.length || shaped.length === 0) {
    if (parts.length === 1 && parts[0]) return parts[0];
    return { kind: 'intersection', parts };
  }
  const annotations = parts.filter((part) => part.kind === 'unknown');
  const single = shaped.length === 1 && shaped[0] ? { ...shaped[0] } : { kind: 'intersection' as const, parts: shaped };
  for (const note of annotations) {
    if (single.description === undefined && note.description !== undefined) single.description = note.description;
    if (single.title === undefined && note.title !== undefined) single.title = note.title;
    if (note.deprecated) single.deprecated = true;
    if (note.readOnly) single.readOnly = true;
    if (note.writeOnly) single.writeOnly = true;
  }
  return single;
}

/** Keywords that give a schema a shape of its own beside a composition. */
function hasOwnShape(raw: JsonObject): boolean {
  return (
    isObject(raw['properties']) ||
    Array.isArray(raw['required']) ||
    raw['additionalProperties'] !== undefined ||
    raw['items'] !== undefined ||
    Array.isArray(raw['enum']) ||
    raw['const'] !== undefined ||
    (typeof raw['type'] === 'string' && raw['type'] !== 'object')
  );
}

function normalizeEnum(raw: JsonObject, pointer: string, ctx: NormalizeContext): ir.EnumSchema | undefined {
  const values = raw['const'] !== undefined ? [raw['const']] : Array.isArray(raw['enum']) ? raw['enum'] : undefined;
  if (!values) return undefined;
  if (!values.every(isEnumValue)) {
    ctx.warn('ENUM_NOT_PRIMITIVE', 'an enum with object or array values is typed by its `type` instead', pointer);
    return undefined;
  }
  const unique = [...new Set(values)];
  const schema: ir.EnumSchema = { kind: 'enum', values: unique };
  const names = raw['x-enum-varnames'] ?? raw['x-enumNames'];
  if (Array.isArray(names) && names.every((n) => typeof n === 'string')) schema.names = names;
  return schema;
}

function isEnumValue(value: unknown): value is ir.EnumValue {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function declaredTypes(raw: JsonObject, pointer: string, ctx: NormalizeContext): string[] {
  const type = raw['type'];
  const list = Array.isArray(type) ? type : type === undefined ? [] : [type];
  const known = list.filter((t): t is string => typeof t === 'string' && primitiveTypes.has(t));
  if (known.length !== list.length) ctx.warn('UNKNOWN_TYPE', `unknown type ${JSON.stringify(type)}; ignored`, pointer);
  return known.length < 2 ? known : [...new Set(known)];
}

function normalizeTyped(type: string, raw: JsonObject, pointer: string, ctx: NormalizeContext): ir.Schema {
  switch (type) {
    case 'null':
      return { kind: 'null' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'integer':
    case 'number':
      return { kind: type };
    case 'string':
      return raw['format'] === 'binary' || raw['contentMediaType'] === 'application/octet-stream'
        ? { kind: 'binary' }
        : { kind: 'string' };
    case 'array':
      return normalizeArray(raw, pointer, ctx);
    default:
      return normalizeObject(raw, pointer, ctx);
  }
}

function normalizeArray(raw: JsonObject, pointer: string, ctx: NormalizeContext): ir.Schema {
  const items = raw['items'];
  if (Array.isArray(raw['prefixItems']) || Array.isArray(items)) {
    const prefix = (Array.isArray(raw['prefixItems']) ? raw['prefixItems'] : (items as unknown[])) ?? [];
    const key = Array.isArray(raw['prefixItems']) ? 'prefixItems' : 'items';
    const prefixItems = prefix.map((item, index) => normalizeSchema(item, appendPointer(pointer, key, index), ctx));
    const restRaw = Array.isArray(raw['prefixItems']) ? items : raw['additionalItems'];
    const rest = restRaw === false ? false : normalizeSchema(restRaw, appendPointer(pointer, 'items'), ctx);
    return { kind: 'tuple', prefixItems, rest };
  }
  return { kind: 'array', items: normalizeSchema(items, appendPointer(pointer, 'items'), ctx) };
}

function normalizeObject(raw: JsonObject, pointer: string, ctx: NormalizeContext): ir.ObjectSchema {
  const required = new Set(Array.isArray(raw['required']) ? raw['required'].filter((r) => typeof r === 'string') : []);
  const properties: ir.Property[] = [];
  const declared = isObject(raw['properties']) ? raw['properties'] : {};
  const propertiesPointer = appendPointer(pointer, 'properties');
  const resolvedProps =
    isObject(declared) && typeof declared['$ref'] === 'string' ? ctx.deref(declared, propertiesPointer) : undefined;
  const propertyMap = resolvedProps && isObject(resolvedProps.value) ? resolvedProps.value : declared;
  const mapPointer = resolvedProps?.pointer ?? propertiesPointer;
  for (const [name, schema] of Object.entries(propertyMap)) {
    properties.push({
      name,
      schema: normalizeSchema(schema, appendPointer(mapPointer, name), ctx),
      required: required.has(name),
    });
  }
  // `required` names without a declared property (common inside allOf): present, of unknown type.
  for (const name of required) {
    if (!Object.hasOwn(propertyMap, name)) properties.push({ name, schema: { kind: 'unknown' }, required: true });
  }
  const additional = normalizeAdditional(raw, pointer, ctx);
  return additional === undefined ? { kind: 'object', properties } : { kind: 'object', properties, additional };
}

function normalizeAdditional(raw: JsonObject, pointer: string, ctx: NormalizeContext): ir.Schema | false | undefined {
  const additional = raw['additionalProperties'];
  const patterns = isObject(raw['patternProperties']) ? Object.entries(raw['patternProperties']) : [];
  const schemas: ir.Schema[] = patterns.map(([pattern, schema]) =>
    normalizeSchema(schema, appendPointer(pointer, 'patternProperties', pattern), ctx),
  );
  if (additional === false && schemas.length === 0) return false;
  if (additional !== undefined && additional !== false) {
    schemas.push(normalizeSchema(additional, appendPointer(pointer, 'additionalProperties'), ctx));
  }
  if (schemas.length === 0) return undefined;
  return schemas.length === 1 && schemas[0] ? schemas[0] : { kind: 'union', variants: schemas };
}

/** `x-nullable` (2.0) or `nullable` (3.0 only, but real 3.1 specs such as OpenAI's still use it: honoured everywhere). */
function isNullable(raw: JsonObject): boolean {
  return raw['x-nullable'] === true || raw['nullable'] === true;
}

function addNull(schema: ir.Schema): ir.Schema {
  if (schema.kind === 'null' || schema.kind === 'unknown') return schema;
  if (schema.kind === 'enum') return schema.values.includes(null) ? schema : { ...schema, values: [...schema.values, null] };
  if (schema.kind === 'union' && schema.variants.some((v) => v.kind === 'null')) return schema;
  // readOnly / writeOnly describe the property, null or not: kept on the union (mocks and docs read them there).
  const { source, description, deprecated, title, readOnly, writeOnly } = schema;
  const variants: ir.Schema[] = [stripMeta(schema), { kind: 'null' }];
  return { kind: 'union', variants, ...defined({ source, description, deprecated, title, readOnly, writeOnly }) };
}

function withMeta(schema: ir.Schema, raw: JsonObject, pointer: string, ctx: NormalizeContext): ir.Schema {
  // Written field by field onto the schema (no intermediate objects: this runs for every schema
  // of the spec), in the order readers see them: annotations, constraints, then the source.
  const meta: ir.SchemaMeta = schema;
  const title = stringOrUndefined(raw['title']);
  if (title !== undefined) meta.title = title;
  const description = stringOrUndefined(raw['description']);
  if (description !== undefined) meta.description = description;
  if (raw['deprecated'] === true) meta.deprecated = true;
  if (raw['readOnly'] === true) meta.readOnly = true;
  if (raw['writeOnly'] === true) meta.writeOnly = true;
  if (raw['default'] !== undefined) meta.default = raw['default'];
  const format = stringOrUndefined(raw['format']);
  if (format !== undefined) meta.format = format;
  const pattern = raw['pattern'] === undefined ? undefined : checkPattern(raw['pattern'], appendPointer(pointer, 'pattern'), ctx);
  if (pattern !== undefined) meta.pattern = pattern;
  Object.assign(meta, readConstraints(raw));
  meta.source = pointer;
  return schema;
}

function stripMeta(schema: ir.Schema): ir.Schema {
  const copy = { ...schema };
  delete copy.description;
  delete copy.title;
  delete copy.deprecated;
  return copy;
}

function withoutKeys(raw: JsonObject, keys: string[]): JsonObject {
  const copy: JsonObject = Object.create(null) as JsonObject;
  for (const [key, value] of Object.entries(raw)) if (!keys.includes(key)) copy[key] = value;
  return copy;
}

/** Drops `undefined` fields, so `exactOptionalPropertyTypes` holds. */
export function defined<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  const fields = value as Record<string, unknown>;
  for (const key of Object.keys(fields)) if (fields[key] !== undefined) out[key] = fields[key];
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}
