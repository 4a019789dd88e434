/** Which body types an operation's responses produce, for `<Op>Response` and `<Op>Error`. */
import type * as ir from '../ir/index.js';
import { typeExpression, type TypeContext } from './type-expression.js';

export function isSuccessStatus(status: string): boolean {
  return /^2(\d\d|XX)$/.test(status);
}

/** Success responses: 2xx and 2XX; when there are none, `default` stands for success too. */
export function successResponses(operation: { responses: ir.Response[] }): ir.Response[] {
  const success = operation.responses.filter((r) => isSuccessStatus(r.status));
  return success.length > 0 ? success : operation.responses.filter((r) => r.status === 'default');
}

export function errorResponses(operation: { responses: ir.Response[] }): ir.Response[] {
  const success = new Set(successResponses(operation));
  return operation.responses.filter((r) => !success.has(r) && !/^[13]/.test(r.status));
}

const jsonLike = /^application\/(.+\+)?json|^\*\/\*$|^application\/\*$/i;

/** The type of one response body: JSON schema first, text as string, anything else as Blob. */
export function bodyType(content: ir.MediaTypeContent[], ctx: TypeContext): string | undefined {
  if (content.length === 0) return undefined;
  const json = content.filter((c) => jsonLike.test(c.mediaType));
  if (json.length > 0) return [...new Set(json.map((c) => typeExpression(c.schema, ctx)))].join(' | ');
  if (content.some((c) => /^text\//i.test(c.mediaType))) return 'string';
  const first = content[0];
  return first && first.schema.kind !== 'unknown' && first.schema.kind !== 'string' ? typeExpression(first.schema, ctx) : 'Blob';
}

/** Union of the bodies; `void` when none has one, `| undefined` when only some do. */
export function responsesType(responses: ir.Response[], ctx: TypeContext, none: string): string {
  if (responses.length === 0) return none;
  const types = responses.map((r) => bodyType(r.content, ctx));
  const present = [...new Set(types.filter((t): t is string => t !== undefined))];
  if (present.length === 0) return 'void';
  if (types.includes(undefined)) present.push('undefined');
  // Unions and intersections need no parentheses inside a union.
  return present.join(' | ');
}
