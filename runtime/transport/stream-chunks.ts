/**
 * The chunks of a response body stream for the incremental parsers (event streams, NDJSON), with
 * the two ways a long-lived stream must be able to end: the caller's AbortSignal and an idle timeout
 * (no byte for `idleTimeoutMs`). Either cancels the underlying stream, so the connection is released;
 * so does leaving the `for await` early.
 */
import { AbortError, TimeoutError } from '../errors/errors.js';

export interface ChunkReadOptions {
  /** Stops the stream (AbortError) when aborted. */
  readonly signal?: AbortSignal | undefined;
  /** Longest wait for the next chunk before the stream fails with TimeoutError. Default: none. */
  readonly idleTimeoutMs?: number | undefined;
}

export async function* readChunks(
  stream: ReadableStream<Uint8Array>,
  options: ChunkReadOptions = {},
): AsyncGenerator<Uint8Array> {
  const { signal, idleTimeoutMs } = options;
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      if (signal?.aborted === true) throw abortError(signal);
      const { done, value } = await nextChunk(reader, signal, idleTimeoutMs);
      if (done) {
        finished = true;
        return;
      }
      if (value.byteLength > 0) yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** `reader.read()`, unless the signal aborts or the idle timer fires first. */
function nextChunk(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  signal: AbortSignal | undefined,
  idleTimeoutMs: number | undefined,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  const read = reader.read();
  if (signal === undefined && idleTimeoutMs === undefined) return read;
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = (): void => {
      cleanup();
      reject(abortError(signal));
    };
    const cleanup = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    if (idleTimeoutMs !== undefined) {
      timer = setTimeout(() => {
        cleanup();
        reject(new TimeoutError(`The stream sent nothing for ${idleTimeoutMs} ms (idle timeout).`));
      }, idleTimeoutMs);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    read.finally(cleanup).then(resolve, reject);
  });
}

function abortError(signal: AbortSignal | undefined): AbortError {
  return new AbortError('The stream was aborted by the caller.', { cause: signal?.reason });
}
