/**
 * The attempt loop: rate limit → circuit breaker → attempt → retry decision → wait, until a final
 * outcome, the retry count or budget runs out, the deadline would pass, or the caller aborts.
 * client/client.ts calls `createResilienceLoop(options, deps, parts).execute(ctx, target, attempt)` (its `resilience` feature).
 *
 * Defaults: retries on (2, full-jitter backoff 500 ms … 8 s, shared budget of 10 tokens); circuit
 * breaker on, one per origin; rate limiter learns pauses from response headers on every origin
 * and adds a token bucket only when `rateLimit.requestsPerSecond` is set. `false` turns a part off,
 * and so does leaving its code out (`createResilienceLoop`'s parts; client/parts.ts).
 */
import { readBodyCapped } from '../transport/capped-body.js';
import { createCircuitBreaker, type CircuitBreakerOptions, type CircuitPermit, type CircuitVerdict } from './circuit-breaker.js';
import { RateLimitError, TimeoutError } from '../errors/errors.js';
import { isConnectionError, isTimeoutError } from '../errors/guards.js';
import type { Observer } from '../observe/observe.js';
import { createRateLimiter, type RateLimitOptions } from './rate-limit.js';
import { createRedactor } from '../observe/redact.js';
import { createGuards, type GuardFactories } from './guards.js';
import type { AttemptOutcome, RetryDecision, RetryOptions } from './retry.js';
import { createRetryRules, type RetrySupport } from './retry-rules.js';
import { createMemoryStateStore, type StateStore } from './state-store.js';
import type { Clock, RequestContext } from '../client/descriptor.js';
import {
  attemptInfo,
  requestInfo,
  type AttemptResult,
  type AttemptTarget,
  type CallState,
  type LoopDecision,
} from './loop-state.js';
import { abortErrorOf } from './abort-error.js';

export type { RetryOptions } from './retry.js';
export type { CircuitBreakerOptions } from './circuit-breaker.js';
export type { RateLimitOptions } from './rate-limit.js';
export type { StateStore } from './state-store.js';
export type { AttemptTarget } from './loop-state.js';

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

/** The loop's parts (client/parts.ts): retry rules, circuit breaker, rate limiter; a missing one is off. */
export interface ResilienceParts extends GuardFactories {
  readonly retry?: RetrySupport | undefined;
}

/** Builds the attempt loop of one client from the parts it was given. */
export type ResilienceSupport = (options: ResilienceOptions, deps: ResilienceDeps, parts: ResilienceParts) => Resilience;

/** The loop with every part: retries, breaker and limiter, each on unless its option is `false`. */
export function createResilience(options: ResilienceOptions, deps: ResilienceDeps): Resilience {
  return createResilienceLoop(options, deps, {
    retry: createRetryRules,
    circuitBreaker: createCircuitBreaker,
    rateLimiter: createRateLimiter,
  });
}

const noRetry: RetryDecision = { retry: false, reason: 'retries-off' };

export const createResilienceLoop: ResilienceSupport = (options, deps, parts) => {
  const { clock, random, observer } = deps;
  const store = options.stateStore ?? createMemoryStateStore({ now: () => clock.now() });
  const rules = parts.retry?.(options.retry, store, random);
  const fallbackRedactor = createRedactor();
  const redactHeaders = (h: Headers): Headers => (observer.redactHeaders ?? fallbackRedactor.redactHeaders)(h);

  const { breaker, breakerOptions, limiter, limiterOptions } = createGuards(options, { clock, random, observer, store }, parts);

  /** Bookkeeping against a shared store must not turn a delivered response into a failure. */
  const safely = async (what: string, work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (error) {
      observer.log('warn', { message: `resilience state update failed (${what})`, error });
    }
  };

  /**
   * One logical request through the loop, in four named steps per attempt:
   * acquire (deadline, limiter, breaker) → attempt (send, record the outcome with both guards) →
   * decide (retry policy, deadline, budget) → finish (return or throw) or wait and go round again.
   */
  const execute: Resilience['execute'] = async (ctx, target, attempt) => {
    const call = startCall(ctx, target);
    try {
      for (let n = 1; ; n += 1) {
        const permit = await acquire(call, n);
        const result = await runAttempt(call, n, permit, attempt);
        const decision = await decide(call, n, result);
        if (!decision.retry) return await finish(call, result, decision);
        await waitBeforeRetry(call, n, result, decision);
      }
    } catch (error) {
      const status = (error as { status?: unknown } | null)?.status;
      call.report(typeof status === 'number' ? status : undefined, error);
      throw error;
    }
  };

  function startCall(ctx: RequestContext, target: AttemptTarget): CallState {
    const started = clock.now();
    const who = { requestId: ctx.requestId, operation: ctx.operation.id };
    const call: CallState = {
      ctx,
      target,
      who,
      breakerKey: breakerOptions?.keyOf?.(target) ?? target.url.origin,
      limiterKey: limiterOptions?.keyOf?.(target) ?? target.url.origin,
      attempts: 0,
      report: (status, error) => observer.request?.(requestInfo(call, clock.now() - started, status, error)),
    };
    return call;
  }

  /** Step 1: no attempt after an abort or the deadline; then the limiter's slot and the breaker's permit. */
  async function acquire(call: CallState, n: number): Promise<CircuitPermit | undefined> {
    const { ctx, who } = call;
    if (ctx.signal?.aborted) throw abortErrorOf(ctx, undefined);
    if (ctx.deadline !== undefined && clock.now() >= ctx.deadline) {
      throw new TimeoutError(`Deadline reached before attempt ${n}`, who);
    }
    try {
      await limiter?.acquire(call.limiterKey, {
        signal: ctx.signal,
        deadline: ctx.deadline,
        requestId: who.requestId,
        operation: who.operation,
      });
    } catch (e) {
      throw ctx.signal?.aborted ? abortErrorOf(ctx, e) : e;
    }
    return breaker?.acquire(call.breakerKey, who);
  }

  /** Step 2: send once; both guards learn from what came back, whatever it was. */
  async function runAttempt(
    call: CallState,
    n: number,
    permit: CircuitPermit | undefined,
    attempt: (attemptNumber: number) => Promise<Response>,
  ): Promise<AttemptResult> {
    call.attempts = n;
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
      await safely('rate limiter', () => limiter.learn(call.limiterKey, status, headers));
    }
    if (error !== undefined && call.ctx.signal?.aborted) {
      observer.attempt?.(attemptInfo(call, n, durationMs, undefined, error, false));
      throw abortErrorOf(call.ctx, error);
    }
    return { response, error, durationMs };
  }

  /** Step 3: the retry policy's answer, then the deadline's and the budget's; reported either way. */
  async function decide(call: CallState, n: number, result: AttemptResult): Promise<LoopDecision> {
    const { response, error } = result;
    const outcome: AttemptOutcome =
      response !== undefined
        ? { kind: 'response', status: response.status, headers: response.headers }
        : { kind: 'error', error };
    const decision: RetryDecision =
      rules === undefined
        ? noRetry
        : rules.decide({
            outcome,
            method: call.target.method,
            hasIdempotencyKey: call.ctx.idempotencyKey !== undefined && call.ctx.idempotencyKey !== '',
            retriesSoFar: n - 1,
            policy: rules.policy,
            now: clock.now(),
          });
    if (response !== undefined && response.status < 500 && response.status !== 429 && response.status !== 408)
      rules?.budget.recordSuccess();
    let retry = decision.retry;
    let reason = decision.reason;
    let delayMs = 0;
    let deadlineHit = false;
    if (decision.retry && rules !== undefined) {
      delayMs = decision.serverWaitMs ?? rules.backoffMs(n - 1);
      const deadline = call.ctx.deadline;
      if (deadline !== undefined && clock.now() + delayMs >= deadline) {
        deadlineHit = true;
        retry = false;
        reason = 'deadline';
      } else if (!(await rules.budget.trySpend())) {
        retry = false;
        reason = 'retry-budget-exhausted';
      }
    }
    observer.attempt?.(attemptInfo(call, n, result.durationMs, response?.status, error, retry));
    if (response?.status === 429) {
      observer.event?.({
        type: 'rateLimited',
        source: 'server',
        key: call.limiterKey,
        waitMs: delayMs,
        rejected: !retry,
        requestId: call.who.requestId,
        operation: call.who.operation,
      });
    }
    const waitTooLongMs = decision.retry ? undefined : decision.waitTooLongMs;
    return { retry, reason, delayMs, deadlineHit, waitTooLongMs };
  }

  /** Step 4: the final outcome — the response, or the error that explains why there is no other attempt. */
  async function finish(call: CallState, result: AttemptResult, decision: LoopDecision): Promise<Response> {
    const { response, error } = result;
    if (decision.deadlineHit) {
      discard(response);
      throw new TimeoutError(
        `Deadline would pass before attempt ${call.attempts + 1} (waiting ${Math.ceil(decision.delayMs)} ms)`,
        { requestId: call.who.requestId, operation: call.who.operation, cause: error },
      );
    }
    if (decision.waitTooLongMs !== undefined && response !== undefined && (response.status === 429 || response.status === 503)) {
      throw await rateLimitErrorFor(call, response, decision.waitTooLongMs);
    }
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows the attempt's own failure unchanged
    if (error !== undefined) throw error;
    if (response === undefined) throw new TypeError('attempt() resolved without a Response');
    call.report(response.status, undefined);
    return response;
  }

  /** Between attempts: release the discarded response, say why we retry, and wait (abortable). */
  async function waitBeforeRetry(call: CallState, n: number, result: AttemptResult, decision: LoopDecision): Promise<void> {
    discard(result.response);
    observer.event?.({
      type: 'retry',
      method: call.target.method,
      url: observer.redactUrl(call.target.url),
      requestId: call.who.requestId,
      operation: call.who.operation,
      attempt: n,
      delayMs: decision.delayMs,
      reason: decision.reason,
    });
    if (decision.delayMs <= 0) return;
    try {
      await clock.sleep(decision.delayMs, call.ctx.signal);
    } catch (e) {
      throw abortErrorOf(call.ctx, e);
    }
  }

  async function rateLimitErrorFor(call: CallState, response: Response, waitMs: number): Promise<RateLimitError> {
    const { target, ctx } = call;
    const error = new RateLimitError(
      `${target.method} ${observer.redactUrl(target.url)} answered ${response.status} asking to wait ${Math.ceil(waitMs)} ms, more than maxRetryAfterMs (${rules?.policy.maxRetryAfterMs} ms)`,
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
  }

  return { execute };
};
