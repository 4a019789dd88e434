/**
 * The raw spec a conformance run builds its arguments from: read as plain JSON/YAML (not through
 * apiwright's loader, so a loader bug cannot hide a request bug), with local `$ref`s followed on
 * demand. Swagger 2.0 operations are viewed through the same shape as OpenAPI 3 ones.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { schemaKeys } from '../../../src/normalize/swagger2-parameters.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface SpecDocument {
  readonly root: JsonObject;
  /** `2.0`, `3.0` or `3.1`. */
  readonly version: '2.0' | '3.0' | '3.1';
}

/** One parameter as a 3.x Parameter Object would say it (2.0 ones carry their schema inline). */
export interface RawParameter {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  readonly schema: Json | undefined;
  /** `example`, else the first of `examples` (values, not Example Objects). */
  readonly examples: readonly Json[];
  /** 2.0 `collectionFormat`, when the parameter is an array. */
  readonly collectionFormat?: string;
}

export interface RawMediaType {
  readonly schema: Json | undefined;
  readonly examples: readonly Json[];
  /** The Encoding Object map (form and multipart bodies; empty otherwise). */
  readonly encoding: JsonObject;
}

export interface RawOperation {
  readonly pointer: string;
  readonly parameters: readonly RawParameter[];
  /** Request body per media type (2.0 `in: body` / `in: formData` mapped onto `consumes`). */
  readonly content: ReadonlyMap<string, RawMediaType>;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function loadSpecDocument(file: string): SpecDocument {
  const root: unknown = parse(readFileSync(file, 'utf8'), { maxAliasCount: 100 });
  if (!isObject(root)) throw new Error(`${file}: not an object`);
  if (root['swagger'] === '2.0') return { root, version: '2.0' };
  const openapi = typeof root['openapi'] === 'string' ? root['openapi'] : '';
  return { root, version: openapi.startsWith('3.1') ? '3.1' : '3.0' };
}

function unescapePointer(token: string): string {
  return decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The node a local JSON pointer (`#/a/b`) names. */
export function lookupPointer(doc: SpecDocument, ref: string): Json | undefined {
  if (!ref.startsWith('#')) throw new Error(`only local $refs are supported here, got ${ref}`);
  let node: Json | undefined = doc.root;
  for (const token of ref
    .slice(1)
    .split('/')
    .filter((t) => t !== '')
    .map(unescapePointer)) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = node[token];
    else return undefined;
  }
  return node;
}

/** Follows a chain of `$ref`s (bounded, so a self-reference cannot loop). */
export function deref(doc: SpecDocument, node: Json | undefined): Json | undefined {
  let current = node;
  for (let hops = 0; hops < 20 && isObject(current) && typeof current['$ref'] === 'string'; hops++) {
    current = lookupPointer(doc, current['$ref']);
  }
  return current;
}

/** The values of `example` / `examples` (3.x Example Objects' `value`; 2.0 media-keyed examples). */
function examplesOf(doc: SpecDocument, node: JsonObject): Json[] {
  const found: Json[] = [];
  if (node['example'] !== undefined) found.push(node['example']);
  const examples = node['examples'];
  if (Array.isArray(examples)) found.push(...examples);
  else if (isObject(examples)) {
    for (const entry of Object.values(examples)) {
      const example = deref(doc, entry);
      if (isObject(example) && example['value'] !== undefined) found.push(example['value']);
    }
  }
  return found;
}

function parameterOf(doc: SpecDocument, raw: JsonObject): RawParameter {
  const base = {
    name: typeof raw['name'] === 'string' ? raw['name'] : '',
    in: typeof raw['in'] === 'string' ? raw['in'] : '',
    required: raw['required'] === true || raw['in'] === 'path',
  };
  if (doc.version === '2.0' && raw['in'] !== 'body') {
    const schema: JsonObject = {};
    for (const key of schemaKeys) if (raw[key] !== undefined) schema[key] = raw[key];
    const collectionFormat = typeof raw['collectionFormat'] === 'string' ? raw['collectionFormat'] : undefined;
    const examples = raw['x-example'] !== undefined ? [raw['x-example']] : [];
    return { ...base, schema, examples, ...(collectionFormat === undefined ? {} : { collectionFormat }) };
  }
  const content = raw['content'];
  if (isObject(content)) {
    // A `content` parameter: one media type, its schema and examples describe the whole value.
    const [media] = Object.values(content);
    const mediaObject = isObject(media) ? media : {};
    return { ...base, schema: mediaObject['schema'], examples: [...examplesOf(doc, raw), ...examplesOf(doc, mediaObject)] };
  }
  return { ...base, schema: raw['schema'], examples: examplesOf(doc, raw) };
}

/** Path-level parameters, overridden by operation-level ones with the same name and location. */
function mergedParameters(doc: SpecDocument, pathItem: JsonObject, operation: JsonObject): RawParameter[] {
  const byKey = new Map<string, RawParameter>();
  for (const list of [pathItem['parameters'], operation['parameters']]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const raw = deref(doc, entry);
      if (!isObject(raw)) continue;
      const parameter = parameterOf(doc, raw);
      byKey.set(`${parameter.in}:${parameter.name}`, parameter);
    }
  }
  return [...byKey.values()];
}

function contentOf3(doc: SpecDocument, operation: JsonObject): Map<string, RawMediaType> {
  const content = new Map<string, RawMediaType>();
  const body = deref(doc, operation['requestBody']);
  if (!isObject(body) || !isObject(body['content'])) return content;
  for (const [mediaType, entry] of Object.entries(body['content'])) {
    const media = isObject(entry) ? entry : {};
    const encoding = isObject(media['encoding']) ? media['encoding'] : {};
    content.set(mediaType, { schema: media['schema'], examples: examplesOf(doc, media), encoding });
  }
  return content;
}

/** 2.0: one `in: body` parameter, or `in: formData` parameters gathered into an object schema. */
function contentOf2(doc: SpecDocument, operation: JsonObject, parameters: readonly RawParameter[]): Map<string, RawMediaType> {
  const content = new Map<string, RawMediaType>();
  const consumes = Array.isArray(operation['consumes']) ? operation['consumes'] : doc.root['consumes'];
  const mediaTypes = Array.isArray(consumes) && consumes.length > 0 ? consumes.map(String) : ['application/json'];
  const bodyParam = parameters.find((p) => p.in === 'body');
  const formParams = parameters.filter((p) => p.in === 'formData');
  if (bodyParam !== undefined) {
    for (const mediaType of mediaTypes)
      content.set(mediaType, { schema: bodyParam.schema, examples: bodyParam.examples, encoding: {} });
  } else if (formParams.length > 0) {
    const properties: JsonObject = {};
    for (const p of formParams)
      properties[p.name] =
        isObject(p.schema) && p.schema['type'] === 'file' ? { type: 'string', format: 'binary' } : (p.schema ?? {});
    const schema: JsonObject = { type: 'object', properties, required: formParams.filter((p) => p.required).map((p) => p.name) };
    const formTypes = mediaTypes.filter((m) => /form/i.test(m));
    for (const mediaType of formTypes.length > 0 ? formTypes : ['application/x-www-form-urlencoded'])
      content.set(mediaType, { schema, examples: [], encoding: {} });
  }
  return content;
}

/** The operation at `paths[path][method]`, or undefined when the spec has none there. */
export function findOperation(doc: SpecDocument, path: string, method: string): RawOperation | undefined {
  const paths = doc.root['paths'];
  const pathItem = isObject(paths) ? deref(doc, paths[path]) : undefined;
  if (!isObject(pathItem)) return undefined;
  const operation = pathItem[method.toLowerCase()];
  if (!isObject(operation)) return undefined;
  const parameters = mergedParameters(doc, pathItem, operation);
  const pointer = `#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method.toLowerCase()}`;
  if (doc.version === '2.0') {
    return {
      pointer,
      parameters: parameters.filter((p) => p.in !== 'body' && p.in !== 'formData'),
      content: contentOf2(doc, operation, parameters),
    };
  }
  return { pointer, parameters, content: contentOf3(doc, operation) };
}
