/**
 * The undici transport's direct sender (`WIRE_SEND`, wire.ts) on undici's lowest public layer,
 * `Dispatcher.dispatch(options, handler)`: the response head arrives as raw name/value buffers and
 * the body as chunks, straight into what the runtime wants — a whole body under the size cap, or a
 * web stream. `undici.request()` would first wrap each response in a Node Readable and follow the
 * caller's signal with its own listener; neither is needed here. Works with undici 6 and 7 (the
 * handler uses the callbacks both call: onConnect, onHeaders, onData, onComplete, onError).
 */
import { concatBytes, type Bytes } from '../util/bytes.js';
import type { WireAnswer, WireInit, WireSend } from './wire.js';
import { createAttemptCancel, type AttemptCancel } from './attempt-cancel.js';

/** What the sender needs of an undici Dispatcher (an Agent, a Pool, the global one). */
export interface UndiciDispatcher {
  dispatch(options: DispatchOptions, handler: DispatchHandler): boolean;
}

export interface DispatchOptions {
  origin: string;
  path: string;
  method: string;
  headers: Record<string, string | string[]>;
  body: string | Uint8Array | FormData | AsyncIterable<Uint8Array> | null;
}

interface DispatchHandler {
  onConnect(abort: (reason?: Error) => void): void;
  onHeaders(status: number, rawHeaders: Uint8Array[], resume: () => void, statusText: string): boolean;
  onData(chunk: Uint8Array): boolean;
  onComplete(trailers: unknown): void;
  onError(error: Error): void;
}

/** Turns the runtime's request into undici's headers and body (undici-fetch.ts). */
export type PrepareHop = (
  init: WireInit,
) => Promise<{ headers: Record<string, string | string[]>; body: DispatchOptions['body'] }>;

/** Where the body goes once the runtime has chosen: buffered whole, streamed, or dropped. */
type BodySink =
  | { kind: 'pending' }
  | { kind: 'whole'; maxBytes: number; resolve: (bytes: Bytes | undefined) => void; reject: (error: Error) => void }
  | { kind: 'stream'; controller: ReadableStreamDefaultController<Uint8Array> }
  | { kind: 'done' };

export function createDispatchSend(dispatcher: UndiciDispatcher, prepare: PrepareHop): WireSend {
  return async (url, init) => {
    const { headers, body } = await prepare(init);
    return dispatchOnce(dispatcher, url, init, headers, body);
  };
}

function dispatchOnce(
  dispatcher: UndiciDispatcher,
  url: URL,
  init: WireInit,
  headers: Record<string, string | string[]>,
  body: DispatchOptions['body'],
): Promise<WireAnswer> {
  return new Promise<WireAnswer>((resolveAnswer, rejectAnswer) => {
    const { cancel, release } = cancelOf(init);
    const endReason = (): Error | undefined => {
      if (!cancel.ended) return undefined;
      const reason: unknown = cancel.reason;
      return reason instanceof Error ? reason : new Error('aborted');
    };
    let abort: ((reason?: Error) => void) | undefined;
    let answered = false;
    let finished = false;
    let failure: Error | undefined;
    let resumeSocket: (() => void) | undefined;
    // Chunks that arrive before the runtime says what to do with the body (usually all of it).
    let early: Uint8Array[] = [];
    let earlyBytes = 0;
    let sink: BodySink = { kind: 'pending' };

    const stopListening = cancel.onCancel((reason) => abort?.(reason instanceof Error ? reason : undefined));
    const settle = (): void => {
      finished = true;
      stopListening();
      release();
    };
    /** Rejects like fetch: a TypeError with undici's error as its cause; the attempt's end reason as is. */
    const fetchError = (cause: unknown, message: string): Error => {
      return endReason() ?? new TypeError(message, { cause });
    };

    const deliverWhole = (maxBytes: number, resolve: (bytes: Bytes | undefined) => void): void => {
      // Done first: aborting makes undici report an error, which must find nobody left to tell.
      sink = { kind: 'done' };
      const bytes = earlyBytes > maxBytes ? undefined : concatBytes(early, earlyBytes);
      early = [];
      resolve(bytes);
      if (bytes === undefined && !finished) abort?.();
    };

    const handler: DispatchHandler = {
      onConnect(abortRequest) {
        abort = abortRequest;
        const reason = endReason();
        if (reason !== undefined) abortRequest(reason);
      },
      onHeaders(status, rawHeaders, resume, statusText) {
        if (status < 200) return true; // 1xx interim responses: the final one follows
        resumeSocket = resume;
        answered = true;
        resolveAnswer({
          status,
          statusText,
          headers: headerPairs(rawHeaders),
          readAll: (maxBytes) =>
            new Promise<Bytes | undefined>((resolve, reject) => {
              if (failure !== undefined) reject(failure);
              else if (finished) deliverWhole(maxBytes, resolve);
              else if (earlyBytes > maxBytes) deliverWhole(maxBytes, resolve);
              else sink = { kind: 'whole', maxBytes, resolve, reject };
            }),
          stream: () =>
            new ReadableStream<Uint8Array>({
              start(controller) {
                for (const chunk of early) controller.enqueue(chunk);
                early = [];
                if (failure !== undefined) controller.error(failure);
                else if (finished) controller.close();
                else sink = { kind: 'stream', controller };
              },
              pull() {
                resumeSocket?.();
              },
              cancel() {
                sink = { kind: 'done' };
                if (!finished) abort?.();
              },
            }),
          discard: () => {
            sink = { kind: 'done' };
            early = [];
            if (!finished) abort?.();
          },
        });
        return true;
      },
      onData(chunk) {
        if (sink.kind === 'stream') {
          sink.controller.enqueue(chunk);
          return (sink.controller.desiredSize ?? 1) > 0;
        }
        if (sink.kind === 'done') return true;
        early.push(chunk);
        earlyBytes += chunk.byteLength;
        if (sink.kind === 'whole' && earlyBytes > sink.maxBytes) deliverWhole(sink.maxBytes, sink.resolve);
        return true;
      },
      onComplete() {
        settle();
        if (sink.kind === 'whole') deliverWhole(sink.maxBytes, sink.resolve);
        else if (sink.kind === 'stream') sink.controller.close();
      },
      onError(error) {
        settle();
        if (!answered) {
          rejectAnswer(fetchError(error, 'fetch failed'));
          return;
        }
        failure = fetchError(error, 'terminated');
        if (sink.kind === 'whole') sink.reject(failure);
        else if (sink.kind === 'stream') sink.controller.error(failure);
        sink = sink.kind === 'pending' ? sink : { kind: 'done' };
      },
    };
    try {
      dispatcher.dispatch(
        { origin: url.origin, path: `${url.pathname}${url.search}`, method: init.method.toUpperCase(), headers, body },
        handler,
      );
    } catch (error) {
      settle();
      rejectAnswer(fetchError(error, 'fetch failed'));
    }
  });
}

/** The attempt's end; an older runtime copy hands only a signal, followed through the same AttemptCancel. */
function cancelOf(init: WireInit): { cancel: AttemptCancel; release: () => void } {
  if (init.cancel !== undefined) return { cancel: init.cancel, release: noop };
  const control = createAttemptCancel(init.signal, false);
  return { cancel: control.cancel, release: () => control.dispose() };
}

const noop = (): void => undefined;

/** undici's raw head (name, value, name, value … as bytes) as name/value pairs, names lower-cased. */
function headerPairs(raw: readonly Uint8Array[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i];
    const value = raw[i + 1];
    if (name !== undefined && value !== undefined) pairs.push([latin1(name).toLowerCase(), latin1(value)]);
  }
  return pairs;
}

/**
 * Header bytes as ISO-8859-1 text, as HTTP reads them (TextDecoder's `latin1` is windows-1252). A
 * loop: `String.fromCharCode(...bytes)` spreads every byte into an argument, ~5× slower.
 */
function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 1) text += String.fromCharCode(bytes[i] ?? 0);
  return text;
}
