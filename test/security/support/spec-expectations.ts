/**
 * What a hostile spec promises, read straight from the raw document (not through apiwright), so the
 * oracle compares the generated client against the spec text itself: operations with their exact path
 * keys and parameter names, media types, string enums, servers, info and security schemes.
 * Only local `#/components/...` refs are followed; the hostile fixtures need nothing more.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { ExpectedOperation, ExpectedParam, ExpectedScheme, Expectations, ParamLocation } from './oracle-types.js';

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const LOCATIONS: readonly string[] = ['path', 'query', 'header', 'cookie'];
/** Subtrees whose `enum` keys are not schemas the types file emits. */
const NOT_SCHEMA_KEYS = new Set(['example', 'examples', 'default', 'servers', 'headers', 'callbacks', 'webhooks', 'links']);

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readSpec(file: string): Json {
  const text = readFileSync(file, 'utf8');
  const parsed: unknown = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  if (!isObject(parsed)) throw new Error(`${file} is not an object`);
  return parsed;
}

function resolve(doc: Json, value: unknown): unknown {
  let current = value;
  for (let hops = 0; hops < 10 && isObject(current) && typeof current['$ref'] === 'string'; hops++) {
    const ref = current['$ref'];
    if (!ref.startsWith('#/')) return current;
    let target: unknown = doc;
    for (const raw of ref.slice(2).split('/')) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      target = isObject(target) && Object.hasOwn(target, key) ? target[key] : undefined;
    }
    current = target;
  }
  return current;
}

function readParams(doc: Json, list: unknown): ExpectedParam[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((raw) => {
    const param = resolve(doc, raw);
    if (!isObject(param) || typeof param['name'] !== 'string' || typeof param['in'] !== 'string') return [];
    if (!LOCATIONS.includes(param['in'])) return [];
    const expected: ExpectedParam = { name: param['name'], in: param['in'] as ParamLocation };
    const values = stringEnumOf(resolve(doc, param['schema']));
    if (values !== undefined) expected.enum = values;
    return [expected];
  });
}

/** A schema's string `const` as one value, or its string `enum` values. */
function stringEnumOf(schema: unknown): string[] | undefined {
  if (!isObject(schema)) return undefined;
  if (typeof schema['const'] === 'string') return [schema['const']];
  if (schema['const'] !== undefined || !Array.isArray(schema['enum'])) return undefined;
  const strings = schema['enum'].filter((v): v is string => typeof v === 'string');
  return strings.length > 0 ? [...new Set(strings)] : undefined;
}

function contentKeys(doc: Json, raw: unknown): string[] {
  const resolved = resolve(doc, raw);
  const content = isObject(resolved) ? resolved['content'] : undefined;
  return isObject(content) ? Object.keys(content) : [];
}

function readOperations(doc: Json): ExpectedOperation[] {
  const operations: ExpectedOperation[] = [];
  const paths = isObject(doc['paths']) ? doc['paths'] : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    if (path.startsWith('x-')) continue;
    const item = resolve(doc, rawItem);
    if (!isObject(item)) continue;
    const shared = readParams(doc, item['parameters']);
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const own = readParams(doc, op['parameters']);
      // Operation-level parameters override path-level ones with the same name and location (OAS 3.1 §4.8.10).
      const params = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own];
      const responses: Record<string, string[]> = {};
      if (isObject(op['responses'])) {
        for (const [status, response] of Object.entries(op['responses'])) {
          if (!status.startsWith('x-')) responses[status] = contentKeys(doc, response);
        }
      }
      const operation: ExpectedOperation = {
        method: method.toUpperCase(),
        path,
        params,
        bodyMediaTypes: contentKeys(doc, op['requestBody']),
        responses,
      };
      // A blank operationId counts as none (the operation is then named from method + path).
      if (typeof op['operationId'] === 'string' && op['operationId'].trim() !== '') operation.operationId = op['operationId'];
      operations.push(operation);
    }
  }
  return operations;
}

function collectEnums(value: unknown, out: string[][], key = ''): void {
  if (NOT_SCHEMA_KEYS.has(key) || key.startsWith('x-')) return;
  if (Array.isArray(value)) {
    for (const item of value) collectEnums(item, out);
    return;
  }
  if (!isObject(value)) return;
  if (typeof value['const'] === 'string') out.push([value['const']]);
  else if (value['const'] === undefined && Array.isArray(value['enum'])) {
    const strings = value['enum'].filter((v): v is string => typeof v === 'string');
    if (strings.length > 0) out.push([...new Set(strings)]);
  }
  for (const [childKey, child] of Object.entries(value)) {
    if (childKey === 'enum' || childKey === 'const') continue;
    collectEnums(child, out, childKey);
  }
}

function collectPropertyNames(value: unknown, out: Set<string>, key = ''): void {
  if (NOT_SCHEMA_KEYS.has(key) || key.startsWith('x-')) return;
  if (Array.isArray(value)) {
    for (const item of value) collectPropertyNames(item, out);
    return;
  }
  if (!isObject(value)) return;
  for (const [childKey, child] of Object.entries(value)) {
    if (childKey === 'properties' && isObject(child) && key !== 'properties') {
      for (const [name, schema] of Object.entries(child)) {
        out.add(name);
        collectPropertyNames(schema, out);
      }
      continue;
    }
    collectPropertyNames(child, out, childKey);
  }
}

function readSchemes(doc: Json): ExpectedScheme[] {
  const components = isObject(doc['components']) ? doc['components'] : {};
  const schemes = isObject(components['securitySchemes']) ? components['securitySchemes'] : {};
  return Object.entries(schemes).flatMap(([name, raw]) => {
    const scheme = resolve(doc, raw);
    if (!isObject(scheme) || typeof scheme['type'] !== 'string') return [];
    const expected: ExpectedScheme = { name, type: scheme['type'] };
    if (typeof scheme['in'] === 'string') expected.in = scheme['in'];
    if (typeof scheme['name'] === 'string') expected.paramName = scheme['name'];
    if (typeof scheme['scheme'] === 'string') expected.scheme = scheme['scheme'];
    return [expected];
  });
}

export function expectationsOf(doc: Json): Expectations {
  const info = isObject(doc['info']) ? doc['info'] : {};
  const servers = Array.isArray(doc['servers']) ? doc['servers'] : [];
  const enums: string[][] = [];
  collectEnums(doc['paths'], enums);
  collectEnums(doc['components'], enums, 'components');
  const propertyNames = new Set<string>();
  collectPropertyNames(doc['paths'], propertyNames);
  collectPropertyNames(doc['components'], propertyNames, 'components');
  return {
    title: typeof info['title'] === 'string' ? info['title'] : '',
    version: typeof info['version'] === 'string' ? info['version'] : '',
    serverUrls: servers.flatMap((s) => (isObject(s) && typeof s['url'] === 'string' ? [s['url']] : [])),
    operations: readOperations(doc),
    enums,
    propertyNames: [...propertyNames],
    securitySchemes: readSchemes(doc),
  };
}
