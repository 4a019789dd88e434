/** Reads a request body with a hard cap: an endpoint open to the internet must never buffer without bound. */
import { readBytesUpTo } from '../transport/capped-body.js';
import type { Bytes } from '../util/bytes.js';

export const defaultMaxBodyBytes = 5_242_880; // 5 MiB (a literal, so bundlers drop it when unused)

/**
 * The body's bytes, or `undefined` when it is (or its Content-Length announces it to be) larger
 * than `maxBytes`; the rest is cancelled unread.
 */
export function readCappedBody(
  body: ReadableStream<Uint8Array> | null,
  headers: Headers,
  maxBytes: number,
): Promise<Bytes | undefined> {
  // The client's capped reader takes a Response; wrapping hands it the same stream and headers, uncopied.
  return readBytesUpTo(new Response(body, { headers }), maxBytes);
}
