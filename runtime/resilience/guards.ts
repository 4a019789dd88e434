/**
 * The two guards in front of every attempt, built from the resilience options: the circuit breaker
 * (one per origin by default) and the client-side rate limiter, both reporting to the observer.
 */
import { createCircuitBreaker, type CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker.js';
import type { Observer } from '../observe/observe.js';
import { createRateLimiter, type RateLimiter, type RateLimitOptions } from './rate-limit.js';
import type { StateStore } from './state-store.js';
import type { Clock } from '../client/descriptor.js';

export interface Guards {
  breaker: CircuitBreaker | undefined;
  breakerOptions: CircuitBreakerOptions | undefined;
  limiter: RateLimiter | undefined;
  limiterOptions: RateLimitOptions | undefined;
}

export interface GuardDeps {
  clock: Clock;
  random: () => number;
  observer: Observer;
  store: StateStore;
}

/** `false` turns a guard off; `undefined` means its defaults. */
export function createGuards(
  options: { circuitBreaker?: CircuitBreakerOptions | false | undefined; rateLimit?: RateLimitOptions | false | undefined },
  deps: GuardDeps,
): Guards {
  const { clock, random, observer, store } = deps;
  const breakerOptions = options.circuitBreaker === false ? undefined : (options.circuitBreaker ?? {});
  const breaker: CircuitBreaker | undefined =
    breakerOptions === undefined
      ? undefined
      : createCircuitBreaker(breakerOptions, {
          clock,
          store,
          random,
          onChange: (c) =>
            observer.event?.({ type: 'circuit', key: c.key, from: c.from, to: c.to, timestamp: new Date(c.at).toISOString() }),
        });
  const limiterOptions = options.rateLimit === false ? undefined : (options.rateLimit ?? {});
  const limiter: RateLimiter | undefined =
    limiterOptions === undefined
      ? undefined
      : createRateLimiter(limiterOptions, {
          clock,
          store,
          onLimited: (n) =>
            observer.event?.({
              type: 'rateLimited',
              source: 'client',
              key: n.key,
              waitMs: n.waitMs,
              rejected: n.rejected,
              ...(n.requestId === undefined ? {} : { requestId: n.requestId }),
              ...(n.operation === undefined ? {} : { operation: n.operation }),
            }),
        });
  return { breaker, breakerOptions, limiter, limiterOptions };
}
