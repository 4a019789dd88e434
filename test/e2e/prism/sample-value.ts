/**
 * A deterministic value that satisfies a raw OpenAPI schema (2.0, 3.0 or 3.1), for request
 * arguments: `const`/`enum` first, then (when allowed) the schema's own `example`/`default`, else
 * one built from the type and its constraints. `$ref`s are followed up to a depth limit; `allOf`
 * is merged; `oneOf`/`anyOf` take their first non-null branch; `readOnly` properties are left out
 * (they are never sent, OAS 3.1.1 §4.8.24.2 Fixed Fields `readOnly`).
 */
import { sampleFromPattern } from './regex-sample.js';
import { deref, isObject, type Json, type JsonObject, type SpecDocument } from './spec-document.js';

export interface SampleOptions {
  /** Use the schema's `example`/`examples`/`default` when present (else constraints only). */
  readonly useExamples: boolean;
  /** Also fill optional properties of the top-level object (form fields, object parameters). */
  readonly includeOptional: boolean;
  /** Binary strings become a Blob of this type (multipart parts); else the text `binary`. */
  readonly binaryAsBlob?: boolean;
  /** Per-property Blob types (multipart Encoding Object `contentType`). */
  readonly partTypes?: Readonly<Record<string, string>>;
  /** Items in a top-level array when the schema allows (2 exercises a style's delimiter); default 1. */
  readonly arrayLength?: number;
}

const MAX_DEPTH = 8;

const FORMAT_SAMPLES: Record<string, string> = {
  'date-time': '2024-01-02T03:04:05Z',
  date: '2024-01-02',
  time: '03:04:05Z',
  uuid: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  email: 'user@example.com',
  'idn-email': 'user@example.com',
  uri: 'https://example.com/a',
  url: 'https://example.com/a',
  'uri-reference': 'https://example.com/a',
  iri: 'https://example.com/a',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  byte: 'c2FtcGxl',
  password: 'secret',
  duration: 'P1D',
  int32: '1',
  int64: '1',
};

function typesOf(schema: JsonObject): string[] {
  const type = schema['type'];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string' && t !== 'null');
  if (typeof type === 'string' && type !== 'null') return [type];
  if (isObject(schema['properties']) || schema['additionalProperties'] !== undefined) return ['object'];
  if (schema['items'] !== undefined) return ['array'];
  if (schema['minimum'] !== undefined || schema['maximum'] !== undefined) return ['number'];
  return [];
}

/** `allOf` folded into one schema: properties and required merged, other keywords from the first that sets them. */
export function mergeAllOf(doc: SpecDocument, schema: JsonObject, depth = 0): JsonObject {
  const parts = Array.isArray(schema['allOf']) ? schema['allOf'] : [];
  if (parts.length === 0 || depth > MAX_DEPTH) return schema;
  const merged: JsonObject = { ...schema };
  delete merged['allOf'];
  const properties: JsonObject = isObject(schema['properties']) ? { ...schema['properties'] } : {};
  const required = new Set(
    Array.isArray(schema['required']) ? schema['required'].filter((n): n is string => typeof n === 'string') : [],
  );
  for (const part of parts) {
    const resolved = deref(doc, part);
    if (!isObject(resolved)) continue;
    const flat = mergeAllOf(doc, resolved, depth + 1);
    if (isObject(flat['properties'])) Object.assign(properties, flat['properties']);
    if (Array.isArray(flat['required'])) for (const name of flat['required']) if (typeof name === 'string') required.add(name);
    for (const [key, value] of Object.entries(flat)) {
      if (key !== 'properties' && key !== 'required' && merged[key] === undefined) merged[key] = value;
    }
  }
  if (Object.keys(properties).length > 0) merged['properties'] = properties;
  if (required.size > 0) merged['required'] = [...required];
  return merged;
}

function isNullSchema(doc: SpecDocument, node: Json): boolean {
  const schema = deref(doc, node);
  return (
    isObject(schema) && (schema['type'] === 'null' || (Array.isArray(schema['enum']) && schema['enum'].every((v) => v === null)))
  );
}

/** The branch of a `oneOf`/`anyOf` a sample takes, merged with the keywords beside it. */
function pickBranch(doc: SpecDocument, schema: JsonObject): JsonObject | undefined {
  for (const key of ['oneOf', 'anyOf'] as const) {
    const branches = schema[key];
    if (!Array.isArray(branches) || branches.length === 0) continue;
    const branch = branches.find((b) => !isNullSchema(doc, b)) ?? branches[0];
    const resolved = deref(doc, branch);
    const rest: JsonObject = { ...schema };
    delete rest[key];
    if (!isObject(resolved)) return rest;
    return mergeAllOf(doc, { allOf: [rest, resolved] });
  }
  return undefined;
}

function sampleNumber(schema: JsonObject, integer: boolean): number {
  const multipleOf = typeof schema['multipleOf'] === 'number' && schema['multipleOf'] > 0 ? schema['multipleOf'] : undefined;
  const minimum = typeof schema['minimum'] === 'number' ? schema['minimum'] : undefined;
  const maximum = typeof schema['maximum'] === 'number' ? schema['maximum'] : undefined;
  // 3.0 says `exclusiveMinimum: true` beside `minimum`; 3.1 (JSON Schema 2020-12) gives the bound itself.
  const exclusiveMin =
    typeof schema['exclusiveMinimum'] === 'number'
      ? schema['exclusiveMinimum']
      : schema['exclusiveMinimum'] === true
        ? minimum
        : undefined;
  const exclusiveMax =
    typeof schema['exclusiveMaximum'] === 'number'
      ? schema['exclusiveMaximum']
      : schema['exclusiveMaximum'] === true
        ? maximum
        : undefined;
  const step = multipleOf ?? 1;
  let value = integer ? 1 : 1.5;
  if (minimum !== undefined) value = Math.max(value, minimum);
  if (exclusiveMin !== undefined && value <= exclusiveMin) value = exclusiveMin + step;
  if (maximum !== undefined && value > maximum) value = minimum ?? maximum;
  if (exclusiveMax !== undefined && value >= exclusiveMax) value = exclusiveMax - step;
  if (multipleOf !== undefined) value = Math.ceil(value / multipleOf) * multipleOf;
  return integer ? Math.ceil(value) : value;
}

function sampleString(schema: JsonObject, options: SampleOptions, propertyName: string | undefined): unknown {
  const format = typeof schema['format'] === 'string' ? schema['format'] : undefined;
  if (format === 'binary' || typeof schema['contentMediaType'] === 'string') {
    if (options.binaryAsBlob !== true) return 'binary';
    const type =
      (propertyName === undefined ? undefined : options.partTypes?.[propertyName]) ??
      (typeof schema['contentMediaType'] === 'string' ? schema['contentMediaType'] : 'application/octet-stream');
    return new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])], { type });
  }
  let value =
    (typeof schema['pattern'] === 'string' ? sampleFromPattern(schema['pattern']) : undefined) ??
    (format === undefined ? undefined : FORMAT_SAMPLES[format]) ??
    'sample';
  const minLength = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0;
  const maxLength = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : Number.POSITIVE_INFINITY;
  if (value.length < minLength) value = value.padEnd(minLength, 'x');
  if (value.length > maxLength) value = value.slice(0, maxLength);
  return value;
}

function sampleObject(doc: SpecDocument, schema: JsonObject, options: SampleOptions, depth: number): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const properties = isObject(schema['properties']) ? schema['properties'] : {};
  const required = new Set(Array.isArray(schema['required']) ? schema['required'].map(String) : []);
  for (const [name, property] of Object.entries(properties)) {
    const wanted = required.has(name) || (options.includeOptional && depth === 0);
    if (!wanted || depth >= MAX_DEPTH) continue;
    const resolved = deref(doc, property);
    if (isObject(resolved) && resolved['readOnly'] === true) continue;
    const value = sampleValue(doc, property, { ...options, includeOptional: false }, depth + 1, name);
    if (value !== undefined) result[name] = value;
  }
  const additional = schema['additionalProperties'];
  // A required name the schema never defines (allowed when additional properties are): any value will do.
  for (const name of required) {
    if (name in result || name in properties || additional === false || depth >= MAX_DEPTH) continue;
    result[name] = isObject(additional)
      ? sampleValue(doc, additional, { ...options, includeOptional: false }, depth + 1, name)
      : 'sample';
  }
  const minProperties = typeof schema['minProperties'] === 'number' ? schema['minProperties'] : 0;
  if (Object.keys(result).length < minProperties && isObject(additional) && depth < MAX_DEPTH) {
    result['key'] = sampleValue(doc, additional, { ...options, includeOptional: false }, depth + 1);
  }
  return result;
}

function sampleArray(
  doc: SpecDocument,
  schema: JsonObject,
  options: SampleOptions,
  depth: number,
  name: string | undefined,
): unknown[] {
  const maxItems = typeof schema['maxItems'] === 'number' ? schema['maxItems'] : Number.POSITIVE_INFINITY;
  const minItems = typeof schema['minItems'] === 'number' ? schema['minItems'] : 0;
  const wanted = depth === 0 ? (options.arrayLength ?? 1) : 1;
  let count = Math.min(Math.max(wanted, minItems, 1), maxItems);
  if (count === 0 || depth >= MAX_DEPTH) return [];
  const items = deref(doc, schema['items']);
  const itemSchema = isObject(items) ? mergeAllOf(doc, items) : {};
  const enumValues = Array.isArray(itemSchema['enum']) ? itemSchema['enum'].filter((v) => v !== null) : [];
  const itemOptions = { ...options, includeOptional: false };
  const first = enumValues[0] ?? sampleValue(doc, schema['items'] ?? {}, itemOptions, depth + 1, name);
  const numeric = typeof first === 'number' && !('const' in itemSchema);
  // `uniqueItems` needs distinct items: other enum values, or numbers counting up; else one item more than required is not tried.
  if (schema['uniqueItems'] === true && count > minItems && enumValues.length < count && !numeric) count = Math.max(minItems, 1);
  return Array.from({ length: count }, (_, i) => {
    if (enumValues.length > 0) return enumValues[i % enumValues.length];
    if (numeric && schema['uniqueItems'] === true) return first + i;
    return i === 0 ? first : sampleValue(doc, schema['items'] ?? {}, itemOptions, depth + 1, name);
  });
}

/** A value for `node` (a schema or a `$ref` to one). */
export function sampleValue(doc: SpecDocument, node: Json, options: SampleOptions, depth = 0, propertyName?: string): unknown {
  const resolved = deref(doc, node);
  if (!isObject(resolved)) return 'sample';
  let schema = mergeAllOf(doc, resolved);
  if ('const' in schema) return schema['const'];
  const enumValues = Array.isArray(schema['enum']) ? schema['enum'].filter((v) => v !== null) : [];
  if (enumValues.length > 0) return enumValues[0];
  if (options.useExamples) {
    if (schema['example'] !== undefined) return schema['example'];
    if (Array.isArray(schema['examples']) && schema['examples'].length > 0) return schema['examples'][0];
    if (schema['default'] !== undefined && schema['default'] !== null) return schema['default'];
  }
  const branch = pickBranch(doc, schema);
  if (branch !== undefined) return sampleValue(doc, branch, options, depth, propertyName);
  schema = mergeAllOf(doc, schema);
  const [type] = typesOf(schema);
  switch (type) {
    case 'object':
      return sampleObject(doc, schema, options, depth);
    case 'array':
      return sampleArray(doc, schema, options, depth, propertyName);
    case 'integer':
      return sampleNumber(schema, true);
    case 'number':
      return sampleNumber(schema, false);
    case 'boolean':
      return true;
    case 'file':
      return sampleString({ format: 'binary' }, options, propertyName);
    default:
      return sampleString(schema, options, propertyName);
  }
}
