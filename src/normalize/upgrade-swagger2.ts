/**
 * Swagger 2.0 → an OpenAPI 3.0-shaped document, so one set of normalizers serves every version.
 * Follows the OAS 2.0 → 3.0 mapping: definitions → components.schemas, body/formData parameters →
 * requestBody, produces/consumes → content maps, host/basePath/schemes → servers,
 * collectionFormat → style/explode, securityDefinitions → securitySchemes.
 * Pure: the input is never mutated; keys are set as own properties (a `__proto__` key stays data).
 */
import { isObject, type JsonObject } from './context.js';
import { httpMethods } from './http-methods.js';
import { unescapeSegment } from '../json-pointer.js';
import { createRefHomes, lookupSwagger2, relocateRefs, rewriteByPrefix, type RefHomes } from './swagger2-ref-homes.js';

type Obj = JsonObject;

function setOwn(target: Obj, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function obj(): Obj {
  return {};
}

export function upgradeSwagger2(doc: Obj): Obj {
  const homes = createRefHomes();
  const root = rewriteRefs(doc, homes) as Obj;
  const out = obj();
  setOwn(out, 'openapi', '3.0.3');
  for (const key of ['info', 'tags', 'security', 'externalDocs']) if (root[key] !== undefined) setOwn(out, key, root[key]);
  for (const [key, value] of Object.entries(root)) if (key.startsWith('x-')) setOwn(out, key, value);
  setOwn(out, 'servers', convertServers(root));

  const consumes = stringList(root['consumes']) ?? ['application/json'];
  const produces = stringList(root['produces']) ?? ['application/json'];
  const globalParams = isObject(root['parameters']) ? root['parameters'] : {};
  const components = obj();
  setOwn(components, 'schemas', isObject(root['definitions']) ? root['definitions'] : {});
  const parameters = obj();
  for (const [name, param] of Object.entries(globalParams)) {
    if (isObject(param) && param['in'] !== 'body' && param['in'] !== 'formData')
      setOwn(parameters, name, convertParameter(param, homes));
  }
  setOwn(components, 'parameters', parameters);
  const responses = obj();
  if (isObject(root['responses'])) {
    for (const [name, response] of Object.entries(root['responses']))
      setOwn(responses, name, convertResponse(response, produces, homes));
  }
  setOwn(components, 'responses', responses);
  setOwn(components, 'securitySchemes', convertSecurityDefinitions(root['securityDefinitions']));
  setOwn(out, 'components', components);

  const paths = obj();
  if (isObject(root['paths'])) {
    for (const [path, item] of Object.entries(root['paths'])) {
      if (isObject(item)) setOwn(paths, path, convertPathItem(item, { root, globalParams, consumes, produces, homes }));
    }
  }
  setOwn(out, 'paths', paths);
  // Refs into the 2.0 layout (`#/paths/…/responses/200/schema`) follow their value to its 3.0 place.
  relocateRefs(root, out, homes);
  return out;
}

/** What converting a path item needs from the document around it. */
interface Lift {
  root: Obj;
  globalParams: Obj;
  consumes: string[];
  produces: string[];
  homes: RefHomes;
}

/**
 * Rewrites 2.0 refs to their 3.0 homes and 2.0-only schema spellings, without recursion limits
 * issues (iterative). Refs into the rest of the 2.0 layout are noted in `homes`, for relocateRefs.
 */
function rewriteRefs(value: unknown, homes: RefHomes): unknown {
  if (!isObject(value) && !Array.isArray(value)) return value;
  const rootCopy: Obj | unknown[] = Array.isArray(value) ? [] : obj();
  const stack: [unknown, Obj | unknown[]][] = [[value, rootCopy]];
  while (stack.length > 0) {
    const next = stack.pop();
    if (!next) break;
    const [source, target] = next;
    const entries = Array.isArray(source) ? source.map((v, i) => [String(i), v] as const) : Object.entries(source as Obj);
    for (const [key, child] of entries) {
      let copy: unknown = child;
      if (isObject(child) || Array.isArray(child)) {
        copy = Array.isArray(child) ? [] : obj();
        stack.push([child, copy as Obj | unknown[]]);
      } else if (key === '$ref' && typeof child === 'string') {
        const rewritten = rewriteByPrefix(child);
        if (rewritten === undefined && child.startsWith('#/') && !Array.isArray(target)) homes.pending.push(target);
        copy = rewritten ?? child;
      }
      if (Array.isArray(target)) target.push(copy);
      else setOwn(target, key, copy);
    }
    if (!Array.isArray(target)) {
      if (typeof target['discriminator'] === 'string') setOwn(target, 'discriminator', { propertyName: target['discriminator'] });
      if (target['type'] === 'file') {
        setOwn(target, 'type', 'string');
        setOwn(target, 'format', 'binary');
      }
    }
  }
  return rootCopy;
}

function convertServers(root: Obj): Obj[] {
  const host = typeof root['host'] === 'string' ? root['host'] : undefined;
  const basePath = typeof root['basePath'] === 'string' ? root['basePath'] : '';
  if (!host) return basePath ? [{ url: basePath }] : [];
  const schemes = stringList(root['schemes']) ?? ['https'];
  const preferred = schemes.includes('https') ? ['https', ...schemes.filter((s) => s !== 'https')] : schemes;
  return preferred.map((scheme) => ({ url: `${scheme}://${host}${basePath}` }));
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

const collectionStyles: Record<string, { style: string; explode: boolean }> = {
  csv: { style: 'form', explode: false },
  ssv: { style: 'spaceDelimited', explode: false },
  pipes: { style: 'pipeDelimited', explode: false },
  tsv: { style: 'form', explode: false },
  multi: { style: 'form', explode: true },
};

const schemaKeys = [
  'type',
  'format',
  'items',
  'enum',
  'default',
  'minimum',
  'maximum',
  'pattern',
  'minLength',
  'maxLength',
  'x-nullable',
];

function convertParameter(param: Obj, homes: RefHomes): Obj {
  const out = obj();
  homes.converted.set(param, out);
  for (const key of ['name', 'in', 'description', 'required', 'deprecated', 'allowEmptyValue']) {
    if (param[key] !== undefined) setOwn(out, key, param[key]);
  }
  for (const [key, value] of Object.entries(param)) if (key.startsWith('x-') && key !== 'x-nullable') setOwn(out, key, value);
  const schema = obj();
  for (const key of schemaKeys) if (param[key] !== undefined) setOwn(schema, key, param[key]);
  setOwn(out, 'schema', schema);
  if (param['type'] === 'array') {
    const format = typeof param['collectionFormat'] === 'string' ? param['collectionFormat'] : 'csv';
    const mapped = collectionStyles[format] ?? { style: 'form', explode: false };
    const style = param['in'] === 'path' || param['in'] === 'header' ? 'simple' : mapped.style;
    setOwn(out, 'style', style);
    setOwn(out, 'explode', style === 'simple' ? false : mapped.explode);
  }
  return out;
}

function convertResponse(response: unknown, produces: string[], homes: RefHomes): unknown {
  if (!isObject(response) || typeof response['$ref'] === 'string') return response;
  const out = obj();
  homes.converted.set(response, out);
  setOwn(out, 'description', typeof response['description'] === 'string' ? response['description'] : '');
  if (response['schema'] !== undefined) {
    const content = obj();
    // 2.0 `examples` are keyed by media type: each becomes that media type's `example`.
    const examples = isObject(response['examples']) ? response['examples'] : {};
    for (const mediaType of produces) {
      const media: Obj = { schema: response['schema'] };
      if (Object.hasOwn(examples, mediaType)) media['example'] = examples[mediaType];
      setOwn(content, mediaType, media);
    }
    setOwn(out, 'content', content);
  }
  if (isObject(response['headers'])) {
    const headers = obj();
    for (const [name, header] of Object.entries(response['headers'])) {
      if (!isObject(header)) continue;
      const schema = obj();
      for (const key of schemaKeys) if (header[key] !== undefined) setOwn(schema, key, header[key]);
      setOwn(headers, name, { description: header['description'], schema });
    }
    setOwn(out, 'headers', headers);
  }
  return out;
}

/**
 * A parameter as written, or the one its `$ref` names: `#/parameters/<name>`, or (written by
 * swagger-parser's bundler) a place in another operation such as `#/paths/~1pets/get/parameters/0`.
 * Follows a few hops of ref-to-ref.
 */
function resolveParameter(param: unknown, lift: Lift): Obj | undefined {
  let current = param;
  for (let hops = 0; hops < 8 && isObject(current) && typeof current['$ref'] === 'string'; hops++) {
    const ref = current['$ref'];
    const match = /^#\/parameters\/([^/]+)$/.exec(ref);
    const name = match?.[1] === undefined ? undefined : unescapeSegment(match[1]);
    if (name !== undefined) current = Object.hasOwn(lift.globalParams, name) ? lift.globalParams[name] : undefined;
    else current = lookupSwagger2(lift.root, ref);
  }
  return isObject(current) && typeof current['$ref'] !== 'string' ? current : undefined;
}

function convertPathItem(item: Obj, lift: Lift): Obj {
  const out = obj();
  lift.homes.converted.set(item, out);
  const shared = Array.isArray(item['parameters']) ? item['parameters'] : [];
  for (const [key, value] of Object.entries(item)) {
    if (key === 'parameters') continue;
    if (!(httpMethods as readonly string[]).includes(key) || !isObject(value)) {
      setOwn(out, key, value);
      continue;
    }
    setOwn(out, key, convertOperation(value, shared, lift));
  }
  return out;
}

function convertOperation(op: Obj, shared: unknown[], lift: Lift): Obj {
  const out = obj();
  lift.homes.converted.set(op, out);
  for (const [key, value] of Object.entries(op)) {
    if (!['parameters', 'responses', 'consumes', 'produces', 'schemes'].includes(key)) setOwn(out, key, value);
  }
  const opConsumes = stringList(op['consumes']) ?? lift.consumes;
  const opProduces = stringList(op['produces']) ?? lift.produces;
  const params: Obj[] = [];
  const byKey = new Map<string, Obj>();
  const own: unknown[] = Array.isArray(op['parameters']) ? (op['parameters'] as unknown[]) : [];
  for (const raw of [...shared, ...own]) {
    const param = resolveParameter(raw, lift);
    if (param) byKey.set(`${String(param['in'])}\u0000${String(param['name'])}`, param);
  }
  let body: Obj | undefined;
  const form: Obj[] = [];
  for (const param of byKey.values()) {
    if (param['in'] === 'body') body = param;
    else if (param['in'] === 'formData') form.push(param);
    else params.push(convertParameter(param, lift.homes));
  }
  setOwn(out, 'parameters', params);
  if (body) {
    const content = obj();
    for (const mediaType of opConsumes) setOwn(content, mediaType, { schema: body['schema'] ?? {} });
    setOwn(out, 'requestBody', { required: body['required'] === true, description: body['description'], content });
  } else if (form.length > 0) {
    setOwn(out, 'requestBody', convertFormData(form, opConsumes, lift.homes));
  }
  const responses = obj();
  if (isObject(op['responses'])) {
    for (const [status, response] of Object.entries(op['responses']))
      setOwn(responses, status, convertResponse(response, opProduces, lift.homes));
  }
  setOwn(out, 'responses', responses);
  return out;
}

function convertFormData(form: Obj[], consumes: string[], homes: RefHomes): Obj {
  const properties = obj();
  const required: string[] = [];
  for (const param of form) {
    const name = String(param['name']);
    const converted = convertParameter(param, homes);
    setOwn(properties, name, converted['schema']);
    if (param['required'] === true) required.push(name);
  }
  const hasFile = form.some((p) => p['type'] === 'file' || (isObject(p['schema']) && p['schema']['format'] === 'binary'));
  const mediaType =
    consumes.find((c) => c.startsWith('multipart/')) ?? (hasFile ? 'multipart/form-data' : 'application/x-www-form-urlencoded');
  const content = obj();
  setOwn(content, mediaType, { schema: { type: 'object', properties, required } });
  return { required: required.length > 0, content };
}

function convertSecurityDefinitions(raw: unknown): Obj {
  const out = obj();
  if (!isObject(raw)) return out;
  for (const [name, def] of Object.entries(raw)) {
    if (!isObject(def)) continue;
    if (def['type'] === 'basic') setOwn(out, name, { type: 'http', scheme: 'basic', description: def['description'] });
    else if (def['type'] === 'apiKey') setOwn(out, name, def);
    else if (def['type'] === 'oauth2') {
      const flowName = {
        implicit: 'implicit',
        password: 'password',
        application: 'clientCredentials',
        accessCode: 'authorizationCode',
      }[String(def['flow'])];
      if (!flowName) continue;
      const flow = obj();
      for (const key of ['authorizationUrl', 'tokenUrl', 'scopes']) if (def[key] !== undefined) setOwn(flow, key, def[key]);
      if (flow['scopes'] === undefined) setOwn(flow, 'scopes', {});
      const flows = obj();
      setOwn(flows, flowName, flow);
      setOwn(out, name, { type: 'oauth2', flows, description: def['description'] });
    }
  }
  return out;
}
