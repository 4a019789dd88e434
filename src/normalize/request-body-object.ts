/** Request Body Object → IR (OAS 3.1 §4.8.13). */
import type * as ir from '../ir/index.js';
import { isObject, stringOrUndefined, type NormalizeContext } from './context.js';
import { appendPointer } from '../json-pointer.js';
import { normalizeContent } from './media-type-object.js';

export function normalizeRequestBody(raw: unknown, pointer: string, ctx: NormalizeContext): ir.RequestBody | undefined {
  if (raw === undefined) return undefined;
  const resolved = ctx.deref(raw, pointer);
  if (!resolved || !isObject(resolved.value)) return undefined;
  const content = normalizeContent(resolved.value['content'], appendPointer(resolved.pointer, 'content'), ctx);
  if (content.length === 0) {
    ctx.warn('EMPTY_REQUEST_BODY', 'a request body without content is ignored', resolved.pointer);
    return undefined;
  }
  const body: ir.RequestBody = { required: resolved.value['required'] === true, content, source: resolved.pointer };
  const description = stringOrUndefined(resolved.value['description']);
  if (description !== undefined) body.description = description;
  return body;
}
