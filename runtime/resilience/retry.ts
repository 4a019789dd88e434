/**
 * Pure retry rules: should this attempt be retried, how long to wait (server-asked, read by
 * retry-after.ts, or backoff with full jitter), and the retry budget that bounds retry
 * amplification. No I/O, no clock of its own: every function takes `now` (ms since the epoch) and
 * `random` as arguments.
 */
import { isAbortError, isConnectionError, isTimeoutError } from '../errors/guards.js';
import { readServerWaitMs } from './retry-after.js';

// Re-exported: the header readers lived here before retry-after.ts was split out.
export {
  parseHttpDate,
  parseRetryAfter,
  readRateLimitHeaders,
  readRetryAfterHeader,
  readServerWaitMs,
  type RateLimitHeaderState,
} from './retry-after.js';

export interface RetryBudgetOptions {
  /** Tokens the budget starts with and can hold. Default 10. */
  capacity?: number | undefined;
  /** Tokens a successful attempt returns. Default 0.1. */
  refillPerSuccess?: number | undefined;
}

export interface RetryOptions {
  /** Retries after the first attempt. Default 2 (three attempts in all). */
  maxRetries?: number | undefined;
  /** Backoff cap of the first retry; doubles per retry. Default 500. */
  baseDelayMs?: number | undefined;
  /** Upper bound of any backoff delay. Default 8000. */
  maxDelayMs?: number | undefined;
  /** Statuses worth another attempt. Default 408, 429, 500, 502, 503, 504. */
  retryStatuses?: readonly number[] | undefined;
  /**
   * Longest server-asked wait (Retry-After, RateLimit reset) that is slept. A longer one fails at
   * once with a RateLimitError carrying `retryAfterMs`. Default 60,000.
   */
  maxRetryAfterMs?: number | undefined;
  /** Shared retry budget of one client (token bucket); `false` disables it. */
  budget?: RetryBudgetOptions | false | undefined;
}

export interface RetryPolicy {
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly retryStatuses: ReadonlySet<number>;
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_STATUSES: readonly number[] = [408, 429, 500, 502, 503, 504];

/** Fills in the defaults; negative or non-finite numbers fall back to them. */
export function resolveRetryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  const o = options === false ? { maxRetries: 0 } : (options ?? {});
  const pick = (value: number | undefined, fallback: number): number =>
    value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
  return {
    maxRetries: Math.floor(pick(o.maxRetries, 2)),
    baseDelayMs: pick(o.baseDelayMs, 500),
    maxDelayMs: pick(o.maxDelayMs, 8000),
    retryStatuses: new Set(o.retryStatuses ?? DEFAULT_RETRY_STATUSES),
    maxRetryAfterMs: pick(o.maxRetryAfterMs, 60_000),
  };
}

/**
 * Backoff before retry number `retryIndex` (0 = first retry): "full jitter", a uniform draw in
 * [0, min(maxDelay, base · 2^retryIndex)), which spreads synchronized clients best
 * (AWS Architecture Blog, "Exponential Backoff and Jitter", 2015).
 */
export function computeBackoffDelay(
  retryIndex: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retryIndex));
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return Math.floor(unit * ceiling);
}

/** RFC 9110 §9.2.2: methods whose repetition has the same effect as one request. */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

export type AttemptOutcome =
  | { readonly kind: 'response'; readonly status: number; readonly headers: Headers }
  | { readonly kind: 'error'; readonly error: unknown };

export interface RetryDecisionInput {
  readonly outcome: AttemptOutcome;
  readonly method: string;
  readonly hasIdempotencyKey: boolean;
  /** Retries already made for this request (0 after the first attempt). */
  readonly retriesSoFar: number;
  readonly policy: RetryPolicy;
  readonly now: number;
}

export type RetryDecision =
  | { readonly retry: true; readonly reason: string; readonly serverWaitMs?: number }
  | {
      readonly retry: false;
      readonly reason: string;
      /** Set when the server asked for a wait longer than `maxRetryAfterMs`. */
      readonly waitTooLongMs?: number;
    };

/**
 * Decides whether another attempt may follow. The order matters: safety first (an unsafe method
 * is never repeated unless the server could not have acted on it), then the server's explicit
 * `x-should-retry`, then the status list, then the count.
 */
export function decideRetry(input: RetryDecisionInput): RetryDecision {
  const { outcome, policy } = input;
  const repeatable = input.hasIdempotencyKey || isIdempotentMethod(input.method);
  const exhausted = input.retriesSoFar >= policy.maxRetries;

  if (outcome.kind === 'error') {
    const error = outcome.error;
    if (isAbortError(error)) return { retry: false, reason: 'aborted' };
    if (isConnectionError(error)) {
      // A connection that failed before the request was written cannot have had an effect.
      const unknown = (error as { outcomeUnknown?: unknown }).outcomeUnknown !== false;
      if (unknown && !repeatable) return { retry: false, reason: 'unsafe-method-outcome-unknown' };
      return exhausted ? { retry: false, reason: 'max-retries' } : { retry: true, reason: 'connection-error' };
    }
    if (isTimeoutError(error)) {
      if (!repeatable) return { retry: false, reason: 'unsafe-method-outcome-unknown' };
      return exhausted ? { retry: false, reason: 'max-retries' } : { retry: true, reason: 'timeout' };
    }
    return { retry: false, reason: 'not-retryable-error' };
  }

  // A success is final whatever its headers say.
  if (outcome.status < 400) return { retry: false, reason: 'success' };
  const override = outcome.headers.get('x-should-retry')?.trim().toLowerCase();
  if (override === 'false') return { retry: false, reason: 'server-said-no' };
  // `x-should-retry: true` is the server stating the request had no effect, so even an unsafe
  // method may be repeated (the convention of Stainless-generated SDKs).
  const serverSaidYes = override === 'true';
  if (!serverSaidYes) {
    if (!policy.retryStatuses.has(outcome.status)) return { retry: false, reason: 'status-not-retryable' };
    if (!repeatable) return { retry: false, reason: 'unsafe-method' };
  }
  const serverWaitMs = readServerWaitMs(outcome.headers, outcome.status, input.now);
  if (serverWaitMs !== undefined && serverWaitMs > policy.maxRetryAfterMs) {
    return { retry: false, reason: 'retry-after-too-long', waitTooLongMs: serverWaitMs };
  }
  if (exhausted) return { retry: false, reason: 'max-retries' };
  const reason = serverSaidYes ? 'server-said-yes' : `status-${outcome.status}`;
  return serverWaitMs === undefined ? { retry: true, reason } : { retry: true, reason, serverWaitMs };
}

export interface RetryBudget {
  /** Takes one token for a retry; false (and nothing taken) when fewer than one is left. */
  trySpend(): boolean;
  /** Returns `refillPerSuccess` tokens, up to the capacity. */
  recordSuccess(): void;
  readonly tokens: number;
}

/**
 * A token bucket shared by every request of one client (the gRPC retry-throttling design): a
 * retry costs 1 token, a successful attempt returns 0.1, the bucket starts full at 10.
 * Hence retries ≤ 10 + 0.1 · successes ≤ 10 + 0.1 · calls, i.e. attempts ≤ 1.1 · calls + 10 for
 * any failure pattern; at 100 % failure nothing refills and attempts ≤ calls + 10 (→ 1.0×).
 */
export function createRetryBudget(options: RetryBudgetOptions | false | undefined): RetryBudget {
  if (options === false) return { trySpend: () => true, recordSuccess: () => undefined, tokens: Infinity };
  const capacity = Math.max(0, options?.capacity ?? 10);
  const refill = Math.max(0, options?.refillPerSuccess ?? 0.1);
  let tokens = capacity;
  return {
    trySpend() {
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    recordSuccess() {
      // Rounded so that ten refills of 0.1 make exactly one token despite binary floating point.
      tokens = Math.min(capacity, Math.round((tokens + refill) * 1e9) / 1e9);
    },
    get tokens() {
      return tokens;
    },
  };
}
