/**
 * `stream(client, op, params)`: an operation whose success response is a stream (`text/event-stream`,
 * `application/x-ndjson`, `application/jsonl`, `application/json-seq`) as an async iterable, read
 * as the bytes arrive. The request goes through the whole pipeline (auth, rate limit, breaker,
 * retries, typed errors for non-2xx answers); the per-attempt timeout covers the wait for the
 * headers, `idleTimeoutMs` the gaps between chunks afterwards. Event streams can reconnect with
 * `Last-Event-ID`. The whole stream stays under `maxResponseBytes`.
 */
import { ParseError } from '../errors/errors.js';
import { isEventStreamMediaType, type ServerSentEvent } from '../transport/event-stream.js';
import { reconnectingEventStream } from '../transport/event-stream-reconnect.js';
import { isJsonLinesMediaType, parseJsonLines } from '../transport/json-lines.js';
import { ApiPromise } from './api-promise.js';
import type { Clock, OperationDescriptor } from './descriptor.js';
import type { Client, StreamDecoding, StreamOptions } from './options.js';

export type { StreamDecoding, StreamOptions } from './options.js';

/** Every event of a `text/event-stream` response, `data` decoded as the operation declares. */
export type EventStream<TData> = AsyncIterable<ServerSentEvent<TData>>;

/** Every value of a JSON Lines response. */
export type JsonLinesStream<TItem> = AsyncIterable<TItem>;

/** Sends the request with these extra headers (Accept, and Last-Event-ID on a reconnect). */
export type SendStreamRequest = (headers: Record<string, string>) => ApiPromise<ReadableStream<Uint8Array>>;

const DEFAULT_IDLE_TIMEOUT_MS = 300_000; // 5 minutes (a literal, so bundlers drop it when unused)
/** The end-of-stream marker LLM APIs send as the last event's data (`data: [DONE]`). */
const DONE = '[DONE]';

/**
 * A streamed success response (`text/event-stream` or JSON Lines) as an async iterable, read as it
 * arrives: events (`ServerSentEvent<T>`) or JSON Lines values, decoded per `decoding`. What the
 * `<name>Stream` endpoint functions return; only bundles that call one carry the stream readers.
 */
export function stream<T>(
  client: Client,
  op: OperationDescriptor,
  params: object | undefined,
  call: StreamOptions = {},
  decoding: StreamDecoding = 'text',
): AsyncIterable<T> {
  const send: SendStreamRequest = (extra) => {
    const headers = new Headers(call.headers);
    for (const [name, value] of Object.entries(extra)) headers.set(name, value);
    return new ApiPromise(() =>
      client.execute<ReadableStream<Uint8Array>>(
        op,
        params,
        Object.assign({}, call, { headers, responseType: 'stream' as const }),
      ),
    );
  };
  return openStream<T>(send, call, decoding, streamAccept(op), client.options.clock);
}

export function openStream<T>(
  send: SendStreamRequest,
  call: StreamOptions,
  decoding: StreamDecoding,
  accept: string,
  clock?: Clock,
): AsyncIterable<T> {
  // The client's clock runs the idle timer and the reconnect wait (the system clock by default).
  const readOptions = {
    signal: call.signal,
    clock,
    idleTimeoutMs: call.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    ...(call.maxEventLength === undefined ? {} : { maxEventLength: call.maxEventLength, maxLineLength: call.maxEventLength }),
  };
  return {
    async *[Symbol.asyncIterator]() {
      let kind: 'events' | 'lines' | undefined;
      const open = async (lastEventId: string | undefined): Promise<ReadableStream<Uint8Array>> => {
        const headers: Record<string, string> = { accept };
        if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
        const { data, response } = await send(headers).withResponse();
        try {
          kind = streamKind(response.headers.get('content-type') ?? '');
        } catch (error) {
          await data.cancel().catch(() => undefined);
          throw error;
        }
        return data;
      };
      const reconnect = call.reconnect === true ? {} : call.reconnect === false ? undefined : call.reconnect;
      const first = await open(undefined);
      if (kind === 'lines') {
        for await (const item of parseJsonLines(first, readOptions)) yield item as T;
        return;
      }
      let opened: ReadableStream<Uint8Array> | undefined = first;
      const reopen = (lastEventId: string | undefined): Promise<ReadableStream<Uint8Array>> => {
        const stream = opened;
        opened = undefined;
        return stream !== undefined ? Promise.resolve(stream) : open(lastEventId);
      };
      const events = reconnectingEventStream(reopen, { ...readOptions, ...(reconnect ?? { maxReconnects: 0 }) });
      for await (const event of events) {
        if (decoding === 'text') {
          yield event as T;
          continue;
        }
        if (event.data === DONE) return;
        yield Object.assign({}, event, { data: decodeJson(event.data, event.id) }) as T;
      }
    },
  };
}

/** The stream media types the operation's success responses declare, for `Accept`. */
export function streamAccept(op: OperationDescriptor): string {
  const declared = Object.entries(op.responses)
    .filter(([status]) => /^2/.test(status))
    .flatMap(([, types]) => types)
    .filter((type) => isJsonLinesMediaType(type) || isEventStreamMediaType(type));
  return declared.length === 0 ? 'text/event-stream' : [...new Set(declared)].join(', ');
}

function streamKind(contentType: string): 'events' | 'lines' {
  if (isJsonLinesMediaType(contentType)) return 'lines';
  if (isEventStreamMediaType(contentType)) return 'events';
  throw new ParseError(
    `Expected a stream (text/event-stream or JSON Lines) but the server answered with ${contentType === '' ? 'no Content-Type' : contentType}. ` +
      'Some APIs stream only when the request asks for it (e.g. `stream: true` in the body).',
  );
}

function decodeJson(data: string, id: string): unknown {
  try {
    return JSON.parse(data) as unknown;
  } catch (cause) {
    throw new ParseError(`An event${id === '' ? '' : ` (id ${id})`} of the stream does not hold JSON data.`, {
      cause,
      snippet: data.slice(0, 200),
    });
  }
}
