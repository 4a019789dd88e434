/**
 * The client generated endpoint functions call: resolves the options once (settings.ts) and runs
 * each call through the pipeline — build URL, headers and body (request/prepare.ts) → response
 * cache (cache-step.ts) → resilience (rate limit, breaker, retries; resilience/resilience.ts) → per
 * attempt: auth → onRequest hooks → transport → one re-send after a 401 the authenticator recovered
 * from → onResponse hooks (attempt.ts) — then maps the status to data or a typed error.
 * `paginate()` adds page-by-page iteration (pagination-step.ts), `stream()` streamed bodies
 * (stream-step.ts).
 */
import { ApiPromise } from './api-promise.js';
import { createAuthenticator, type AuthOptions } from '../auth/index.js';
import { createAttemptRunner } from './attempt.js';
import { createClientCache } from './cache-step.js';
import { createPagedPromise, type PageRun, type PageTarget } from './pagination-step.js';
import type { Client, ClientInternals, ClientOptions, RequestOptions } from './options.js';
import { resolveSettings } from './settings.js';
import { ApiwrightError, attachRequestContext } from '../errors/errors.js';
import { runErrorHooks } from './hooks.js';
import { createObserver, type Observer } from '../observe/observe.js';
import { createKnownSecrets } from '../observe/known-secrets.js';
import type { PagedPromise } from '../pagination/paged-promise.js';
import { prepareRequest, resolveIdempotency, stripCredentials } from '../request/prepare.js';
import { transformRequest } from '../transform/transform.js';
import { createResilience } from '../resilience/resilience.js';
import { abortErrorFor } from '../transport/fetch-attempt.js';
import type { ApiDescriptor, OperationDescriptor, RequestContext } from './descriptor.js';
import { createUuid } from '../util/uuid.js';
import { mergeValidateOptions } from '../validate/options.js';
import { checkRequest } from '../validate/request.js';
import { openStream, streamAccept, type SendStreamRequest, type StreamDecoding, type StreamOptions } from './stream-step.js';
import { scopeStateStore, sharedStateOf } from '../stores/shared-state.js';

export type { CacheOptions, Client, ClientInternals, ClientOptions, RequestOptions } from './options.js';

export function createRuntimeClient<TAuth extends object = AuthOptions>(
  api: ApiDescriptor,
  options: ClientOptions<TAuth> = {},
  internals: ClientInternals = {},
): Client {
  const settings = resolveSettings(options);
  const { clock, transport } = settings;
  // Auth warnings (e.g. the deprecated password grant) go to the client's logger when it has one;
  // without a logger the authenticator's default (console.warn) keeps them visible.
  const logTo: { log?: Observer['log'] } = {};
  const warn =
    settings.observe.logger === undefined ? {} : { warn: (message: string) => logTo.log?.('warn', { message, event: 'auth' }) };
  // Shared state store (runtime/stores): its keys scoped to this API.
  const stateStore = scopeStateStore(options.stateStore, api.title);
  const authenticator =
    internals.authenticator ??
    createAuthenticator(api, options.auth as AuthOptions | undefined, {
      fetch: transport.fetch,
      clock,
      allowInsecureHttp: transport.allowInsecureHttp,
      stateStore,
      ...warn,
    });
  // Every credential value the client sends is remembered, so no error or log can echo it back.
  const knownSecrets = createKnownSecrets(authenticator.sensitiveHeaders, authenticator.sensitiveQueryParams);
  const observe = createObserver({
    ...settings.observe,
    sensitiveHeaders: authenticator.sensitiveHeaders,
    sensitiveQueryParams: authenticator.sensitiveQueryParams,
    scrubKnown: knownSecrets.scrub,
  });
  logTo.log = observe.log;
  // Shared state store (runtime/stores): fallbacks to local state and recoveries become events.
  sharedStateOf(stateStore)?.listen((notice) =>
    observe.event({ type: 'stateStore', ...notice, timestamp: new Date().toISOString() }),
  );
  const resilience = createResilience(
    { ...settings.resilience, stateStore },
    { clock, random: settings.random, observer: observe },
  );
  const attempts = createAttemptRunner({
    authenticator,
    observer: observe,
    hooks: settings.hooks,
    clock,
    ...transport,
    knownSecrets,
  });
  const cache = createClientCache(settings.cache, clock, authenticator.sensitiveHeaders, sharedStateOf(stateStore)?.cacheStore);

  /** One logical request; `target` replaces its URL (a next page) and may forbid credentials. */
  async function execute<T>(
    op: OperationDescriptor,
    params: object | undefined,
    call: RequestOptions,
    target?: PageTarget,
  ): Promise<PageRun<T>> {
    const started = clock.now();
    const requestId =
      call.requestId ??
      (call.headers === undefined ? null : new Headers(call.headers).get(settings.request.requestIdHeader)) ??
      createUuid();
    const idempotency = resolveIdempotency(op, params, call, settings.request);
    const deadlineMs = call.deadlineMs ?? settings.deadlineMs;
    const ctx: RequestContext = {
      operation: op,
      requestId,
      ...(idempotency === undefined ? {} : { idempotencyKey: idempotency.key }),
      ...(call.signal === undefined ? {} : { signal: call.signal }),
      ...(deadlineMs === undefined ? {} : { deadline: started + deadlineMs }),
    };
    try {
      if (call.signal?.aborted === true)
        throw abortErrorFor(call.signal, `${op.method} ${op.path}`, { requestId, operation: op.id });
      // Opt-in transformation (camelCase names, Date values) back to the wire form; a no-op without `op.transform`.
      const wireParams = transformRequest(op, params);
      const validation = call.validate === undefined ? settings.validate : mergeValidateOptions(settings.validate, call.validate);
      checkRequest(op, wireParams, validation, ctx);
      const prepared = await prepareRequest({
        api,
        settings: settings.request,
        op,
        params: wireParams,
        call,
        ctx,
        idempotencyHeader: idempotency?.header,
        url: target?.url,
      });
      const withCredentials = target?.withCredentials ?? true;
      if (!withCredentials) stripCredentials(prepared, authenticator.sensitiveHeaders, authenticator.sensitiveQueryParams);
      // The URL as asked, before an API-key query parameter is added: pagination reads and resends it.
      const url = new URL(prepared.url);
      const plan = { prepared, ctx, call, withCredentials };
      const response = await cache.run({
        prepared,
        use: call.cache,
        identity: () => (withCredentials ? authenticator.identity(ctx) : Promise.resolve([])),
        send: (conditional) =>
          resilience.execute(ctx, { method: op.method, url: prepared.url }, (attempt) =>
            attempts.run(plan, attempt, conditional),
          ),
      });
      const data = await attempts.mapResponse<T>(response, ctx, call, validation);
      return { data, response, requestId, url };
    } catch (thrown) {
      // Attempts and outcomes are logged by the resilience loop; here only the error's final form is decided.
      const error =
        !(thrown instanceof ApiwrightError) && call.signal?.aborted === true
          ? abortErrorFor(call.signal, `${op.method} ${op.path}`, { requestId, operation: op.id })
          : thrown;
      throw await runErrorHooks(settings.hooks, knownSecrets.scrubError(attachRequestContext(error, requestId, op.id)), ctx);
    }
  }

  const publicOptions: ClientOptions<TAuth> = { ...options };
  // Credentials stay reachable but out of console.log / util.inspect of the client.
  if (Object.hasOwn(publicOptions, 'auth')) Object.defineProperty(publicOptions, 'auth', { enumerable: false });
  Object.freeze(publicOptions);

  return {
    api,
    options: publicOptions,
    metrics: observe.metrics,
    oauth: authenticator.oauth,
    request<TData, TError = unknown>(
      op: OperationDescriptor,
      params: object | undefined,
      call: RequestOptions = {},
    ): ApiPromise<TData, TError> {
      return new ApiPromise<TData, TError>(() => execute<TData>(op, params, call));
    },
    paginate<TPage, TItem, TError = unknown>(
      op: OperationDescriptor,
      params: object | undefined,
      call: RequestOptions = {},
    ): PagedPromise<TPage, TItem, TError> {
      return createPagedPromise<TPage, TItem, TError>(op, (target) => execute<TPage>(op, params, call, target));
    },
    stream<T>(op: OperationDescriptor, params: object | undefined, call: StreamOptions = {}, decoding: StreamDecoding = 'text') {
      const send: SendStreamRequest = (extra) => {
        const headers = new Headers(call.headers);
        for (const [name, value] of Object.entries(extra)) headers.set(name, value);
        return new ApiPromise(() =>
          execute<ReadableStream<Uint8Array>>(op, params, { ...call, headers, responseType: 'stream' }),
        );
      };
      return openStream<T>(send, call, decoding, streamAccept(op));
    },
  };
}
