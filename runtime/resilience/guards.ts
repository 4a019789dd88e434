/**
 * The two guards in front of every attempt, built from the resilience options: the circuit breaker
 * (one per origin by default) and the client-side rate limiter, both reporting to the observer.
 */
import type { CircuitBreaker, CircuitBreakerOptions, createCircuitBreaker } from './circuit-breaker.js';
import type { Observer } from '../observe/observe.js';
import type { RateLimiter, RateLimitOptions, createRateLimiter } from './rate-limit.js';
import type { StateStore } from './state-store.js';
import type { Clock } from '../client/descriptor.js';

export interface Guards {
  breaker: CircuitBreaker | undefined;
  breakerOptions: CircuitBreakerOptions | undefined;
  limiter: RateLimiter | undefined;
  limiterOptions: RateLimitOptions | undefined;
}

/** The guards' code, handed in (client/parts.ts): a guard whose factory is missing is off. */
export interface GuardFactories {
  readonly circuitBreaker?: typeof createCircuitBreaker | undefined;
  readonly rateLimiter?: typeof createRateLimiter | undefined;
}

export interface GuardDeps {
  clock: Clock;
  random: () => number;
  observer: Observer;
  store: StateStore;
}

/** `false` (or no factory) turns a guard off; `undefined` means its defaults. */
export function createGuards(
  options: { circuitBreaker?: CircuitBreakerOptions | false | undefined; rateLimit?: RateLimitOptions | false | undefined },
  deps: GuardDeps,
  factories: GuardFactories,
): Guards {
  const { clock, random, observer, store } = deps;
  const { circuitBreaker: createBreaker, rateLimiter: createLimiter } = factories;
  const breakerOptions =
    options.circuitBreaker === false || createBreaker === undefined ? undefined : (options.circuitBreaker ?? {});
  const breaker: CircuitBreaker | undefined =
    breakerOptions === undefined || createBreaker === undefined
      ? undefined
      : createBreaker(breakerOptions, {
          clock,
          store,
          random,
          onChange: (c) =>
            observer.event?.({ type: 'circuit', key: c.key, from: c.from, to: c.to, timestamp: new Date(c.at).toISOString() }),
        });
  const limiterOptions = options.rateLimit === false || createLimiter === undefined ? undefined : (options.rateLimit ?? {});
  const limiter: RateLimiter | undefined =
    limiterOptions === undefined || createLimiter === undefined
      ? undefined
      : createLimiter(limiterOptions, {
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
