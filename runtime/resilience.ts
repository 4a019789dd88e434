/**
 * STUB (replaced by the resilience work): runs one attempt, no retry, breaker or limiter.
 * The interface below is the contract runtime/client.ts relies on; keep it.
 */
import type { Clock, RequestContext } from './types.js';
import type { Observer } from './observe.js';

export interface RetryOptions {
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}
export interface CircuitBreakerOptions {
  failureThreshold?: number;
  resetTimeoutMs?: number;
}
export interface RateLimitOptions {
  requestsPerSecond?: number;
  burst?: number;
}

export interface ResilienceOptions {
  retry?: RetryOptions | false | undefined;
  circuitBreaker?: CircuitBreakerOptions | false | undefined;
  rateLimit?: RateLimitOptions | false | undefined;
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
   * deadline ends. Resolves with the last Response (the caller maps error statuses), or rejects.
   */
  execute(ctx: RequestContext, target: AttemptTarget, attempt: (attemptNumber: number) => Promise<Response>): Promise<Response>;
}

export function createResilience(_options: ResilienceOptions, _deps: ResilienceDeps): Resilience {
  return {
    execute: (_ctx, _target, attempt) => attempt(1),
  };
}
