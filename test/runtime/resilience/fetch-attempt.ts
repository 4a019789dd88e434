/**
 * A minimal attempt function on global fetch that fails the way the real transport does:
 * ConnectionError (outcomeUnknown false only when the connection was refused, i.e. nothing was
 * sent), TimeoutError for the per-attempt timeout, AbortError for the caller's signal. The body is
 * read inside the attempt, so a reset or stall mid-body is an attempt failure that can be retried.
 */
import { AbortError, ConnectionError, TimeoutError } from '../../../runtime/errors/errors.js';
import type { RequestContext } from '../../../runtime/client/descriptor.js';

export interface FetchAttemptInit {
  url: URL;
  method: string;
  body?: string;
  timeoutMs: number;
  ctx: RequestContext;
  /** Keys seen per attempt, to assert retries repeat the same Idempotency-Key. */
  sentKeys?: string[];
}

function codeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function mapError(error: unknown, timeout: AbortSignal, init: FetchAttemptInit): Error {
  const who = { requestId: init.ctx.requestId, operation: init.ctx.operation.id, cause: error };
  if (init.ctx.signal?.aborted) return new AbortError('aborted', who);
  if (timeout.aborted) return new TimeoutError(`attempt timed out after ${init.timeoutMs} ms`, who);
  const code = codeOf(error);
  const neverSent = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
  return new ConnectionError(`connection failed (${code ?? 'unknown'})`, { ...who, outcomeUnknown: !neverSent });
}

export function createFetchAttempt(init: FetchAttemptInit): (attempt: number) => Promise<Response> {
  return async () => {
    const timeout = AbortSignal.timeout(init.timeoutMs);
    const signal = init.ctx.signal === undefined ? timeout : AbortSignal.any([init.ctx.signal, timeout]);
    const headers = new Headers({ 'content-type': 'application/json', 'x-request-id': init.ctx.requestId });
    if (init.ctx.idempotencyKey !== undefined) headers.set('idempotency-key', init.ctx.idempotencyKey);
    init.sentKeys?.push(init.ctx.idempotencyKey ?? '');
    try {
      const response = await fetch(init.url, { method: init.method, headers, body: init.body ?? null, signal });
      const bytes = await response.arrayBuffer();
      const empty = response.status === 204 || response.status === 304;
      return new Response(empty ? null : bytes, { status: response.status, headers: response.headers });
    } catch (error) {
      throw mapError(error, timeout, init);
    }
  };
}
