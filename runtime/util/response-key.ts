/**
 * Which entry of an operation's responses applies to a status (OAS 3.1.1 §4.8.16 Responses Object):
 * the exact code, then its range (`2XX`), then `default`. The one lookup behind media types,
 * response checks, transforms and mock replies. Range keys reach the runtime upper-cased only
 * (src/normalize/response-object.ts normalizes `2xx` to `2XX`).
 */
import type { OperationDescriptor } from '../client/descriptor.js';

/** The key `declares` accepts for `status`, trying the exact code, its range, then `default`. */
export function responseKeyFor(status: number, declares: (key: string) => boolean): string | undefined {
  for (const key of [String(status), `${Math.floor(status / 100)}XX`, 'default']) if (declares(key)) return key;
  return undefined;
}

/** The key of the operation's responses entry for `status`, if it declares one. */
export function declaredResponseKey(op: OperationDescriptor, status: number): string | undefined {
  // responseKeyFor's order, written out: this runs several times per response.
  const { responses } = op;
  const exact = String(status);
  if (Object.hasOwn(responses, exact)) return exact;
  const range = `${Math.floor(status / 100)}XX`;
  if (Object.hasOwn(responses, range)) return range;
  return Object.hasOwn(responses, 'default') ? 'default' : undefined;
}
