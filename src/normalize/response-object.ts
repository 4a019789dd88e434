/** Responses Object and Response Object → IR (OAS 3.1 §4.8.16–17). */
import type * as ir from '../ir/index.js';
import { isObject, stringOrUndefined, type NormalizeContext } from './context.js';
import { appendPointer } from '../json-pointer.js';
import { normalizeContent } from './media-type-object.js';
import { normalizeSchema } from './schema-object.js';

export function normalizeResponses(raw: unknown, pointer: string, ctx: NormalizeContext): ir.Response[] {
  if (!isObject(raw)) return [];
  const out: ir.Response[] = [];
  for (const [status, value] of Object.entries(raw)) {
    if (status.startsWith('x-')) continue;
    const normalized = status === 'default' ? status : status.toUpperCase();
    if (normalized !== 'default' && !/^[1-5](\d\d|XX)$/.test(normalized)) {
      ctx.warn('INVALID_STATUS', `response key "${status}" is not a status code, a range like 2XX, or default; skipped`, pointer);
      continue;
    }
    const at = appendPointer(pointer, status);
    const resolved = ctx.deref(value, at);
    const response = resolved && isObject(resolved.value) ? resolved.value : {};
    const where = resolved?.pointer ?? at;
    const result: ir.Response = {
      status: normalized,
      content: normalizeContent(response['content'], appendPointer(where, 'content'), ctx),
      headers: normalizeHeaders(response['headers'], appendPointer(where, 'headers'), ctx),
      source: where,
    };
    const description = stringOrUndefined(response['description']);
    if (description !== undefined) result.description = description;
    out.push(result);
  }
  return out;
}

function normalizeHeaders(raw: unknown, pointer: string, ctx: NormalizeContext): ir.ResponseHeader[] {
  if (!isObject(raw)) return [];
  const out: ir.ResponseHeader[] = [];
  for (const [name, value] of Object.entries(raw)) {
    const resolved = ctx.deref(value, appendPointer(pointer, name));
    const header = resolved && isObject(resolved.value) ? resolved.value : {};
    const result: ir.ResponseHeader = {
      name,
      required: header['required'] === true,
      schema: normalizeSchema(header['schema'], appendPointer(resolved?.pointer ?? pointer, 'schema'), ctx),
    };
    const description = stringOrUndefined(header['description']);
    if (description !== undefined) result.description = description;
    out.push(result);
  }
  return out;
}
