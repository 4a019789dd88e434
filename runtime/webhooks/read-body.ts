/** Reads a request body with a hard cap: an endpoint open to the internet must never buffer without bound. */
import { concatBytes } from '../util/bytes.js';
import type { Bytes } from '../util/bytes.js';

export const defaultMaxBodyBytes = 5 * 1024 * 1024;

/** The body's bytes, or `undefined` when it is (or announces to be) larger than `maxBytes`. */
export async function readRequestBody(request: Request, maxBytes: number): Promise<Bytes | undefined> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return undefined;
  if (request.body === null) return new Uint8Array(0);
  return readCapped(request.body, maxBytes);
}

export async function readCapped(source: ReadableStream<Uint8Array>, maxBytes: number): Promise<Bytes | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = source.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return concatBytes(chunks, size);
}
