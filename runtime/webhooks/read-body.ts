/** Reads a request body with a hard cap: an endpoint open to the internet must never buffer without bound. */
import { readStreamUpTo } from '../transport/capped-body.js';
import type { Bytes } from '../util/bytes.js';

export const defaultMaxBodyBytes = 5 * 1024 * 1024;

/** The body's bytes, or `undefined` when it is (or announces to be) larger than `maxBytes`. */
export async function readRequestBody(request: Request, maxBytes: number): Promise<Bytes | undefined> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return undefined;
  if (request.body === null) return new Uint8Array(0);
  return readStreamUpTo(request.body, maxBytes);
}
