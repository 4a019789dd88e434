/**
 * The chunks of a response body stream for the incremental parsers (event streams, NDJSON), with
 * the two ways a long-lived stream must be able to end: the caller's AbortSignal and an idle timeout
 * (no byte for `idleTimeoutMs`). Either cancels the underlying stream, so the connection is released;
 * so does leaving the `for await` early.
 */
import type { Clock } from '../client/descriptor.js';
import { isTimeoutReason } from '../errors/abort-reason.js';
import { AbortError, TimeoutError } from '../errors/errors.js';
import { startTimer, systemClock } from '../util/clock.js';

export interface ChunkReadOptions {
  /** Stops the stream when aborted: AbortError, or TimeoutError for a timeout signal (`AbortSignal.timeout()`). */
  readonly signal?: AbortSignal | undefined;
  /** Longest wait for the next chunk before the stream fails with TimeoutError. Default: none. */
  readonly idleTimeoutMs?: number | undefined;
  /** Runs the idle timer (and a reconnect's wait); the client passes its own. Default: the system clock. */
  readonly clock?: Clock | undefined;
}

export async function* readChunks(
  stream: ReadableStream<Uint8Array>,
  options: ChunkReadOptions = {},
): AsyncGenerator<Uint8Array> {
  const { signal, idleTimeoutMs, clock = systemClock } = options;
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      if (signal?.aborted === true) throw streamStoppedError(signal);
      const { done, value } = await nextChunk(reader, signal, idleTimeoutMs, clock);
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

/**
 * The error for a stream the caller's signal stopped: TimeoutError when the signal is a timeout,
 * as the non-stream path throws, else AbortError.
 */
export function streamStoppedError(signal: AbortSignal | undefined): AbortError | TimeoutError {
  const reason: unknown = signal?.reason;
  if (isTimeoutReason(reason)) return new TimeoutError("The stream timed out (the caller's signal).", { cause: reason });
  return new AbortError('The stream was aborted by the caller.', { cause: reason });
}

/** `reader.read()`, unless the signal aborts or the idle timer fires first. */
function nextChunk(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  signal: AbortSignal | undefined,
  idleTimeoutMs: number | undefined,
  clock: Clock,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  const read = reader.read();
  if (signal === undefined && idleTimeoutMs === undefined) return read;
  return new Promise((resolve, reject) => {
    let stopTimer: (() => void) | undefined;
    const onAbort = (): void => {
      cleanup();
      reject(streamStoppedError(signal));
    };
    const cleanup = (): void => {
      stopTimer?.();
      signal?.removeEventListener('abort', onAbort);
    };
    if (idleTimeoutMs !== undefined) {
      stopTimer = startTimer(clock, idleTimeoutMs, () => {
        cleanup();
        reject(new TimeoutError(`The stream sent nothing for ${idleTimeoutMs} ms (idle timeout).`));
      });
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    read.finally(cleanup).then(resolve, reject);
  });
}
