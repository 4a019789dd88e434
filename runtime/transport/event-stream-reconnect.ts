/**
 * An event stream that survives dropped connections: when the connection breaks (or goes idle past
 * its timeout), it waits the time the server last asked for with `retry:` (else `delayMs`) and opens
 * the stream again with the last event id, which `open` sends as `Last-Event-ID` (WHATWG HTML
 * §9.2.3). A clean end of the stream ends the iteration; so does the caller's signal, at once.
 */
import type { Clock } from '../client/descriptor.js';
import { AbortError, ApiwrightError } from '../errors/errors.js';
import { systemClock } from '../util/clock.js';
import { parseEventStream, type EventStreamOptions, type ServerSentEvent } from './event-stream.js';
import { streamStoppedError } from './stream-chunks.js';

export interface ReconnectOptions {
  /** Reconnections after the first connection, at most. Default 3. */
  readonly maxReconnects?: number;
  /** Wait before reconnecting when the server sent no `retry:`. Default 1,000 ms. */
  readonly delayMs?: number;
  /** Longest wait honoured from a server's `retry:`. Default 60,000 ms. */
  readonly maxDelayMs?: number;
}

/** Opens (or re-opens) the stream; `lastEventId` is set on reconnects that follow an event with an id. */
export type OpenEventStream = (lastEventId: string | undefined) => Promise<ReadableStream<Uint8Array>>;

export async function* reconnectingEventStream(
  open: OpenEventStream,
  options: EventStreamOptions & ReconnectOptions = {},
): AsyncGenerator<ServerSentEvent> {
  const maxReconnects = options.maxReconnects ?? 3;
  let lastEventId = options.lastEventId;
  let retryMs: number | undefined;
  for (let reconnects = 0; ; reconnects++) {
    try {
      const stream = await open(lastEventId === '' ? undefined : lastEventId);
      const parserOptions = lastEventId === undefined ? options : Object.assign({}, options, { lastEventId });
      for await (const event of parseEventStream(stream, parserOptions)) {
        lastEventId = event.id;
        retryMs = event.retry ?? retryMs;
        yield event;
      }
      return;
    } catch (error) {
      if (!isReconnectable(error) || reconnects >= maxReconnects || options.signal?.aborted === true) throw error;
    }
    await sleep(
      options.clock ?? systemClock,
      Math.min(retryMs ?? options.delayMs ?? 1000, options.maxDelayMs ?? 60_000),
      options.signal,
    );
  }
}

/** A broken or idle connection is worth another try; the caller's abort, a parse failure or an HTTP error is not. */
function isReconnectable(error: unknown): boolean {
  if (error instanceof AbortError) return false;
  if (error instanceof ApiwrightError) return error.name === 'ConnectionError' || error.name === 'TimeoutError';
  // fetch reports a body cut mid-stream as a TypeError ("terminated") in Node, Deno and browsers.
  return error instanceof TypeError;
}

/** The clock's sleep, with the caller's abort surfaced as the stream's typed error. */
async function sleep(clock: Clock, ms: number, signal: AbortSignal | undefined): Promise<void> {
  const stopped = (): boolean => signal?.aborted === true;
  if (stopped()) throw streamStoppedError(signal);
  try {
    await clock.sleep(ms, signal);
  } catch (error) {
    throw stopped() ? streamStoppedError(signal) : error;
  }
}
