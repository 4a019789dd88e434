/**
 * The client generated endpoint functions call: holds the options and runs each call through the
 * pipeline — build URL, headers and body → resilience (rate limit, breaker, retries) → per attempt:
 * auth → onRequest hooks → transport (timeout, abort, redirects) → one re-send after a 401 the
 * authenticator recovered from → onResponse hooks — then maps the status to data or a typed error.
 */
import { ApiPromise, type ApiResult } from './api-promise.js';
import { createAuthenticator, type AuthOptions, type Authenticator } from './auth/index.js';
import { systemClock } from './clock.js';
import { formatUserAgent, isBrowserLike } from './env.js';
import { formatHttpErrorMessage } from './error-format.js';
import { ApiwrightError, RateLimitError, RequestTooLargeError, ValidationError, attachRequestContext, errorClassForStatus } from './errors.js';
import { runErrorHooks, runRequestHooks, runResponseHooks, type HookContext, type Hooks } from './hooks.js';
import { createObserver, type Logger, type MetricsSnapshot, type Observer } from './observe.js';
import { serializeCookieParam, serializeHeaderParam } from './param-style.js';
import { encodeRequestBody, limitUpload, pickMediaType } from './request-body.js';
import { assertSecureUrl, buildRequestUrl, readParam, resolveBaseUrl } from './request-url.js';
import { createResilience, type ResilienceOptions } from './resilience.js';
import {
  bufferResponse,
  buildAcceptHeader,
  declaredMediaTypes,
  isSuccessStatus,
  parseRetryAfterMs,
  readErrorBody,
  readSuccessBody,
  type ReadContext,
  type ResponseType,
} from './response.js';
import { abortErrorFor, sendRequest } from './transport.js';
import type { ApiDescriptor, Clock, OperationDescriptor, PreparedRequest, RequestContext } from './types.js';
import { createUuid } from './uuid.js';

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
  /** Header carrying an idempotency key on every POST and PATCH, e.g. `Idempotency-Key`. */
  idempotencyHeader?: string | undefined;
  logger?: Logger | undefined;
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
}

export interface Client {
  readonly api: ApiDescriptor;
  /** The options the client was created with (read-only; `auth` is not enumerable). */
  readonly options: Readonly<ClientOptions<unknown>>;
  readonly metrics: { snapshot(): MetricsSnapshot };
  /** OAuth 2.0 helpers for app-driven flows (authorization URL, code exchange). */
  readonly oauth: Authenticator['oauth'];
  request<TData, TError = unknown>(op: OperationDescriptor, params: object | undefined, options?: RequestOptions): ApiPromise<TData, TError>;
}

/** @internal Replaces pieces the client would otherwise build (tests; runtime modules). */
export interface ClientInternals {
  authenticator?: Authenticator;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_RESPONSE_BYTES = 50 * 1024 * 1024;
const MAX_REDIRECTS = 10;

function setHeader(headers: Headers, name: string, value: string): void {
  try {
    headers.set(name, value);
  } catch {
    // Headers rejects CR, LF and NUL (which would split the request) and characters outside Latin-1.
    const issue = `header ${name} has a value that cannot be sent (line breaks or unsupported characters)`;
    throw new ValidationError(issue, { issues: [{ field: name, issue }] });
  }
}

function mergeHeaders(target: Headers, source: Record<string, string> | Headers | undefined): void {
  if (source === undefined) return;
  new Headers(source).forEach((value, name) => setHeader(target, name, value));
}

export function createRuntimeClient<TAuth extends object = AuthOptions>(
  api: ApiDescriptor,
  options: ClientOptions<TAuth> = {},
  internals: ClientInternals = {},
): Client {
  const clock = options.clock ?? systemClock;
  const callFetch: typeof fetch = (input, init) => (options.fetch ?? globalThis.fetch)(input, init);
  const authenticator =
    internals.authenticator ?? createAuthenticator(api, options.auth as AuthOptions | undefined, { fetch: callFetch, clock, allowInsecureHttp: options.allowInsecureHttp === true });
  const observer: Observer = createObserver({
    logger: options.logger,
    sensitiveHeaders: authenticator.sensitiveHeaders,
    sensitiveQueryParams: authenticator.sensitiveQueryParams,
  });
  const resilience = createResilience(
    { retry: options.retry, circuitBreaker: options.circuitBreaker, rateLimit: options.rateLimit },
    { clock, random: options.random ?? Math.random, observer },
  );
  const requestIdHeader = options.requestIdHeader ?? 'X-Request-ID';
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const allowInsecureHttp = options.allowInsecureHttp === true;

  function resolveIdempotency(op: OperationDescriptor, params: object | undefined, call: RequestOptions) {
    const clientWide = options.idempotencyHeader !== undefined && (op.method === 'POST' || op.method === 'PATCH');
    const header = op.idempotencyHeader ?? (clientWide ? options.idempotencyHeader : undefined);
    if (header === undefined) return undefined;
    const declared = op.params.find((p) => p.in === 'header' && p.name.toLowerCase() === header.toLowerCase());
    const fromParams = declared === undefined ? undefined : readParam(params, declared);
    const key = call.idempotencyKey ?? (typeof fromParams === 'string' ? fromParams : undefined) ?? createUuid();
    return { header, key };
  }

  async function prepare(op: OperationDescriptor, params: object | undefined, call: RequestOptions, ctx: RequestContext, idempotencyHeader: string | undefined): Promise<PreparedRequest> {
    const base = resolveBaseUrl(api, op, { baseUrl: call.baseUrl ?? options.baseUrl, serverVariables: options.serverVariables });
    const url = buildRequestUrl(base, op, params);
    assertSecureUrl(url, allowInsecureHttp);
    const headers = new Headers({ Accept: buildAcceptHeader(op) });
    if (!isBrowserLike()) setHeader(headers, 'User-Agent', options.userAgent ?? formatUserAgent(api));
    const prepared: PreparedRequest = { method: op.method, url, headers };

    const bodyKey = op.bodyKey ?? 'body';
    const bodyValue = params !== undefined && Object.hasOwn(params, bodyKey) ? (params as Record<string, unknown>)[bodyKey] : undefined;
    if (op.body !== undefined && bodyValue !== undefined) {
      if (op.method === 'GET' || op.method === 'HEAD') throw new ValidationError(`${op.method} ${op.path}: fetch cannot send a body with ${op.method}`);
      const encoded = await encodeRequestBody(bodyValue, pickMediaType(op.body, call.contentType), op.body.encoding);
      if (encoded.contentType !== undefined) headers.set('Content-Type', encoded.contentType);
      const limit = options.maxRequestBytes;
      const tooLarge = (): RequestTooLargeError =>
        new RequestTooLargeError(`${op.method} ${op.path}: request body exceeds maxRequestBytes (${limit} bytes)`, {
          limitBytes: limit ?? 0,
          requestId: ctx.requestId,
          operation: op.id,
        });
      if (limit !== undefined && encoded.bytes !== undefined && encoded.bytes > limit) throw tooLarge();
      prepared.body = limit !== undefined && encoded.body instanceof ReadableStream ? limitUpload(encoded.body, limit, tooLarge) : encoded.body;
      if (encoded.bytes !== undefined) prepared.bodyBytes = encoded.bytes;
    } else if (op.body?.required === true) {
      throw new ValidationError(`${op.method} ${op.path}: a request body is required`, { operation: op.id, issues: [{ field: 'body', issue: 'required' }] });
    }

    mergeHeaders(headers, options.headers);
    const cookies: string[] = [];
    for (const param of op.params) {
      if (param.in !== 'header' && param.in !== 'cookie') continue;
      const value = readParam(params, param);
      if (value === undefined) continue;
      const asContent = param.contentType === undefined ? value : JSON.stringify(value);
      if (param.in === 'header') setHeader(headers, param.name, serializeHeaderParam(asContent, param.explode));
      else cookies.push(...serializeCookieParam(param.name, asContent, param.explode));
    }
    if (cookies.length > 0) setHeader(headers, 'Cookie', [headers.get('Cookie'), ...cookies].filter((c) => c !== null && c !== '').join('; '));
    mergeHeaders(headers, call.headers);
    setHeader(headers, requestIdHeader, ctx.requestId);
    if (idempotencyHeader !== undefined && ctx.idempotencyKey !== undefined) setHeader(headers, idempotencyHeader, ctx.idempotencyKey);
    return prepared;
  }

  async function sendAttempt(prepared: PreparedRequest, ctx: RequestContext, call: RequestOptions, hookCtx: HookContext): Promise<Response> {
    const request: PreparedRequest = { method: prepared.method, url: new URL(prepared.url), headers: new Headers(prepared.headers) };
    if (prepared.body !== undefined) request.body = prepared.body;
    if (prepared.bodyBytes !== undefined) request.bodyBytes = prepared.bodyBytes;
    await authenticator.apply(request, ctx);
    const body = request.body ?? null;
    const streamed = body instanceof ReadableStream;
    if (streamed && body.locked) {
      throw new ValidationError(`${ctx.operation.method} ${ctx.operation.path}: a streamed request body cannot be sent twice`, {
        requestId: ctx.requestId,
        operation: ctx.operation.id,
      });
    }
    const init: RequestInit & { duplex?: 'half' } = { method: request.method, headers: request.headers, body };
    if (streamed) init.duplex = 'half';
    const built = new Request(request.url, init);
    const sent = await runRequestHooks(options.hooks, built, hookCtx);
    const replayable = body instanceof Uint8Array || (typeof Blob !== 'undefined' && body instanceof Blob) || body === null;
    return sendRequest(sent, {
      fetch: (input) => callFetch(input),
      clock,
      timeoutMs: call.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      deadline: ctx.deadline,
      signal: ctx.signal,
      maxRedirects: MAX_REDIRECTS,
      allowInsecureHttp,
      sensitiveHeaders: authenticator.sensitiveHeaders,
      sensitiveQueryParams: authenticator.sensitiveQueryParams,
      timeoutCoversBody: (response) => call.responseType !== 'stream' || !isSuccessStatus(ctx.operation, response.status),
      replayBody: sent === built && replayable ? (body as Uint8Array<ArrayBuffer> | Blob | null) : undefined,
      method: sent.method,
      pathTemplate: ctx.operation.path,
      requestId: ctx.requestId,
      operation: ctx.operation.id,
    });
  }

  async function runAttempt(prepared: PreparedRequest, ctx: RequestContext, call: RequestOptions, attempt: number): Promise<Response> {
    const hookCtx: HookContext = { ...ctx, attempt };
    let response = await sendAttempt(prepared, ctx, call, hookCtx);
    if (response.status === 401 && (await authenticator.onUnauthorized(ctx))) {
      await response.body?.cancel().catch(() => undefined);
      response = await sendAttempt(prepared, ctx, call, hookCtx);
    }
    if (call.responseType !== 'stream' || !isSuccessStatus(ctx.operation, response.status)) {
      response = await bufferResponse(response, readContext(ctx));
    }
    return runResponseHooks(options.hooks, response, hookCtx);
  }

  function readContext(ctx: RequestContext): ReadContext {
    const op = ctx.operation;
    return { method: op.method, pathTemplate: op.path, requestId: ctx.requestId, operation: op.id, maxBytes: maxResponseBytes };
  }

  async function mapResponse<T>(response: Response, ctx: RequestContext, call: RequestOptions): Promise<T> {
    const op = ctx.operation;
    const read = readContext(ctx);
    if (isSuccessStatus(op, response.status)) {
      return (await readSuccessBody(response, declaredMediaTypes(op, response.status), call.responseType, read)) as T;
    }
    const body = await readErrorBody(response, read);
    const ErrorClass = errorClassForStatus(response.status);
    const message = formatHttpErrorMessage(op.method, op.path, response.status, response.statusText, body);
    // Error headers are redacted copies: an error may be logged or inspected (SECURITY-CASES 20).
    const headers = observer.redactHeaders?.(response.headers) ?? response.headers;
    const error = new ErrorClass(message, { status: response.status, headers, body, requestId: ctx.requestId, operation: op.id });
    if (error instanceof RateLimitError) error.retryAfterMs = parseRetryAfterMs(response.headers, clock.now());
    throw error;
  }

  async function execute<T>(op: OperationDescriptor, params: object | undefined, call: RequestOptions): Promise<ApiResult<T>> {
    const started = clock.now();
    const requestId = call.requestId ?? (call.headers === undefined ? null : new Headers(call.headers).get(requestIdHeader)) ?? createUuid();
    const idempotency = resolveIdempotency(op, params, call);
    const deadlineMs = call.deadlineMs ?? options.deadlineMs;
    const ctx: RequestContext = {
      operation: op,
      requestId,
      ...(idempotency === undefined ? {} : { idempotencyKey: idempotency.key }),
      ...(call.signal === undefined ? {} : { signal: call.signal }),
      ...(deadlineMs === undefined ? {} : { deadline: started + deadlineMs }),
    };
    try {
      if (call.signal?.aborted === true) throw abortErrorFor(call.signal, `${op.method} ${op.path}`, { requestId, operation: op.id });
      const prepared = await prepare(op, params, call, ctx, idempotency?.header);
      const response = await resilience.execute(ctx, { method: op.method, url: prepared.url }, (attempt) => runAttempt(prepared, ctx, call, attempt));
      const data = await mapResponse<T>(response, ctx, call);
      return { data, response, requestId };
    } catch (thrown) {
      // Attempts and outcomes are logged by the resilience loop; here only the error's final form is decided.
      const error =
        !(thrown instanceof ApiwrightError) && call.signal?.aborted === true
          ? abortErrorFor(call.signal, `${op.method} ${op.path}`, { requestId, operation: op.id })
          : thrown;
      throw await runErrorHooks(options.hooks, attachRequestContext(error, requestId, op.id), ctx);
    }
  }

  const publicOptions: ClientOptions<TAuth> = { ...options };
  // Credentials stay reachable but out of console.log / util.inspect of the client.
  if (Object.hasOwn(publicOptions, 'auth')) Object.defineProperty(publicOptions, 'auth', { enumerable: false });
  Object.freeze(publicOptions);

  return {
    api,
    options: publicOptions,
    metrics: observer.metrics,
    oauth: authenticator.oauth,
    request<TData, TError = unknown>(op: OperationDescriptor, params: object | undefined, call: RequestOptions = {}): ApiPromise<TData, TError> {
      return new ApiPromise<TData, TError>(() => execute<TData>(op, params, call));
    },
  };
}
