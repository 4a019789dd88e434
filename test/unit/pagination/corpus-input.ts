/**
 * Builds `PaginationInput` for every operation of a single-file spec (2.0, 3.0, 3.1), resolving
 * internal `#/…` refs itself (depth-limited) — a stand-in for the real loader/normalizer, used only
 * by the corpus detection test. Helper, not a test file.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { PaginationInput, QueryParamView, SchemaView } from '../../../src/normalize/detect-pagination.js';

type Json = Record<string, unknown>;

export interface OperationInput {
  method: string;
  path: string;
  operationId: string | undefined;
  input: PaginationInput;
}

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function loadSpec(file: string): Json {
  const text = readFileSync(file, 'utf8');
  const doc: unknown = file.endsWith('.json') ? JSON.parse(text) : parse(text, { maxAliasCount: -1 });
  if (!isObject(doc)) throw new Error(`${file}: not an object`);
  return doc;
}

function resolvePointer(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let current: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(current) && !Array.isArray(current)) return undefined;
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Json)[key];
  }
  return current;
}

/** Follows `$ref` chains (at most 20 hops); undefined when a ref does not resolve. */
function deref(doc: Json, node: unknown): Json | undefined {
  let current = node;
  for (let hops = 0; hops < 20 && isObject(current) && typeof current['$ref'] === 'string'; hops++) {
    current = resolvePointer(doc, current['$ref']);
  }
  return isObject(current) && typeof current['$ref'] !== 'string' ? current : undefined;
}

function pickType(type: unknown): string | undefined {
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.find((t): t is string => typeof t === 'string' && t !== 'null');
  return undefined;
}

/** The resolved view: `allOf` merged, a lone non-null `anyOf`/`oneOf` branch taken, depth ≤ 6. */
export function toSchemaView(doc: Json, node: unknown, depth = 0): SchemaView | undefined {
  const schema = deref(doc, node);
  if (schema === undefined || depth > 6) return undefined;
  const view: SchemaView = {};
  const type = pickType(schema['type']);
  if (type !== undefined) view.type = type;
  if (typeof schema['format'] === 'string') view.format = schema['format'];
  for (const key of ['anyOf', 'oneOf']) {
    const branches = Array.isArray(schema[key]) ? (schema[key] as unknown[]) : [];
    const real = branches.filter((b) => pickType(deref(doc, b)?.['type']) !== 'null');
    if (real.length === 1) Object.assign(view, toSchemaView(doc, real[0], depth + 1), type ? { type } : {});
  }
  for (const part of Array.isArray(schema['allOf']) ? (schema['allOf'] as unknown[]) : []) {
    const merged = toSchemaView(doc, part, depth + 1);
    if (merged === undefined) continue;
    if (view.type === undefined && merged.type !== undefined) view.type = merged.type;
    if (merged.properties) view.properties = { ...view.properties, ...merged.properties };
    if (merged.items) view.items ??= merged.items;
  }
  if (isObject(schema['properties'])) {
    const properties: Record<string, SchemaView> = { ...view.properties };
    for (const [name, child] of Object.entries(schema['properties']))
      properties[name] = toSchemaView(doc, child, depth + 1) ?? {};
    view.properties = properties;
  }
  if (schema['items'] !== undefined) {
    const items = toSchemaView(doc, schema['items'], depth + 1);
    if (items) view.items = items;
  }
  return view;
}

function queryParams(doc: Json, pathItem: Json, op: Json): QueryParamView[] {
  const byKey = new Map<string, Json>();
  for (const raw of [
    ...(Array.isArray(pathItem['parameters']) ? pathItem['parameters'] : []),
    ...(Array.isArray(op['parameters']) ? op['parameters'] : []),
  ]) {
    const param = deref(doc, raw);
    if (param && typeof param['name'] === 'string') byKey.set(`${String(param['in'])}:${param['name']}`, param);
  }
  return [...byKey.values()]
    .filter((p) => p['in'] === 'query')
    .map((p) => {
      const schema = deref(doc, p['schema']) ?? p;
      const view: QueryParamView = { name: String(p['name']) };
      const type = pickType(schema['type']);
      if (type !== undefined) view.schemaType = type;
      if (schema['default'] !== undefined) view.default = schema['default'];
      if (typeof schema['minimum'] === 'number') view.minimum = schema['minimum'];
      return view;
    });
}

function successResponse(doc: Json, op: Json): Json | undefined {
  const responses = isObject(op['responses']) ? op['responses'] : {};
  const key =
    '200' in responses
      ? '200'
      : Object.keys(responses)
          .sort()
          .find((code) => /^2(\d\d|XX)$/i.test(code));
  return key === undefined ? undefined : deref(doc, responses[key]);
}

function responseSchema(doc: Json, response: Json | undefined, swagger2: boolean): SchemaView | undefined {
  if (response === undefined) return undefined;
  if (swagger2) return toSchemaView(doc, response['schema']);
  const content = isObject(response['content']) ? response['content'] : {};
  const media = Object.keys(content).find((m) => m.includes('json')) ?? Object.keys(content)[0];
  const entry = media === undefined ? undefined : deref(doc, content[media]);
  return entry ? toSchemaView(doc, entry['schema']) : undefined;
}

export function collectOperations(doc: Json): OperationInput[] {
  const swagger2 = doc['swagger'] === '2.0';
  const paths = isObject(doc['paths']) ? doc['paths'] : {};
  const operations: OperationInput[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    const pathItem = deref(doc, rawItem);
    if (!pathItem) continue;
    for (const method of methods) {
      const op = deref(doc, pathItem[method]);
      if (!op) continue;
      const response = successResponse(doc, op);
      const input: PaginationInput = {
        method: method.toUpperCase(),
        queryParams: queryParams(doc, pathItem, op),
        responseSchema: responseSchema(doc, response, swagger2),
        responseHeaders: isObject(response?.['headers']) ? Object.keys(response['headers']) : [],
      };
      if (op['x-apiwright-pagination'] !== undefined) input.extension = op['x-apiwright-pagination'];
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: typeof op['operationId'] === 'string' ? op['operationId'] : undefined,
        input,
      });
    }
  }
  return operations;
}
