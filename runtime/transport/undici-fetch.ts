/**
 * A `fetch` for Node servers built on undici — raw `undici.request()` is about 3× the throughput of
 * Node's global fetch on loopback, because it skips fetch's spec machinery (Request/Response
 * cloning, stream teeing, CORS and redirect bookkeeping the runtime does not use). The runtime stays
 * dependency-free: the app passes the undici module it already has (undici is an optional peer).
 *
 * Under a generated client it is not even called as fetch: the function carries a direct sender
 * (`WIRE_SEND`, wire.ts) that the transport uses instead — it dispatches on undici's Dispatcher
 * (undici-dispatch.ts: no Request, no Node or web stream, the body read whole under the same size
 * cap). Called as fetch (token requests, a hook's Request, or by the app itself), it goes through
 * `request()` and answers a Response like any fetch.
 *
 *   import * as undici from 'undici';
 *   const client = createClient({ fetch: createUndiciFetch(undici) });
 *
 * What the runtime needs from fetch and this gives: method, headers, body (string, bytes, Blob,
 * URLSearchParams, FormData, ReadableStream), the caller's AbortSignal, no redirect following (the
 * runtime follows redirects itself), and a Response whose body streams as it arrives. Failures are
 * fetch-shaped: `TypeError('fetch failed', { cause })` with undici's error (and its `code`) as cause.
 */

import { createDispatchSend, type UndiciDispatcher } from './undici-dispatch.js';
import { WIRE_SEND, type WireSend } from './wire.js';

/**
 * The undici module (or anything with its `request`). Typed loosely on purpose: undici's own
 * signature has many overloads across versions; the adapter calls it as `UndiciRequest` below.
 */
export interface UndiciLike {
  request: (...args: never[]) => unknown;
  /** undici's process-wide Dispatcher, which the direct sender uses when no `dispatcher` is given. */
  getGlobalDispatcher?: () => unknown;
}

/** How the adapter calls undici's `request()` (the part of undici 6/7 it relies on). */
interface UndiciApi {
  request(
    url: string | URL,
    options: {
      method: string;
      headers: Record<string, string | string[]>;
      body?: string | Uint8Array | FormData | AsyncIterable<Uint8Array> | null;
      signal?: AbortSignal;
      dispatcher?: unknown;
      maxRedirections?: number;
    },
  ): Promise<{
    statusCode: number;
    /** The reason phrase (undici 6.x and later). */
    statusText?: string;
    headers: Record<string, string | string[] | undefined>;
    body: UndiciBody;
  }>;
}

export interface UndiciFetchOptions {
  /** An undici Dispatcher (e.g. `new Agent({ connections: 128 })`); undici's global one by default. */
  dispatcher?: unknown;
}

/** undici's response body: a Node Readable. */
type UndiciBody = AsyncIterable<Uint8Array> & {
  destroy(error?: Error): unknown;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
};

/** Statuses whose response has no body (RFC 9110 §6.4.1), which `new Response()` refuses one for. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export function createUndiciFetch(undici: UndiciLike, options: UndiciFetchOptions = {}): typeof fetch {
  const api = undici as unknown as UndiciApi;
  const dispatcher = options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher };

  /** One request, no redirects followed; failures fetch-shaped. */
  const send = async (
    url: string | URL,
    method: string,
    headers: Headers,
    init: BodyInit | null,
    signal: AbortSignal | undefined,
  ) => {
    const record = toHeaderRecord(headers);
    const body = await toUndiciBody(init, record);
    try {
      return await api.request(url, {
        method,
        headers: record,
        body,
        ...(signal === undefined ? {} : { signal }),
        ...dispatcher,
      });
    } catch (cause) {
      if (signal?.aborted === true) throw signal.reason;
      throw new TypeError('fetch failed', { cause });
    }
  };

  const fetchOverUndici = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const request = input instanceof Request ? input : undefined;
    const url = input instanceof Request ? input.url : input instanceof URL ? input.href : input;
    const method = (init.method ?? request?.method ?? 'GET').toUpperCase();
    const signal = init.signal ?? request?.signal ?? undefined;
    const answer = await send(url, method, new Headers(init.headers ?? request?.headers), init.body ?? null, signal);
    const responseHeaders = new Headers();
    for (const [name, value] of headerPairs(answer.headers)) responseHeaders.append(name, value);
    const stream = NULL_BODY.has(answer.statusCode) || method === 'HEAD' ? null : toWebStream(answer.body);
    if (stream === null) drop(answer.body);
    return new Response(stream, { status: answer.statusCode, statusText: answer.statusText ?? '', headers: responseHeaders });
  };

  // Under a generated client: undici's dispatch() directly (undici-dispatch.ts), no Response, no
  // Readable. Without a Dispatcher (a module that is not undici) the transport calls it as a fetch.
  const direct = options.dispatcher ?? undici.getGlobalDispatcher?.();
  if (!isDispatcher(direct)) return fetchOverUndici;
  const wireSend: WireSend = createDispatchSend(direct, async (init) => {
    const headers = toHeaderRecord(init.headers);
    return { headers, body: await toUndiciBody(init.body, headers) };
  });
  return Object.assign(fetchOverUndici, { [WIRE_SEND]: wireSend });
}

function isDispatcher(value: unknown): value is UndiciDispatcher {
  return typeof (value as { dispatch?: unknown } | null | undefined)?.dispatch === 'function';
}

/** Destroys an unread body; the abort error it then emits is expected, so it is listened to. */
function drop(body: UndiciBody): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** undici's header object (lower-case names, a repeated header as an array) as name/value pairs. */
function headerPairs(headers: Record<string, string | string[] | undefined>): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const name in headers) {
    const value = headers[name];
    if (typeof value === 'string') pairs.push([name, value]);
    else if (value !== undefined) for (const item of value) pairs.push([name, item]);
  }
  return pairs;
}

function toHeaderRecord(headers: Headers): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  headers.forEach((value, name) => {
    record[name] = value;
  });
  // Headers joins several Set-Cookie values with ", ": send them as the separate lines they were.
  const cookies = headers.getSetCookie();
  if (cookies.length > 1) record['set-cookie'] = cookies;
  return record;
}

/** A fetch body as undici takes it; URLSearchParams and Blob set their Content-Type as fetch would. */
async function toUndiciBody(
  body: BodyInit | null,
  headers: Record<string, string | string[]>,
): Promise<string | Uint8Array | FormData | AsyncIterable<Uint8Array> | null> {
  if (body === null || typeof body === 'string' || body instanceof FormData) return body;
  if (body instanceof URLSearchParams) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=UTF-8';
    return body.toString();
  }
  if (body instanceof Blob) {
    if (body.type !== '') headers['content-type'] ??= body.type;
    return new Uint8Array(await body.arrayBuffer());
  }
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  return readableToIterable(body as ReadableStream<Uint8Array>);
}

async function* readableToIterable(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** undici's body as a web stream, pulled chunk by chunk; cancelling it destroys the socket's body. */
function toWebStream(body: UndiciBody): ReadableStream<Uint8Array> {
  const iterator = body[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done === true) controller.close();
        else controller.enqueue(next.value);
      } catch (cause) {
        controller.error(new TypeError('terminated', { cause }));
      }
    },
    cancel(reason) {
      body.destroy(reason instanceof Error ? reason : undefined);
    },
  });
}
