/** Every optional part (features.ts): what `createRuntimeClient` gives a client that does not know its spec's needs. */
import { allSchemes } from '../auth/index.js';
import { transforms } from '../transform/support.js';
import { createClientCache } from './cache-step.js';
import type { ClientFeatures } from './features.js';
import { createResilienceLoop } from '../resilience/resilience.js';
import { createRetryRules } from '../resilience/retry-rules.js';
import { createCircuitBreaker } from '../resilience/circuit-breaker.js';
import { createRateLimiter } from '../resilience/rate-limit.js';
import { createObserver } from '../observe/observe.js';
import { checkRequest } from '../validate/request.js';
import { encodeBody } from '../request/body.js';

// Written out rather than spread from parts.ts: a literal of references stays pure for bundlers.
export const allFeatures: ClientFeatures = {
  auth: allSchemes,
  cache: createClientCache,
  transform: transforms,
  resilience: createResilienceLoop,
  retry: createRetryRules,
  circuitBreaker: createCircuitBreaker,
  rateLimiter: createRateLimiter,
  observe: createObserver,
  checkRequest,
  encodeBody,
};
