/**
 * The shapes of the runtime client: what `createRuntimeClient` accepts (client-wide and per call)
 * and what it returns to generated endpoint functions. The behaviour lives in client.ts.
 */
import type { ApiPromise, ApiResult } from './api-promise.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { AuthOptions } from '../auth/options.js';
import type { CacheOptions, ResponseCacheFactory } from './cache-step.js';
import type { Hooks } from './hooks.js';
import type { LogLevel, Logger, MetricsSnapshot, ObserveEvent } from '../observe/observe.js';
import type { ResilienceOptions } from '../resilience/resilience.js';
import type { ResponseType } from '../transport/response.js';
import type { ReconnectOptions } from '../transport/event-stream-reconnect.js';
import type { ApiDescriptor, Clock, OperationDescriptor } from './descriptor.js';
import type { ValidateOptions } from '../validate/options.js';

export type { CacheOptions } from './cache-step.js';

export interface ClientOptions<TAuth = AuthOptions> {
  /** Overrides the spec's servers, e.g. `https://sandbox.example.com/v1`. */
  baseUrl?: string | undefined;
  /** One key per security scheme (the scheme's name in camelCase). */
  auth?: TAuth | undefined;
  /** A custom fetch (tests, proxies, mutual TLS). Defaults to the global fetch, looked up per call. */
  fetch?: typeof fetch | undefined;
  /** Sent with every request. */
  headers?: Record<string, string> | Headers | undefined;
  userAgent?: string | undefined;
  /** Per attempt, including reading the body (default 60 000). */
  timeoutMs?: number | undefined;
  /** Overall budget for a call across all attempts and waits. */
  deadlineMs?: number | undefined;
  retry?: ResilienceOptions['retry'];
  circuitBreaker?: ResilienceOptions['circuitBreaker'];
  rateLimit?: ResilienceOptions['rateLimit'];
  /** Where circuit-breaker and rate-limiter state lives (share one across processes). Default: in memory. */
  stateStore?: ResilienceOptions['stateStore'];
  /**
   * Private HTTP cache for GET and HEAD (RFC 9111): fresh answers without a request, stale ones
   * revalidated with ETag / Last-Modified. Off by default; `true` uses the defaults. A core client
   * (`createCoreClient`) takes `responseCache(options)`, which brings the cache's code with it.
   */
  cache?: boolean | CacheOptions | ResponseCacheFactory | undefined;
  /** Header carrying an idempotency key on every POST and PATCH, e.g. `Idempotency-Key`. */
  idempotencyHeader?: string | undefined;
  /**
   * Which calls get an idempotency key (reused on every retry, so a retried POST has one effect):
   * `'declared'` (default) where the spec declares the header; `'unsafe-methods'` every POST and
   * PATCH too (the default when `idempotencyHeader` is set); `false` none.
   */
  idempotency?: IdempotencyPolicy | undefined;
  logger?: Logger | undefined;
  /** Least severe level the logger receives. Default `info`. */
  logLevel?: LogLevel | undefined;
  /** Receives every attempt, retry, request, circuit and rate-limit event (already redacted). */
  onEvent?: ((event: ObserveEvent) => void) | undefined;
  hooks?: Hooks | undefined;
  /** Allow plain http to hosts other than loopback. */
  allowInsecureHttp?: boolean | undefined;
  /** Refuse request bodies larger than this, before sending. */
  maxRequestBytes?: number | undefined;
  /** Stop reading responses larger than this (default 50 MiB). */
  maxResponseBytes?: number | undefined;
  /** Default `X-Request-ID`. */
  requestIdHeader?: string | undefined;
  /** Values for the server URL's `{variables}`; the spec's defaults fill the rest. */
  serverVariables?: Record<string, string> | undefined;
  /** Injected time source (tests). */
  clock?: Clock | undefined;
  /** Injected randomness for jitter (tests). */
  random?: (() => number) | undefined;
  // Validation (runtime/validate/).
  /** Request validation (default on) and response validation (`off` / `warn` (default) / `strict`). */
  validate?: ValidateOptions | undefined;
}

export interface RequestOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  deadlineMs?: number | undefined;
  headers?: Record<string, string> | Headers | undefined;
  idempotencyKey?: string | undefined;
  requestId?: string | undefined;
  /** How to read a success body; by default from its Content-Type. */
  responseType?: ResponseType | undefined;
  /** One of the operation's request media types; the spec's first by default. */
  contentType?: string | undefined;
  baseUrl?: string | undefined;
  /** `false` bypasses the response cache for this call; `true` uses it even when the client's is off. */
  cache?: boolean | undefined;
  // Validation (runtime/validate/).
  /** Overrides the client's `validate` settings for this call, field by field. */
  validate?: ValidateOptions | undefined;
}

/** Where `execute` sends a next page instead of the operation's own URL, and whether credentials may go there. */
export interface PageTarget {
  readonly url: URL;
  readonly withCredentials: boolean;
}

/** One page as the client read it: the request's result plus the URL asked (before credentials). */
export type PageRun<T> = ApiResult<T> & { readonly url: URL };

export interface Client {
  readonly api: ApiDescriptor;
  /** The options the client was created with (read-only; `auth` is not enumerable). */
  readonly options: Readonly<ClientOptions<unknown>>;
  readonly metrics: { snapshot(): MetricsSnapshot };
  /** OAuth 2.0 helpers for app-driven flows (authorization URL, code exchange). */
  readonly oauth: Authenticator['oauth'];
  request<TData, TError = unknown>(
    op: OperationDescriptor,
    params: object | undefined,
    options?: RequestOptions,
  ): ApiPromise<TData, TError>;
  /**
   * One logical request, resolved to its data, response and request id: what `paginate()`
   * (pagination-step.ts) and `stream()` (stream-step.ts) build on. `target` replaces the URL (a
   * next page) and may forbid credentials.
   */
  execute<T>(
    op: OperationDescriptor,
    params: object | undefined,
    options: RequestOptions,
    target?: PageTarget,
  ): Promise<PageRun<T>>;
}

/** @internal Replaces pieces the client would otherwise build (tests; runtime modules). */
export interface ClientInternals {
  authenticator?: Authenticator;
}

/** Which requests carry an idempotency key (request/prepare.ts applies it). */
export type IdempotencyPolicy = 'declared' | 'unsafe-methods' | false;

/** Per-call options of a stream companion (client/stream-step.ts). */
export interface StreamOptions extends RequestOptions {
  /** Longest gap between two chunks before the stream fails with TimeoutError. Default 5 minutes. */
  idleTimeoutMs?: number | undefined;
  /** Event streams only: reconnect after a dropped connection, sending `Last-Event-ID`. Default off. */
  reconnect?: boolean | ReconnectOptions | undefined;
  /** Largest single event or line held in memory, in characters. Default 1 MiB. */
  maxEventLength?: number | undefined;
}

/** How a typed stream's payloads are decoded: `json` parses each event's data (or line); `text` keeps it. */
export type StreamDecoding = 'json' | 'text';
