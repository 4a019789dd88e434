/**
 * One attempt on the wire: fetch with a per-attempt timeout and the overall deadline, the caller's
 * AbortSignal, redirects followed by hand (so credentials never cross origins), and failures mapped
 * to TimeoutError / AbortError / ConnectionError. The timeout covers the body too (a body that stalls
 * forever must end), except for streamed responses, which only the caller's signal can cancel.
 */
import { AbortError, ApiwrightError, ConnectionError, TimeoutError } from '../errors/errors.js';
import { connectionFailure, RedirectFailure, type WireProgress } from './outcome.js';
import { followRedirects, type RedirectPolicy } from './redirects.js';
import { discardBody, pendingAnswer, streamAnswer, type OutgoingRequest } from './wire.js';
import type { Clock } from '../client/descriptor.js';
import { startTimer } from '../util/clock.js';
import { createAttemptCancel } from './attempt-cancel.js';

export interface TransportOptions extends RedirectPolicy {
  readonly clock: Clock;
  readonly timeoutMs: number;
  /** Absolute clock time after which nothing more may happen. */
  readonly deadline?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  /** False for a response the caller will stream: the timer then stops once headers arrive. */
  readonly timeoutCoversBody: (response: Response) => boolean;
  /**
   * Reads a response the caller wants whole, under the attempt's timer, into a buffered Response;
   * `undefined` for one it will stream. Reading here, once, replaces wrapping the body in another
   * stream (one ReadableStream, one Response and a pull per chunk fewer on every buffered call).
   */
  readonly buffer?: ((response: Response) => Promise<Response> | undefined) | undefined;
  /** For error messages. */
  readonly method: string;
  readonly pathTemplate: string;
  readonly requestId: string;
  readonly operation: string;
}

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
    return new TimeoutError(`${label} timed out (the caller's signal)`, withCause(init, reason));
  }
  return new AbortError(`${label} was aborted`, withCause(init, reason));
}

/** An error's init: who asked, and why it failed. */
function withCause(
  init: { requestId: string; operation: string },
  cause: unknown,
): { requestId: string; operation: string; cause: unknown } {
  return { requestId: init.requestId, operation: init.operation, cause };
}

const noop = (): void => undefined;

/** Statuses whose response has no body (RFC 9110 §6.4.1). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * Sends `request` as one attempt: the runtime's own request (sent without building a Request when
 * the fetch allows, wire.ts), or an `onRequest` hook's Request. Resolves with whatever status the
 * server (or last redirect) gave.
 */
export async function sendRequest(request: Request | OutgoingRequest, options: TransportOptions): Promise<Response> {
  const label = `${options.method} ${options.pathTemplate}`;
  const init = { requestId: options.requestId, operation: options.operation };
  if (options.signal?.aborted === true) throw abortErrorFor(options.signal, label, init);
  const remaining = options.deadline === undefined ? Number.POSITIVE_INFINITY : options.deadline - options.clock.now();
  if (remaining <= 0) throw new TimeoutError(`${label} ran past its deadline`, init);
  const byDeadline = remaining < options.timeoutMs;
  const limit = Math.min(options.timeoutMs, remaining);

  // An infinite limit means no timer (useful with fake clocks whose sleeps return at once).
  const timed = Number.isFinite(limit);
  // Ended by the caller's signal or the timer; a fetch hop gets a signal, a direct transport a callback.
  const attempt = createAttemptCancel(options.signal, timed);
  let timedOut = false;
  const stopTimer = timed
    ? startTimer(options.clock, limit, () => {
        timedOut = true;
        attempt.end(new TimeoutError(`${label} timed out`, init));
      })
    : noop;
  const release = (): void => {
    stopTimer();
    attempt.dispose();
  };
  const sent = { method: options.method, hasBody: request.body !== null };
  const progress: WireProgress = { started: false, answered: false };

  /** Every failure of the attempt, whenever it happens, is classified here (outcome.ts). */
  const mapError = (error: unknown, afterHeaders: boolean): ApiwrightError => {
    if (options.signal?.aborted === true) return abortErrorFor(options.signal, label, init);
    if (timedOut) {
      const message = byDeadline ? `${label} ran past its deadline` : `${label} timed out after ${options.timeoutMs} ms`;
      return new TimeoutError(message, init);
    }
    const codes = collectCodes(error);
    if (error instanceof RedirectFailure) return connectionFailure(`${label} ${error.message}`, init, progress, codes, sent);
    const own = findRuntimeError(error);
    if (own instanceof ConnectionError) {
      const failure = connectionFailure(own.message, withCause(init, own.cause), progress, codes, sent);
      return own.outcomeUnknown && !failure.outcomeUnknown ? own : failure;
    }
    if (own !== undefined) return own;
    const reason = codes[0] ?? (error instanceof Error ? withoutUrls(error.message).slice(0, 200) : 'network error');
    const where = afterHeaders ? 'lost the connection while reading the response' : 'could not complete the request';
    // A cause whose message names a URL could carry a credential into util.inspect(error): leave it off.
    const leaks = error instanceof Error && withoutUrls(error.message) !== error.message;
    return connectionFailure(`${label} ${where} (${reason})`, withCause(init, leaks ? undefined : error), progress, codes, sent);
  };

  let response: Response;
  try {
    response = await followRedirects(request, attempt.cancel, options, progress);
  } catch (error) {
    release();
    throw mapError(error, false);
  }
  if (!options.timeoutCoversBody(response)) stopTimer();
  const answer = pendingAnswer(response);
  if (answer !== undefined && (options.method === 'HEAD' || NULL_BODY_STATUSES.has(response.status))) {
    await discardBody(response);
    release();
    return response;
  }
  if (answer === undefined && response.body === null) {
    release();
    return response;
  }
  const buffering = options.buffer?.(response);
  if (buffering === undefined) {
    const streamed = answer === undefined ? response : streamAnswer(response, answer);
    return guardBody(streamed, release, (error) => mapError(error, true));
  }
  try {
    return await buffering;
  } catch (error) {
    throw mapError(error, true);
  } finally {
    release();
  }
}

/** Re-wraps the body so the timer is released when it ends and read failures become runtime errors. */
function guardBody(response: Response, release: () => void, mapError: (error: unknown) => ApiwrightError): Response {
  const source = response.body;
  if (source === null || NULL_BODY_STATUSES.has(response.status)) {
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
