/** Path Item and Operation Objects → IR operations (OAS 3.1 §4.8.9–10). */
import type * as ir from '../ir/index.js';
import { isObject, stringOrUndefined, type JsonObject, type NormalizeContext } from './context.js';
import { appendPointer } from '../json-pointer.js';
import { normalizeParameter } from './parameter-object.js';
import { normalizeRequestBody } from './request-body-object.js';
import { normalizeResponses } from './response-object.js';
import { normalizeSecurityRequirements } from './security-scheme-object.js';
import { normalizeServers } from './server-object.js';

export const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const idempotentMethods = new Set<ir.HttpMethod>(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/** Every operation of one Path Item, in the order the spec lists the methods. */
export function normalizePathItem(path: string, raw: unknown, pointer: string, ctx: NormalizeContext): ir.Operation[] {
  const resolved = ctx.deref(raw, pointer);
  if (!resolved || !isObject(resolved.value)) return [];
  const item = resolved.value;
  const itemServers = normalizeServers(item['servers']);
  const shared = normalizeParameterList(item['parameters'], appendPointer(resolved.pointer, 'parameters'), ctx);
  const out: ir.Operation[] = [];
  for (const key of Object.keys(item)) {
    const method = key.toLowerCase();
    if (!(httpMethods as readonly string[]).includes(method)) continue;
    const operation = ctx.deref(item[key], appendPointer(resolved.pointer, key));
    if (!operation || !isObject(operation.value)) continue;
    out.push(
      normalizeOperation(
        path,
        method.toUpperCase() as ir.HttpMethod,
        operation.value,
        operation.pointer,
        shared,
        itemServers,
        ctx,
      ),
    );
  }
  return out;
}

function normalizeOperation(
  path: string,
  method: ir.HttpMethod,
  raw: JsonObject,
  pointer: string,
  shared: ir.Parameter[],
  itemServers: ir.ServerDescriptor[] | undefined,
  ctx: NormalizeContext,
): ir.Operation {
  const own = normalizeParameterList(raw['parameters'], appendPointer(pointer, 'parameters'), ctx);
  const parameters = mergeParameters(shared, own);
  checkPathParameters(path, parameters, pointer, ctx);
  const operationId = stringOrUndefined(raw['operationId']);
  const operation: ir.Operation = {
    kind: 'operation',
    id: operationId && operationId.trim() !== '' ? operationId : `${method.toLowerCase()} ${path}`,
    hasOperationId: operationId !== undefined && operationId.trim() !== '',
    method,
    path,
    tags: Array.isArray(raw['tags']) ? raw['tags'].filter((t): t is string => typeof t === 'string') : [],
    deprecated: raw['deprecated'] === true,
    parameters,
    responses: normalizeResponses(raw['responses'], appendPointer(pointer, 'responses'), ctx),
    idempotent: idempotentMethods.has(method),
    callbacks: normalizeCallbacks(raw['callbacks'], appendPointer(pointer, 'callbacks'), ctx),
    source: pointer,
  };
  const summary = stringOrUndefined(raw['summary']);
  if (summary !== undefined) operation.summary = summary;
  const description = stringOrUndefined(raw['description']);
  if (description !== undefined) operation.description = description;
  const body = normalizeRequestBody(raw['requestBody'], appendPointer(pointer, 'requestBody'), ctx);
  if (body) operation.requestBody = body;
  const security = normalizeSecurityRequirements(raw['security']);
  if (security) operation.security = security;
  const servers = normalizeServers(raw['servers']) ?? itemServers;
  if (servers && servers.length > 0) operation.servers = servers;
  if (raw['x-apiwright-pagination'] !== undefined) operation.paginationExtension = raw['x-apiwright-pagination'];
  const idempotency = parameters.find((p) => p.in === 'header' && /^idempotency[-_]?key$/i.test(p.name));
  if (idempotency) operation.idempotencyHeader = idempotency.name;
  return operation;
}

function normalizeParameterList(raw: unknown, pointer: string, ctx: NormalizeContext): ir.Parameter[] {
  if (!Array.isArray(raw)) return [];
  const out: ir.Parameter[] = [];
  raw.forEach((value, index) => {
    const parameter = normalizeParameter(value, appendPointer(pointer, index), ctx);
    if (parameter) out.push(parameter);
  });
  return out;
}

/** Operation-level parameters override path-level ones with the same name and location (§4.8.10.1). */
function mergeParameters(shared: ir.Parameter[], own: ir.Parameter[]): ir.Parameter[] {
  const key = (p: ir.Parameter) => `${p.in}\u0000${p.name}`;
  const merged = new Map<string, ir.Parameter>();
  for (const parameter of [...shared, ...own]) merged.set(key(parameter), parameter);
  return [...merged.values()];
}

function checkPathParameters(path: string, parameters: ir.Parameter[], pointer: string, ctx: NormalizeContext): void {
  const inTemplate = new Set([...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]));
  for (const parameter of parameters) {
    if (parameter.in === 'path' && !inTemplate.has(parameter.name)) {
      ctx.warn(
        'PATH_PARAM_NOT_IN_TEMPLATE',
        `path parameter "${parameter.name}" does not occur in "${path}"; it is ignored when building the URL`,
        parameter.source,
      );
    }
  }
  for (const name of inTemplate) {
    if (name !== undefined && !parameters.some((p) => p.in === 'path' && p.name === name)) {
      ctx.warn(
        'PATH_PARAM_UNDECLARED',
        `"{${name}}" in "${path}" has no parameter; a required string parameter is assumed`,
        pointer,
      );
      parameters.push({
        name,
        in: 'path',
        required: true,
        style: 'simple',
        explode: false,
        allowReserved: false,
        schema: { kind: 'string' },
        source: pointer,
      });
    }
  }
}

function normalizeCallbacks(raw: unknown, pointer: string, ctx: NormalizeContext): ir.InboundOperation[] {
  if (!isObject(raw)) return [];
  const out: ir.InboundOperation[] = [];
  for (const [name, value] of Object.entries(raw)) {
    const callback = ctx.deref(value, appendPointer(pointer, name));
    if (!callback || !isObject(callback.value)) continue;
    for (const [expression, pathItem] of Object.entries(callback.value)) {
      out.push(...normalizeInbound(`${name} ${expression}`, pathItem, appendPointer(callback.pointer, expression), ctx));
    }
  }
  return out;
}

/** Webhooks and callbacks: requests the API sends. Only what a receiver needs is kept. */
export function normalizeInbound(name: string, raw: unknown, pointer: string, ctx: NormalizeContext): ir.InboundOperation[] {
  const resolved = ctx.deref(raw, pointer);
  if (!resolved || !isObject(resolved.value)) return [];
  const out: ir.InboundOperation[] = [];
  for (const [key, value] of Object.entries(resolved.value)) {
    if (!(httpMethods as readonly string[]).includes(key)) continue;
    const operation = ctx.deref(value, appendPointer(resolved.pointer, key));
    if (!operation || !isObject(operation.value)) continue;
    const inbound: ir.InboundOperation = {
      name,
      method: key.toUpperCase() as ir.HttpMethod,
      responses: normalizeResponses(operation.value['responses'], appendPointer(operation.pointer, 'responses'), ctx),
      source: operation.pointer,
    };
    const summary = stringOrUndefined(operation.value['summary']);
    if (summary !== undefined) inbound.summary = summary;
    const description = stringOrUndefined(operation.value['description']);
    if (description !== undefined) inbound.description = description;
    const body = normalizeRequestBody(operation.value['requestBody'], appendPointer(operation.pointer, 'requestBody'), ctx);
    if (body) inbound.requestBody = body;
    out.push(inbound);
  }
  return out;
}
