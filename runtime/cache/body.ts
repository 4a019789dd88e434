/**
 * Reading a response body for the cache without ever holding more than a cap in memory, and
 * without changing what the caller sees: a body too large to cache, or one that fails mid-way, is
 * handed on as a stream that replays what was read and then continues (or fails) exactly as the
 * original would have.
 */
import { concatBytes, type Bytes } from '../util/bytes.js';
import { bufferedBytes, readableResponse } from '../transport/buffered-body.js';

export type CapturedBody =
  /** The whole body, within the cap. */
  | { readonly complete: true; readonly bytes: Bytes }
  /** Too large or failed: the caller gets this stream instead; nothing is cached. */
  | { readonly complete: false; readonly stream: ReadableStream<Uint8Array> | null };

export async function captureBody(response: Response, maxBytes: number): Promise<CapturedBody> {
  // Already read by the transport: the cache keeps its own copy (the caller may change theirs).
  const stashed = bufferedBytes(response);
  if (stashed !== undefined && stashed.byteLength <= maxBytes) return { complete: true, bytes: stashed.slice() };
  if (stashed !== undefined) return { complete: false, stream: readableResponse(response).body };
  const body = response.body;
  if (body === null) return { complete: true, bytes: new Uint8Array(0) };
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return { complete: false, stream: body };

  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let failure: { error: unknown } | undefined;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
      if (total > maxBytes) break;
    }
  } catch (error) {
    failure = { error };
  }
  if (failure === undefined && total <= maxBytes) return { complete: true, bytes: concatBytes(chunks, total) };
  return { complete: false, stream: replayThenContinue(chunks, reader, failure) };
}

function replayThenContinue(
  chunks: Uint8Array[],
  reader: ReadableStreamDefaultReader<Uint8Array>,
  failure: { error: unknown } | undefined,
): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const buffered = chunks.shift();
      if (buffered !== undefined) return controller.enqueue(buffered);
      if (failure !== undefined) return controller.error(failure.error);
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        controller.error(error);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
