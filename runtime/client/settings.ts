/**
 * The caller's `ClientOptions`, resolved once into one settings object per concern. The client
 * hands each stage only its own part (request building, transport, resilience, observation,
 * cache, validation), so no module below the client reads the caller's options bag or its
 * defaults.
 */
import type { ClientOptions } from './options.js';
import type { Clock } from './descriptor.js';
import type { RequestSettings } from '../request/prepare.js';
import type { ResilienceOptions } from '../resilience/resilience.js';
import { systemClock } from '../util/clock.js';
import { mergeValidateOptions, type ValidateOptions } from '../validate/options.js';

const DEFAULT_MAX_RESPONSE_BYTES = 52_428_800; // 50 MiB (a literal, so bundlers drop it when unused)

/** What every attempt is sent with. */
export interface TransportSettings {
  /** Every network call of the client goes through this fetch (also token requests). */
  fetch: typeof fetch;
  /** The caller's own `fetch` option, read per call; `undefined` means the platform's (transport/wire.ts). */
  ownFetch: () => typeof fetch | undefined;
  timeoutMs: number | undefined;
  maxResponseBytes: number;
  allowInsecureHttp: boolean;
}

/** Where logs, events and metrics go. */
export interface ObserveSettings {
  logger: ClientOptions['logger'];
  level: ClientOptions['logLevel'];
  onEvent: ClientOptions['onEvent'];
}

export interface ClientSettings {
  clock: Clock;
  random: () => number;
  request: RequestSettings;
  transport: TransportSettings;
  /** Retry, breaker and limiter options; the state store is scoped to the API by the client. */
  resilience: Omit<ResilienceOptions, 'stateStore'>;
  observe: ObserveSettings;
  cache: ClientOptions['cache'];
  /** With its defaults (request checks on, response drift `warn`); a call's `validate` overrides it. */
  validate: ValidateOptions;
  hooks: ClientOptions['hooks'];
  /** A call's default deadline (its own `deadlineMs` wins). */
  deadlineMs: number | undefined;
}

export function resolveSettings(options: ClientOptions<unknown>): ClientSettings {
  const allowInsecureHttp = options.allowInsecureHttp === true;
  // Read per call, so a fetch swapped in by a test or a polyfill after creation is still used.
  const callFetch: typeof fetch = (input, init) => (options.fetch ?? globalThis.fetch)(input, init);
  return {
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    request: {
      baseUrl: options.baseUrl,
      serverVariables: options.serverVariables,
      userAgent: options.userAgent,
      headers: options.headers,
      maxRequestBytes: options.maxRequestBytes,
      allowInsecureHttp,
      requestIdHeader: options.requestIdHeader ?? 'X-Request-ID',
      idempotencyHeader: options.idempotencyHeader,
      idempotency: options.idempotency,
    },
    transport: {
      fetch: callFetch,
      ownFetch: () => options.fetch,
      timeoutMs: options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      allowInsecureHttp,
    },
    resilience: { retry: options.retry, circuitBreaker: options.circuitBreaker, rateLimit: options.rateLimit },
    observe: { logger: options.logger, level: options.logLevel, onEvent: options.onEvent },
    cache: options.cache,
    validate: mergeValidateOptions(options.validate, undefined),
    hooks: options.hooks,
    deadlineMs: options.deadlineMs,
  };
}
