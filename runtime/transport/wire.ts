/**
 * How one hop goes on the wire, with the fewest objects the fetch in use allows:
 * - the platform's fetch (no `fetch` option) is called as every library calls it, `fetch(url,
 *   init)` with the signal and `redirect: 'manual'` in `init`: fetch builds its one Request itself;
 * - a fetch marked with `WIRE_SEND` (the undici transport) is asked directly for status, headers
 *   and a body the transport reads once (no Request, no Response until the runtime needs one);
 * - any other fetch (the caller's own function, or an `onRequest` hook's Request) gets a Request
 *   carrying the signal and `redirect: 'manual'`, since a wrapper that reads only its Request would
 *   drop an `init` — and then follow redirects past the credential stripping.
 */
import type { Bytes } from '../util/bytes.js';
import type { AttemptCancel } from './attempt-cancel.js';

/** A request as the runtime builds it, before any fetch Request exists. */
export interface OutgoingRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body: BodyInit | null;
}

/** What a direct transport answers once headers arrive. */
export interface WireAnswer {
  readonly status: number;
  readonly statusText?: string;
  /** Name/value pairs as received (a repeated header appears once per line). */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  /** The whole body, or `undefined` as soon as it passes `maxBytes` (the connection is then dropped). */
  readAll(maxBytes: number): Promise<Bytes | undefined>;
  /** The body as a web stream, for a response the caller streams. */
  stream(): ReadableStream<Uint8Array>;
  /** Releases the connection without reading the body. */
  discard(): void;
}

export interface WireInit {
  readonly method: string;
  readonly headers: Headers;
  readonly body: BodyInit | null;
  /** What ends the attempt, as a signal: built when read, so a sender that takes `cancel` should not read it. */
  readonly signal?: AbortSignal | undefined;
  /** What ends the attempt, as a callback (attempt-cancel.ts); absent when an older runtime calls. */
  readonly cancel?: AttemptCancel | undefined;
}

/** Sends one hop without following redirects; rejects like fetch (`TypeError` with the socket error as `cause`). */
export type WireSend = (url: URL, init: WireInit) => Promise<WireAnswer>;

/** Shared by every runtime copy in a process (each generated client carries its own). */
export const WIRE_SEND: unique symbol = Symbol.for('apiwright.wire-send.v1');

export function wireSendOf(fetchFn: typeof fetch | undefined): WireSend | undefined {
  const send = (fetchFn as { [WIRE_SEND]?: unknown } | undefined)?.[WIRE_SEND];
  return typeof send === 'function' ? (send as WireSend) : undefined;
}

/** A fetch hop's whole init: the signal, the redirect mode, and `duplex` for a streamed upload. */
export function hopInit(
  request: OutgoingRequest,
  signal: AbortSignal | undefined,
  redirect: RequestRedirect,
): RequestInit & { duplex?: 'half' } {
  const init: RequestInit & { duplex?: 'half' } = { method: request.method, headers: request.headers, redirect };
  if (request.body !== null) init.body = request.body;
  if (signal !== undefined) init.signal = signal;
  if (request.body instanceof ReadableStream) init.duplex = 'half';
  return init;
}

/** The answer behind a Response built from a direct transport, until the transport consumes it. */
const pending = new WeakMap<Response, WireAnswer>();

/**
 * A body-less Response over a direct transport's answer (status, headers, url); its body stays
 * with the answer until the attempt reads it whole or streams it (fetch-attempt.ts).
 */
export function responseOfAnswer(answer: WireAnswer, url: URL): Response {
  const response = new Response(null, {
    status: answer.status,
    statusText: answer.statusText ?? '',
    headers: answer.headers as Array<[string, string]>,
  });
  Object.defineProperty(response, 'url', { value: url.href });
  pending.set(response, answer);
  return response;
}

/** The direct transport's answer whose body `response` has not taken yet. */
export function pendingAnswer(response: Response): WireAnswer | undefined {
  return pending.get(response);
}

/** The pending answer, which the caller now owns (and must read or discard). */
export function takeAnswer(response: Response): WireAnswer | undefined {
  const answer = pending.get(response);
  pending.delete(response);
  return answer;
}

/** Takes the answer's body as a web stream into a Response of its own (a streamed response). */
export function streamAnswer(response: Response, answer: WireAnswer): Response {
  pending.delete(response);
  const streamed = new Response(answer.stream(), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  Object.defineProperty(streamed, 'url', { value: response.url });
  return streamed;
}

/** Releases an unread body: the stream's, or a direct transport's connection. */
export async function discardBody(response: Response): Promise<void> {
  const answer = takeAnswer(response);
  if (answer !== undefined) {
    answer.discard();
    return;
  }
  await response.body?.cancel().catch(() => undefined);
}
