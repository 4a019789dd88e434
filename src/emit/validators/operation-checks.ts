/**
 * Per-operation checks: one function over the params object (every parameter, required ones
 * included, and the body), and per response status the body's check. The params check is the
 * params object as a JSON Schema object, so its issue paths are `/limit`, `/body/name`, which the
 * runtime turns into `query.limit` and `body/name` fields (runtime/validate/request.ts).
 */
import type * as ir from '../../ir/index.js';
import { isJsonMediaType } from '../../../runtime/request/body.js';
import { appendPointer } from '../../json-pointer.js';
import type { CompileContext, JsonSchemaObject } from './context.js';
import type { ValidatedOperation } from './source.js';

export interface OperationChecks {
  /** Function over the params object, when the operation has parameters or a body. */
  request?: string;
  /** Status (`200`, `4XX`, `default`) → function checking that status's JSON body. */
  responses: [string, string][];
}

/** A function the caller still has to compile: a synthetic schema at a pointer (for messages). */
export interface PendingCheck {
  name: string;
  schema: unknown;
  pointer: string;
  direction: 'request' | 'response';
}

export function planOperationChecks(ctx: CompileContext, planned: ValidatedOperation, pending: PendingCheck[]): OperationChecks {
  const { operation } = planned;
  const checks: OperationChecks = { responses: [] };
  const params = paramsSchema(ctx, planned);
  if (params !== undefined) {
    checks.request = ctx.unique(`${planned.functionName}$params`);
    pending.push({ name: checks.request, schema: params, pointer: operation.source, direction: 'request' });
  }
  for (const response of operation.responses) {
    const found = jsonBodySchema(ctx, response.source, response.content);
    if (found === undefined) continue;
    const ref = onlyRef(found.schema);
    if (ref !== undefined) {
      const target = ctx.resolve(ref, found.pointer);
      if (target !== undefined) checks.responses.push([response.status, ctx.functionFor(target.pointer, 'response')]);
      continue;
    }
    const name = ctx.unique(`${planned.functionName}$response${response.status}`);
    pending.push({ name, schema: found.schema, pointer: found.pointer, direction: 'response' });
    checks.responses.push([response.status, name]);
  }
  return checks;
}

/** The params object as an object schema: each parameter's schema under its key, the body under its key. */
function paramsSchema(ctx: CompileContext, planned: ValidatedOperation): JsonSchemaObject | undefined {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  const define = (key: string, schema: unknown): void => {
    Object.defineProperty(properties, key, { value: schema, enumerable: true, writable: true, configurable: true });
  };
  for (const { param, key } of planned.params) {
    const at =
      param.contentType === undefined
        ? appendPointer(param.source, 'schema')
        : appendPointer(param.source, 'content', param.contentType, 'schema');
    define(key, raw(ctx, at) ?? true);
    if (param.required) required.push(key);
  }
  const body = planned.operation.requestBody;
  if (body !== undefined) {
    define(planned.bodyKey, bodySchema(ctx, body) ?? true);
    if (body.required) required.push(planned.bodyKey);
  }
  if (Object.keys(properties).length === 0) return undefined;
  return { type: 'object', properties, required };
}

/** One schema for the body when every media type declares the same one; otherwise the body is not checked. */
function bodySchema(ctx: CompileContext, body: NonNullable<ValidatedOperation['operation']['requestBody']>): unknown {
  const schemas = body.content.map((c) => raw(ctx, appendPointer(body.source, 'content', c.mediaType, 'schema')));
  const first = schemas[0];
  if (first === undefined) return undefined;
  const text = JSON.stringify(first);
  return schemas.every((s) => s !== undefined && JSON.stringify(s) === text) ? first : undefined;
}

/** The schema of the response's first JSON media type: one the runtime parses as JSON (`application/json`, `…+json`, `text/json`). */
function jsonBodySchema(
  ctx: CompileContext,
  source: string,
  content: readonly Pick<ir.MediaTypeContent, 'mediaType'>[],
): { schema: unknown; pointer: string } | undefined {
  const json = content.find((c) => isJsonMediaType(c.mediaType));
  if (json === undefined) return undefined;
  const pointer = appendPointer(source, 'content', json.mediaType, 'schema');
  const schema = raw(ctx, pointer);
  return schema === undefined ? undefined : { schema, pointer };
}

function onlyRef(schema: unknown): string | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const keys = Object.keys(schema);
  const ref = (schema as JsonSchemaObject)['$ref'];
  return keys.length === 1 && typeof ref === 'string' ? ref : undefined;
}

function raw(ctx: CompileContext, pointer: string): unknown {
  return ctx.lookup(pointer);
}
