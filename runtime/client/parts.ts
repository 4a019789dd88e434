/**
 * The parts a core client can be handed (`createCoreClient(options, [retries, observability])`):
 * each is a constant naming the code it brings, so a bundle holds the code of the parts it names
 * and no other. The `createClient` facade hands in `defaultParts`. Options configure a part
 * (`retry: { maxRetries: 5 }`); an option whose part is missing is a ConfigurationError
 * (features.ts `missingPart`).
 */
import type { ClientFeatures } from './features.js';
import { createResilienceLoop } from '../resilience/resilience.js';
import { createRetryRules } from '../resilience/retry-rules.js';
import { createCircuitBreaker } from '../resilience/circuit-breaker.js';
import { createRateLimiter } from '../resilience/rate-limit.js';
import { createObserver } from '../observe/observe.js';
import { checkRequest } from '../validate/request.js';

/** One part: the features it adds to the client. */
export type ClientPart = ClientFeatures;

/** Retries with full-jitter backoff, server-asked waits and a retry budget (the `retry` option). */
export const retries: ClientPart = { resilience: createResilienceLoop, retry: createRetryRules };

/** A circuit breaker per origin (the `circuitBreaker` option). */
export const circuitBreaker: ClientPart = { resilience: createResilienceLoop, circuitBreaker: createCircuitBreaker };

/** Pauses learned from rate-limit headers, and a token bucket with `rateLimit.requestsPerSecond`. */
export const rateLimiter: ClientPart = { resilience: createResilienceLoop, rateLimiter: createRateLimiter };

/** The `logger`, `onEvent` and `metrics.snapshot()`. */
export const observability: ClientPart = { observe: createObserver };

/** Params and body checked against the spec before sending (the `validate.request` option). */
export const requestValidation: ClientPart = { checkRequest };

/** Every part: what `createClient` hands in. */
export const defaultParts: readonly ClientPart[] = [retries, circuitBreaker, rateLimiter, observability, requestValidation];
