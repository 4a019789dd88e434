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
import type { AuthOptions } from '../auth/options.js';
import { createAuthenticatorFor } from '../auth/authenticator.js';
import { createAttemptRunner } from './attempt.js';
import type { ClientCache } from './cache-step.js';
import type { PageRun, PageTarget } from './options.js';
import { missingPart, type ClientFeatures } from './features.js';
import type { Client, ClientInternals, ClientOptions, RequestOptions } from './options.js';
import { resolveSettings } from './settings.js';
import { ApiwrightError, ConfigurationError, attachRequestContext } from '../errors/errors.js';
import { runErrorHooks } from './hooks.js';
import type { Observer } from '../observe/observe.js';
import { createQuietObserver } from '../observe/quiet.js';
import { createKnownSecrets } from '../observe/known-secrets.js';
import { prepareRequest, resolveIdempotency, stripCredentials } from '../request/prepare.js';
import { createSingleAttempt } from '../resilience/single-attempt.js';
import { abortErrorFor } from '../transport/fetch-attempt.js';
import type { ApiDescriptor, Clock, OperationDescriptor, RequestContext } from './descriptor.js';
import type { CacheStore } from '../cache/store.js';
import { createUuid } from '../util/uuid.js';
import { mergeValidateOptions } from '../validate/options.js';
import { scopeStateStore, sharedStateOf } from '../stores/shared-state.js';

export type { CacheOptions, Client, ClientInternals, ClientOptions, RequestOptions } from './options.js';
export type { ClientFeatures } from './features.js';
export type { ClientPart } from './parts.js';

/**
 * The client with only the optional parts in `given` (features.ts; a list is merged, later entries
 * winning): what generated clients call, so a bundle carries the scheme kinds, cache, transform and
 * parts (parts.ts) the client was given and nothing else.
 */
export function createClientCore<TAuth extends object = AuthOptions>(
  api: ApiDescriptor,
  options: ClientOptions<TAuth>,
  given: ClientFeatures | readonly ClientFeatures[],
  internals: ClientInternals = {},
): Client {
  const features = isFeatureList(given) ? given.reduce<ClientFeatures>((all, part) => ({ ...all, ...part }), {}) : given;
  const missing = missingPart(options, features);
  if (missing !== undefined) throw new ConfigurationError(missing);
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
    createAuthenticatorFor(
      api,
      options.auth as AuthOptions | undefined,
      { fetch: transport.fetch, clock, allowInsecureHttp: transport.allowInsecureHttp, stateStore, ...warn },
      features.auth ?? [],
    );
  // Every credential value the client sends is remembered, so no error or log can echo it back.
  const knownSecrets = createKnownSecrets(authenticator.sensitiveHeaders, authenticator.sensitiveQueryParams);
  const observe = (features.observe ?? createQuietObserver)(
    Object.assign({}, settings.observe, {
      sensitiveHeaders: authenticator.sensitiveHeaders,
      sensitiveQueryParams: authenticator.sensitiveQueryParams,
      scrubKnown: knownSecrets.scrub,
    }),
  );
  logTo.log = (level, record) => observe.log(level, record);
  // Shared state store (runtime/stores): fallbacks to local state and recoveries become events.
  sharedStateOf(stateStore)?.listen((notice) =>
    observe.event?.(Object.assign({ type: 'stateStore' as const, timestamp: new Date().toISOString() }, notice)),
  );
  // The attempt loop when a retry, breaker or limiter part was handed in (parts.ts), else one attempt per call.
  const resilience =
    features.resilience?.(
      Object.assign({}, settings.resilience, { stateStore }),
      { clock, random: settings.random, observer: observe },
      features,
    ) ?? createSingleAttempt(clock, observe);
  const attempts = createAttemptRunner(
    Object.assign(
      { authenticator, observer: observe, hooks: settings.hooks, clock, knownSecrets, transform: features.transform },
      transport,
    ),
  );
  const cache = createCache(
    settings.cache,
    features,
    clock,
    authenticator.sensitiveHeaders,
    sharedStateOf(stateStore)?.cacheStore,
  );

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
    // Filled field by field: no throwaway objects from conditional spreads on every call.
    const ctx: { -readonly [K in keyof RequestContext]: RequestContext[K] } = { operation: op, requestId };
    if (idempotency !== undefined) ctx.idempotencyKey = idempotency.key;
    if (call.signal !== undefined) ctx.signal = call.signal;
    if (deadlineMs !== undefined) ctx.deadline = started + deadlineMs;
    try {
      if (call.signal?.aborted === true)
        throw abortErrorFor(call.signal, `${op.method} ${op.path}`, { requestId, operation: op.id });
      // Opt-in transformation (camelCase names, Date values) back to the wire form; a no-op without `op.transform`.
      const wireParams = features.transform === undefined ? params : features.transform.request(op, params);
      const validation = call.validate === undefined ? settings.validate : mergeValidateOptions(settings.validate, call.validate);
      features.checkRequest?.(op, wireParams, validation, ctx);
      const prepared = await prepareRequest({
        api,
        settings: settings.request,
        op,
        params: wireParams,
        call,
        ctx,
        idempotencyHeader: idempotency?.header,
        url: target?.url,
        encodeBody: features.encodeBody,
      });
      const withCredentials = target?.withCredentials ?? true;
      if (!withCredentials) stripCredentials(prepared, authenticator.sensitiveHeaders, authenticator.sensitiveQueryParams);
      // The URL as asked, before an API-key query parameter is added: pagination reads and resends it.
      // Not copied: from here on nothing writes to `prepared.url` (attempts and the cache copy it).
      const url = prepared.url;
      const plan = { prepared, ctx, call, withCredentials };
      const send = (conditional?: Headers): Promise<Response> =>
        resilience.execute(ctx, { method: op.method, url: prepared.url }, (attempt) => attempts.run(plan, attempt, conditional));
      if (cache === undefined && call.cache === true) throw noCache(ctx);
      const response = await (cache === undefined
        ? send()
        : cache.run({
            prepared,
            use: call.cache,
            identity: () => (withCredentials ? authenticator.identity(ctx) : Promise.resolve([])),
            send,
          }));
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
    execute,
  };
}

function isFeatureList(given: ClientFeatures | readonly ClientFeatures[]): given is readonly ClientFeatures[] {
  return Array.isArray(given);
}

/** The client's response cache: the option's own factory (`responseCache()`), else the cache feature, else none. */
function createCache(
  option: ClientOptions<unknown>['cache'],
  features: ClientFeatures,
  clock: Clock,
  sensitiveHeaders: readonly string[],
  sharedStore: CacheStore | undefined,
): ClientCache | undefined {
  if (typeof option === 'function') return option(clock, sensitiveHeaders, sharedStore);
  if (features.cache !== undefined) return features.cache(option, clock, sensitiveHeaders, sharedStore);
  if (option === undefined || option === false) return undefined;
  throw new ConfigurationError(noCacheMessage);
}

const noCacheMessage =
  'This client has no response cache code: pass `cache: responseCache(options)` (from the runtime), or use createClient';

function noCache(ctx: RequestContext): ConfigurationError {
  return new ConfigurationError(noCacheMessage, { requestId: ctx.requestId, operation: ctx.operation.id });
}
