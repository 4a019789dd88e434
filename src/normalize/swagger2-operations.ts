/**
 * 2.0 path items and operations → 3.0: path-level and operation parameters merged (the operation's own
 * win), `body` and `formData` parameters turned into a `requestBody`, `consumes`/`produces` into
 * content maps.
 */
import { isObject, type JsonObject } from './context.js';
import { httpMethods } from './http-methods.js';
import { unescapeSegment } from '../json-pointer.js';
import { lookupSwagger2, type RefHomes } from './swagger2-ref-homes.js';
import { setOwn, stringList } from './swagger2-json.js';
import { convertFormData, convertParameter } from './swagger2-parameters.js';
import { convertResponse } from './swagger2-responses.js';

/** What converting a path item needs from the document around it. */
export interface Lift {
  root: JsonObject;
  globalParams: JsonObject;
  consumes: string[];
  produces: string[];
  homes: RefHomes;
}

export function convertPathItem(item: JsonObject, lift: Lift): JsonObject {
  const out: JsonObject = {};
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

function convertOperation(op: JsonObject, shared: unknown[], lift: Lift): JsonObject {
  const out: JsonObject = {};
  lift.homes.converted.set(op, out);
  for (const [key, value] of Object.entries(op)) {
    if (!['parameters', 'responses', 'consumes', 'produces', 'schemes'].includes(key)) setOwn(out, key, value);
  }
  const opConsumes = stringList(op['consumes']) ?? lift.consumes;
  const opProduces = stringList(op['produces']) ?? lift.produces;
  const params: JsonObject[] = [];
  const byKey = new Map<string, JsonObject>();
  const own: unknown[] = Array.isArray(op['parameters']) ? (op['parameters'] as unknown[]) : [];
  for (const raw of [...shared, ...own]) {
    const param = resolveParameter(raw, lift);
    if (param) byKey.set(`${String(param['in'])}\u0000${String(param['name'])}`, param);
  }
  let body: JsonObject | undefined;
  const form: JsonObject[] = [];
  for (const param of byKey.values()) {
    if (param['in'] === 'body') body = param;
    else if (param['in'] === 'formData') form.push(param);
    else params.push(convertParameter(param, lift.homes));
  }
  setOwn(out, 'parameters', params);
  if (body) {
    const content: JsonObject = {};
    for (const mediaType of opConsumes) setOwn(content, mediaType, { schema: body['schema'] ?? {} });
    setOwn(out, 'requestBody', { required: body['required'] === true, description: body['description'], content });
  } else if (form.length > 0) {
    setOwn(out, 'requestBody', convertFormData(form, opConsumes, lift.homes));
  }
  const responses: JsonObject = {};
  if (isObject(op['responses'])) {
    for (const [status, response] of Object.entries(op['responses']))
      setOwn(responses, status, convertResponse(response, opProduces, lift.homes));
  }
  setOwn(out, 'responses', responses);
  return out;
}

/**
 * A parameter as written, or the one its `$ref` names: `#/parameters/<name>`, or (written by
 * swagger-parser's bundler) a place in another operation such as `#/paths/~1pets/get/parameters/0`.
 * Follows a few hops of ref-to-ref.
 */
function resolveParameter(param: unknown, lift: Lift): JsonObject | undefined {
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
