/**
 * Reading an error body that will be kept on an error object, with a hard cap: a hostile or broken
 * server must never make the client buffer without bound (SECURITY-CASES 19).
 */
import { concatBytes } from '../util/bytes.js';
import type { Bytes } from '../util/bytes.js';
import { bufferedBytes } from './buffered-body.js';

/**
 * The whole body, or `undefined` once it passes `maxBytes` (reading stops there and the rest is
 * cancelled; fetch has already decompressed, so a gzip bomb stops at the cap too). A stream that
 * fails mid-body rejects with the stream's own error, for the caller to type.
 */
export async function readBytesUpTo(response: Response, maxBytes: number): Promise<Bytes | undefined> {
  const stashed = bufferedBytes(response);
  if (stashed !== undefined) return stashed.byteLength > maxBytes ? undefined : stashed;
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (response.body === null) return new Uint8Array(0);
  return readStreamUpTo(response.body, maxBytes);
}

/** A stream's bytes, or `undefined` once they pass `maxBytes` (the rest is cancelled, not read). */
export async function readStreamUpTo(source: ReadableStream<Uint8Array>, maxBytes: number): Promise<Bytes | undefined> {
  const reader = source.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
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

/** Error bodies read into a RateLimitError are capped. */
const MAX_ERROR_BODY_BYTES = 65_536; // 64 KiB, a literal: a bundler keeps `64 * 1024` even when unused

/** The body as JSON when it parses, else text; cut at 64 KiB; null when unreadable. */
export async function readBodyCapped(response: Response): Promise<unknown> {
  const stashed = bufferedBytes(response);
  if (stashed === undefined && response.body === null) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (stashed !== undefined) {
    chunks.push(stashed);
    size = stashed.byteLength;
  } else if (response.body !== null) {
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        size += value.byteLength;
        if (size >= MAX_ERROR_BODY_BYTES) {
          await reader.cancel().catch(() => undefined);
          break;
        }
      }
    } catch {
      return null;
    }
  }
  const bytes = concatBytes(chunks, size).subarray(0, MAX_ERROR_BODY_BYTES);
  const text = new TextDecoder().decode(bytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
