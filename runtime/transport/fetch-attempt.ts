/**
 * One attempt on the wire: fetch with a per-attempt timeout and the overall deadline, the caller's
 * AbortSignal, redirects followed by hand (so credentials never cross origins), and failures mapped
 * to TimeoutError / AbortError / ConnectionError. The timeout covers the body too (a body that stalls
 * forever must end), except for streamed responses, which only the caller's signal can cancel.
 */
import { isBrowserLike } from '../util/env.js';
import { AbortError, ApiwrightError, ConnectionError, TimeoutError } from '../errors/errors.js';
import { assertSecureUrl } from '../request/url.js';
import type { Clock } from '../client/descriptor.js';
import type { Bytes } from '../util/bytes.js';

export interface TransportOptions {
  readonly fetch: (request: Request) => Promise<Response>;
  readonly clock: Clock;
  readonly timeoutMs: number;
  /** Absolute clock time after which nothing more may happen. */
  readonly deadline?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly maxRedirects: number;
  readonly allowInsecureHttp: boolean;
  /** Dropped, with Authorization, Cookie and Proxy-Authorization, when a redirect changes origin or drops to http. */
  readonly sensitiveHeaders: readonly string[];
  readonly sensitiveQueryParams: readonly string[];
  /** False for a response the caller will stream: the timer then stops once headers arrive. */
  readonly timeoutCoversBody: (response: Response) => boolean;
  /** The body to send again on 307/308; `undefined` means "clone the request". */
  readonly replayBody?: Bytes | Blob | null | undefined;
  /** For error messages. */
  readonly method: string;
  readonly pathTemplate: string;
  readonly requestId: string;
  readonly operation: string;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const ALWAYS_SENSITIVE = ['authorization', 'cookie', 'proxy-authorization'];
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/** Error codes (undici, Node, Bun) that prove the request never reached the server. */
const NEVER_REACHED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ConnectionRefused',
  'FailedToOpenSocket',
]);

function collectCodes(error: unknown, depth = 0): string[] {
  if (typeof error !== 'object' || error === null || depth > 4) return [];
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof record.code === 'string' ? [record.code] : [];
  const nested = Array.isArray(record.errors) ? record.errors.flatMap((e) => collectCodes(e, depth + 1)) : [];
  return [...own, ...nested, ...collectCodes(record.cause, depth + 1)];
}

/** Some fetch implementations put the full URL (query and all) in their messages; keep only origins. */
function withoutUrls(text: string): string {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"<>]+/gi, (found) => {
    try {
      return new URL(found).origin;
    } catch {
      return '[url]';
    }
  });
}

/** A runtime error fetch wrapped (e.g. an upload stream failing with RequestTooLargeError becomes its `cause`). */
function findRuntimeError(error: unknown): ApiwrightError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    if (current instanceof ApiwrightError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The error for a caller's aborted signal: TimeoutError when the signal is a timeout
 * (`AbortSignal.timeout()` aborts with a DOMException named TimeoutError), else AbortError.
 */
export function abortErrorFor(
  signal: AbortSignal,
  label: string,
  init: { requestId: string; operation: string },
): ApiwrightError {
  const reason: unknown = signal.reason;
  if (typeof reason === 'object' && reason !== null && (reason as { name?: unknown }).name === 'TimeoutError') {
    return new TimeoutError(`${label} timed out (the caller's signal)`, { ...init, cause: reason });
  }
  return new AbortError(`${label} was aborted`, { ...init, cause: reason });
}

function linkSignals(controller: AbortController, caller: AbortSignal | undefined): { signal: AbortSignal; dispose: () => void } {
  if (caller === undefined) return { signal: controller.signal, dispose: () => undefined };
  const any = (AbortSignal as { any?: (signals: AbortSignal[]) => AbortSignal }).any;
  if (typeof any === 'function') return { signal: any.call(AbortSignal, [caller, controller.signal]), dispose: () => undefined };
  const onAbort = (): void => controller.abort(caller.reason);
  if (caller.aborted) onAbort();
  else caller.addEventListener('abort', onAbort, { once: true });
  return { signal: controller.signal, dispose: () => caller.removeEventListener('abort', onAbort) };
}

/** Sends `request` as one attempt. Resolves with whatever status the server (or last redirect) gave. */
export async function sendRequest(request: Request, options: TransportOptions): Promise<Response> {
  const label = `${options.method} ${options.pathTemplate}`;
  const init = { requestId: options.requestId, operation: options.operation };
  if (options.signal?.aborted === true) throw abortErrorFor(options.signal, label, init);
  const remaining = options.deadline === undefined ? Number.POSITIVE_INFINITY : options.deadline - options.clock.now();
  if (remaining <= 0) throw new TimeoutError(`${label} ran past its deadline`, init);
  const byDeadline = remaining < options.timeoutMs;
  const limit = Math.min(options.timeoutMs, remaining);

  const controller = new AbortController();
  const linked = linkSignals(controller, options.signal);
  const timer = new AbortController();
  let timedOut = false;
  // An infinite limit means no timer (useful with fake clocks whose sleeps return at once).
  if (Number.isFinite(limit))
    void options.clock.sleep(limit, timer.signal).then(
      () => {
        timedOut = true;
        controller.abort(new TimeoutError(`${label} timed out`, init));
      },
      () => undefined,
    );
  const stopTimer = (): void => timer.abort();
  const release = (): void => {
    stopTimer();
    linked.dispose();
  };
  const hasBody = request.body !== null;

  const mapError = (error: unknown, afterHeaders: boolean): ApiwrightError => {
    if (options.signal?.aborted === true) return abortErrorFor(options.signal, label, init);
    if (timedOut) {
      const message = byDeadline ? `${label} ran past its deadline` : `${label} timed out after ${options.timeoutMs} ms`;
      return new TimeoutError(message, init);
    }
    const own = findRuntimeError(error);
    if (own !== undefined) return own;
    const codes = collectCodes(error);
    const neverReached = !afterHeaders && codes.some((code) => NEVER_REACHED.has(code));
    const outcomeUnknown = !neverReached && (afterHeaders || hasBody || !SAFE_METHODS.has(options.method));
    const reason = codes[0] ?? (error instanceof Error ? withoutUrls(error.message).slice(0, 200) : 'network error');
    const where = afterHeaders ? 'lost the connection while reading the response' : 'could not complete the request';
    // A cause whose message names a URL could carry a credential into util.inspect(error): leave it off.
    const leaks = error instanceof Error && withoutUrls(error.message) !== error.message;
    return new ConnectionError(`${label} ${where} (${reason})`, { ...init, cause: leaks ? undefined : error, outcomeUnknown });
  };

  let response: Response;
  try {
    response = await followRedirects(request, linked.signal, options);
  } catch (error) {
    release();
    throw mapError(error, false);
  }
  if (!options.timeoutCoversBody(response)) stopTimer();
  if (response.body === null) {
    release();
    return response;
  }
  return guardBody(response, release, (error) => mapError(error, true));
}

/** Re-wraps the body so the timer is released when it ends and read failures become runtime errors. */
function guardBody(response: Response, release: () => void, mapError: (error: unknown) => ApiwrightError): Response {
  const source = response.body;
  if (source === null || [101, 103, 204, 205, 304].includes(response.status)) {
    release();
    return response;
  }
  const reader = source.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          release();
          controller.close();
        } else {
          controller.enqueue(value);
        }
      } catch (error) {
        const mapped = mapError(error);
        release();
        controller.error(mapped);
      }
    },
    cancel(reason) {
      release();
      return reader.cancel(reason);
    },
  });
  const wrapped = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  Object.defineProperty(wrapped, 'url', { value: response.url });
  Object.defineProperty(wrapped, 'redirected', { value: response.redirected });
  return wrapped;
}

function stripSensitive(headers: Headers, url: URL, options: TransportOptions): void {
  for (const name of [...ALWAYS_SENSITIVE, ...options.sensitiveHeaders]) headers.delete(name);
  const sensitiveQuery = new Set(options.sensitiveQueryParams.map((n) => n.toLowerCase()));
  for (const key of [...url.searchParams.keys()]) if (sensitiveQuery.has(key.toLowerCase())) url.searchParams.delete(key);
}

/**
 * Follows 301/302/303/307/308 (RFC 9110 §15.4, Fetch §4.4 HTTP-redirect fetch): at most `maxRedirects`,
 * 303 (and 301/302 after POST) become GET without a body, and on a change of origin or an
 * https → http downgrade every credential header and credential query parameter is dropped for good.
 */
async function followRedirects(first: Request, signal: AbortSignal, options: TransportOptions): Promise<Response> {
  const browser = isBrowserLike();
  // In browsers, manual mode yields an opaque response; the browser applies the same stripping itself.
  const redirect: RequestRedirect = browser ? 'follow' : 'manual';
  const spare = options.replayBody === undefined && first.body !== null ? first.clone() : undefined;
  let replay: Bytes | Blob | null = options.replayBody ?? null;
  let current = new Request(first, { signal, redirect });
  let stripped = false;
  try {
    for (let hop = 0; ; hop += 1) {
      const response = await options.fetch(current);
      if (response.type === 'opaqueredirect') {
        throw new ConnectionError(
          `${options.method} ${options.pathTemplate} was redirected, which this environment cannot follow`,
          {
            requestId: options.requestId,
            operation: options.operation,
          },
        );
      }
      const location = response.headers.get('location');
      if (browser || !REDIRECT_STATUSES.has(response.status) || location === null) return response;
      await response.body?.cancel().catch(() => undefined);
      if (hop >= options.maxRedirects) {
        throw new ConnectionError(
          `${options.method} ${options.pathTemplate} was redirected more than ${options.maxRedirects} times`,
          {
            requestId: options.requestId,
            operation: options.operation,
          },
        );
      }
      const from = new URL(current.url);
      const next = new URL(location, from);
      if (next.protocol !== 'https:' && next.protocol !== 'http:') {
        throw new ConnectionError(
          `${options.method} ${options.pathTemplate} was redirected to an unsupported scheme ${next.protocol}`,
          {
            requestId: options.requestId,
            operation: options.operation,
          },
        );
      }
      assertSecureUrl(next, options.allowInsecureHttp);
      const toGet =
        (response.status === 303 && current.method !== 'HEAD') ||
        ((response.status === 301 || response.status === 302) && current.method === 'POST');
      const method = toGet ? 'GET' : current.method;
      const headers = new Headers(current.headers);
      if (toGet) for (const name of BODY_HEADERS) headers.delete(name);
      if (next.origin !== from.origin || (from.protocol === 'https:' && next.protocol === 'http:')) stripped = true;
      if (stripped) stripSensitive(headers, next, options);
      let body: Bytes | Blob | null = null;
      if (!toGet && current.body !== null) {
        if (replay === null && spare !== undefined) replay = new Uint8Array(await spare.arrayBuffer());
        if (replay === null) {
          throw new ConnectionError(
            `${options.method} ${options.pathTemplate} got a ${response.status} redirect, but a streamed body cannot be sent twice`,
            {
              requestId: options.requestId,
              operation: options.operation,
            },
          );
        }
        body = replay;
      }
      current = new Request(next, { method, headers, body, signal, redirect });
    }
  } finally {
    if (spare !== undefined && !spare.bodyUsed) void spare.body?.cancel().catch(() => undefined);
  }
}
