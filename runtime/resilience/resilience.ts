/**
 * The attempt loop: rate limit → circuit breaker → attempt → retry decision → wait, until a final
 * outcome, the retry count or budget runs out, the deadline would pass, or the caller aborts.
 * runtime/client.ts calls `createResilience(options, deps).execute(ctx, target, attempt)`.
 *
 * Defaults: retries on (2, full-jitter backoff 500 ms … 8 s, shared budget of 10 tokens); circuit
 * breaker on, one per origin; rate limiter learns pauses from response headers on every origin
 * and adds a token bucket only when `rateLimit.requestsPerSecond` is set. `false` turns a part off.
 */
import { readBodyCapped } from '../transport/capped-body.js';
import type { CircuitBreakerOptions, CircuitPermit, CircuitVerdict } from './circuit-breaker.js';
import { AbortError, ApiwrightError, RateLimitError, TimeoutError } from '../errors/errors.js';
import { isAbortError, isConnectionError, isTimeoutError } from '../errors/guards.js';
import type { Observer } from '../observe/observe.js';
import type { RateLimitOptions } from './rate-limit.js';
import { createRedactor } from '../observe/redact.js';
import { createGuards } from './guards.js';
import {
  computeBackoffDelay,
  createRetryBudget,
  decideRetry,
  resolveRetryPolicy,
  type AttemptOutcome,
  type RetryDecision,
  type RetryOptions,
} from './retry.js';
import { createMemoryStateStore, type StateStore } from './state-store.js';
import type { Clock, RequestContext } from '../client/descriptor.js';
import { shareRetryBudget } from '../stores/shared-retry-budget.js';

export type { RetryOptions } from './retry.js';
export type { CircuitBreakerOptions } from './circuit-breaker.js';
export type { RateLimitOptions } from './rate-limit.js';
export type { StateStore } from './state-store.js';

export interface ResilienceOptions {
  retry?: RetryOptions | false | undefined;
  circuitBreaker?: CircuitBreakerOptions | false | undefined;
  rateLimit?: RateLimitOptions | false | undefined;
  /** Where breaker and limiter state lives. Default: in memory, 10,000 keys, LRU. */
  stateStore?: StateStore | undefined;
}

export interface ResilienceDeps {
  clock: Clock;
  random: () => number;
  observer: Observer;
}

/** What one attempt of a request looks like, for logs and per-origin state. */
export interface AttemptTarget {
  method: string;
  url: URL;
}

export interface Resilience {
  /**
   * Runs `attempt` (auth + timeout + fetch + redirects, resolving with any Response, rejecting with
   * ConnectionError / TimeoutError / AbortError) until success, a final outcome, or the budget or
   * deadline ends. Resolves with the last Response (the caller maps error statuses), or rejects:
   * also with RateLimitError when the server asked for a wait above `maxRetryAfterMs` (429/503) or
   * the client-side limiter refused, CircuitOpenError when the breaker is open, TimeoutError when
   * the deadline would pass before the next attempt.
   */
  execute(ctx: RequestContext, target: AttemptTarget, attempt: (attemptNumber: number) => Promise<Response>): Promise<Response>;
}

function verdictOf(response: Response | undefined, error: unknown): CircuitVerdict {
  if (response !== undefined) return response.status >= 500 ? 'failure' : 'success';
  return isConnectionError(error) || isTimeoutError(error) ? 'failure' : 'ignore';
}

/** A discarded response must release its connection: cancel the body nobody will read. */
function discard(response: Response | undefined): void {
  response?.body?.cancel().catch(() => undefined);
}

export function createResilience(options: ResilienceOptions, deps: ResilienceDeps): Resilience {
  const { clock, random, observer } = deps;
  const policy = resolveRetryPolicy(options.retry);
  const store = options.stateStore ?? createMemoryStateStore({ now: () => clock.now() });
  const budgetOptions = options.retry === false ? false : options.retry?.budget;
  // Shared store (runtime/stores): one budget for every replica when the store can hold it.
  const budget = shareRetryBudget(createRetryBudget(budgetOptions), store, budgetOptions);
  const fallbackRedactor = createRedactor();
  const redactHeaders = (h: Headers): Headers => (observer.redactHeaders ?? fallbackRedactor.redactHeaders)(h);

  const { breaker, breakerOptions, limiter, limiterOptions } = createGuards(options, { clock, random, observer, store });

  /** Bookkeeping against a shared store must not turn a delivered response into a failure. */
  const safely = async (what: string, work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (error) {
      observer.log('warn', { message: `resilience state update failed (${what})`, error });
    }
  };

  const toAbortError = (ctx: RequestContext, cause: unknown): Error => {
    const reason: unknown = ctx.signal?.reason ?? cause;
    // An `AbortSignal.timeout()` signal aborts with a DOMException named TimeoutError.
    const timedOut = typeof reason === 'object' && reason !== null && (reason as { name?: unknown }).name === 'TimeoutError';
    // The transport's own AbortError / TimeoutError already says what was cut off and where; it is
    // kept when it agrees with the signal (the limiter's queue only knows "aborted", not why).
    if (cause instanceof ApiwrightError && (timedOut ? isTimeoutError(cause) : isAbortError(cause))) return cause;
    if (timedOut) {
      return new TimeoutError('Request timed out (caller signal)', {
        requestId: ctx.requestId,
        operation: ctx.operation.id,
        cause: reason,
      });
    }
    return new AbortError('Request aborted', { requestId: ctx.requestId, operation: ctx.operation.id, cause: reason });
  };

  const rateLimitErrorFor = async (
    ctx: RequestContext,
    target: AttemptTarget,
    response: Response,
    waitMs: number,
  ): Promise<RateLimitError> => {
    const error = new RateLimitError(
      `${target.method} ${observer.redactUrl(target.url)} answered ${response.status} asking to wait ${Math.ceil(waitMs)} ms, more than maxRetryAfterMs (${policy.maxRetryAfterMs} ms)`,
      {
        status: response.status,
        headers: redactHeaders(response.headers),
        body: await readBodyCapped(response),
        requestId: ctx.requestId,
        operation: ctx.operation.id,
      },
    );
    error.retryAfterMs = waitMs;
    return error;
  };

  const execute: Resilience['execute'] = async (ctx, target, attempt) => {
    const started = clock.now();
    const operation = ctx.operation.id;
    const who = { requestId: ctx.requestId, operation };
    const breakerKey = breakerOptions?.keyOf?.(target) ?? target.url.origin;
    const limiterKey = limiterOptions?.keyOf?.(target) ?? target.url.origin;
    const base = { method: target.method, url: target.url, requestId: ctx.requestId, operation };
    let attempts = 0;
    const report = (status: number | undefined, error: unknown): void =>
      observer.request?.({ ...base, attempts, durationMs: clock.now() - started, status, error });

    try {
      for (let n = 1; ; n += 1) {
        if (ctx.signal?.aborted) throw toAbortError(ctx, undefined);
        if (ctx.deadline !== undefined && clock.now() >= ctx.deadline) {
          throw new TimeoutError(`Deadline reached before attempt ${n}`, who);
        }
        try {
          await limiter?.acquire(limiterKey, { signal: ctx.signal, deadline: ctx.deadline, ...who });
        } catch (e) {
          throw ctx.signal?.aborted ? toAbortError(ctx, e) : e;
        }
        const permit: CircuitPermit | undefined = await breaker?.acquire(breakerKey, who);
        attempts = n;
        const t0 = clock.now();
        let response: Response | undefined;
        let error: unknown;
        try {
          response = await attempt(n);
        } catch (e) {
          error = e;
        }
        const durationMs = clock.now() - t0;
        if (permit !== undefined)
          await safely('circuit breaker', () => breaker?.record(permit, verdictOf(response, error)) ?? Promise.resolve());
        if (response !== undefined && limiter !== undefined) {
          const { status, headers } = response;
          await safely('rate limiter', () => limiter.learn(limiterKey, status, headers));
        }
        if (error !== undefined && ctx.signal?.aborted) {
          observer.attempt?.({ ...base, attempt: n, durationMs, error, willRetry: false });
          throw toAbortError(ctx, error);
        }

        const outcome: AttemptOutcome =
          response !== undefined
            ? { kind: 'response', status: response.status, headers: response.headers }
            : { kind: 'error', error };
        let decision: RetryDecision = decideRetry({
          outcome,
          method: target.method,
          hasIdempotencyKey: ctx.idempotencyKey !== undefined && ctx.idempotencyKey !== '',
          retriesSoFar: n - 1,
          policy,
          now: clock.now(),
        });
        if (response !== undefined && response.status < 500 && response.status !== 429 && response.status !== 408)
          budget.recordSuccess();
        let delayMs = 0;
        let deadlineHit = false;
        if (decision.retry) {
          delayMs = decision.serverWaitMs ?? computeBackoffDelay(n - 1, policy, random);
          if (ctx.deadline !== undefined && clock.now() + delayMs >= ctx.deadline) {
            deadlineHit = true;
            decision = { retry: false, reason: 'deadline' };
          } else if (!(await budget.trySpend())) decision = { retry: false, reason: 'retry-budget-exhausted' };
        }
        observer.attempt?.({ ...base, attempt: n, durationMs, status: response?.status, error, willRetry: decision.retry });
        if (response?.status === 429) {
          observer.event?.({
            type: 'rateLimited',
            source: 'server',
            key: limiterKey,
            waitMs: delayMs,
            rejected: !decision.retry,
            ...who,
          });
        }

        if (!decision.retry) {
          if (deadlineHit) {
            discard(response);
            throw new TimeoutError(`Deadline would pass before attempt ${n + 1} (waiting ${Math.ceil(delayMs)} ms)`, {
              ...who,
              cause: error,
            });
          }
          if (
            decision.waitTooLongMs !== undefined &&
            response !== undefined &&
            (response.status === 429 || response.status === 503)
          ) {
            throw await rateLimitErrorFor(ctx, target, response, decision.waitTooLongMs);
          }
          // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows the attempt's own failure unchanged
          if (error !== undefined) throw error;
          if (response === undefined) throw new TypeError('attempt() resolved without a Response');
          report(response.status, undefined);
          return response;
        }

        discard(response);
        observer.event?.({
          type: 'retry',
          method: target.method,
          url: observer.redactUrl(target.url),
          ...who,
          attempt: n,
          delayMs,
          reason: decision.reason,
        });
        if (delayMs > 0) {
          try {
            await clock.sleep(delayMs, ctx.signal);
          } catch (e) {
            throw toAbortError(ctx, e);
          }
        }
      }
    } catch (error) {
      const status = (error as { status?: unknown } | null)?.status;
      report(typeof status === 'number' ? status : undefined, error);
      throw error;
    }
  };

  return { execute };
}
