/**
 * A buffered response without a second Response: the transport reads the body once, inside the
 * attempt and under its timer, and files the bytes here against the Response it already has. The
 * runtime's readers (response.ts, capped-body.ts, the cache) look here first; a Response with no
 * entry is read from its stream as usual. What a caller gets back (`withResponse()`) is that same
 * Response, its body already read, as documented. Only code that wants to read the body again —
 * `onResponse` hooks — gets a readable copy (`readableResponse`), built only then.
 */
import type { Bytes } from '../util/bytes.js';

const buffered = new WeakMap<Response, Bytes>();

/** Records that `response`'s body was read into `bytes` (its own stream is spent or absent). */
export function markBuffered(response: Response, bytes: Bytes): Response {
  buffered.set(response, bytes);
  return response;
}

/** The bytes the transport read for `response`, or `undefined` when its body is still a stream. */
export function bufferedBytes(response: Response): Bytes | undefined {
  return buffered.get(response);
}

/** `response` itself when its body can still be read, else a copy over the buffered bytes. */
export function readableResponse(response: Response): Response {
  const bytes = buffered.get(response);
  if (bytes === undefined) return response;
  const headers = new Headers(response.headers);
  headers.set('content-length', String(bytes.byteLength));
  const empty = bytes.byteLength === 0 && [101, 103, 204, 205, 304].includes(response.status);
  const copy = new Response(empty ? null : bytes.slice(), { status: response.status, statusText: response.statusText, headers });
  Object.defineProperty(copy, 'url', { value: response.url });
  Object.defineProperty(copy, 'redirected', { value: response.redirected });
  return markBuffered(copy, bytes);
}
