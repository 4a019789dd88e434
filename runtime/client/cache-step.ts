/**
 * The client's use of the response cache (cache.ts) around one logical request.
 *
 * - Off unless `ClientOptions.cache` is set; `RequestOptions.cache` overrides it per call (`false`
 *   bypasses, `true` uses a cache with the defaults even when the client's is off).
 * - Only GET and HEAD are looked up and stored; a successful unsafe request to a URL forgets what is
 *   stored for it (RFC 9111 §4.4). A call that sends its own If-None-Match / If-Modified-Since
 *   bypasses the cache, so it sees the server's 304 itself.
 * - The key includes a hash of the credentials the request would carry (the authenticator's
 *   `identity()` plus any credential header the caller set): different credentials never share an
 *   entry. Raw values are only ever hashed, never stored or logged.
 * - The request the cache sees is the one before credentials and before conditional headers.
 * - A fresh hit sends nothing: no attempt, no hooks, no request metrics.
 */
import {
  createResponseCache,
  hashIdentity,
  type CacheRequest,
  type ResponseCache,
  type ResponseCacheOptions,
} from '../cache/cache.js';
import type { Clock, PreparedRequest } from './descriptor.js';
import type { CacheStore } from '../cache/store.js';

export interface CachedSend {
  readonly prepared: PreparedRequest;
  /** Per-call override: `false` bypasses, `true` enables. */
  readonly use: boolean | undefined;
  /** Credential material this request will carry (hashed here). */
  identity(): Promise<readonly string[]>;
  /** Sends the request, with `conditional` headers added on top when revalidating. */
  send(conditional?: Headers): Promise<Response>;
}

export interface ClientCache {
  run(request: CachedSend): Promise<Response>;
}

/** How a client builds its cache from the `cache` option (features.ts): `createClientCache`. */
export type CacheSetup = (
  option: boolean | CacheOptions | undefined,
  clock: Clock,
  sensitiveHeaders: readonly string[],
  sharedStore?: CacheStore,
) => ClientCache;

/** A `cache` option that brings its own code: what `responseCache()` returns. */
/**
 * The response cache's settings. TTL (`ttlMs`, default 5 minutes) applies only when a response
 * states no freshness of its own; the client's clock is used.
 */
export type CacheOptions = Omit<ResponseCacheOptions, 'clock'>;

export type ResponseCacheFactory = (clock: Clock, sensitiveHeaders: readonly string[], sharedStore?: CacheStore) => ClientCache;

/**
 * `cache: responseCache({ ttlMs })` turns the response cache on for a core client
 * (`createCoreClient`), which carries no cache code otherwise; `createClient` also takes `cache: true`.
 */
export function responseCache(options: CacheOptions = {}): ResponseCacheFactory {
  return (clock, sensitiveHeaders, sharedStore) => createClientCache(options, clock, sensitiveHeaders, sharedStore);
}

const CACHED_METHODS = new Set(['GET', 'HEAD']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);
const CONDITIONAL_HEADERS = ['if-none-match', 'if-modified-since', 'if-match', 'if-unmodified-since', 'if-range'];
/** Credential headers a caller may set by hand; their values join the identity. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

export function createClientCache(
  option: boolean | CacheOptions | undefined,
  clock: Clock,
  sensitiveHeaders: readonly string[],
  /** Shared store (runtime/stores): entries every replica reads and revalidates. */
  sharedStore?: CacheStore,
): ClientCache {
  const enabledByDefault = option !== undefined && option !== false;
  const settings: CacheOptions = typeof option === 'object' ? option : {};
  let cache: ResponseCache | undefined;
  // Built on first use, so a per-call `cache: true` works on a client created without a cache.
  const store = settings.store ?? sharedStore;
  const instance = (): ResponseCache =>
    (cache ??= createResponseCache(Object.assign({}, settings, store === undefined ? { clock } : { clock, store })));

  const identityOf = async (request: CachedSend): Promise<string> => {
    const parts = [...(await request.identity())];
    for (const name of new Set([...CREDENTIAL_HEADERS, ...sensitiveHeaders.map((n) => n.toLowerCase())])) {
      const value = request.prepared.headers.get(name);
      if (value !== null) parts.push(`caller-header:${name}:${value}`);
    }
    return hashIdentity(parts);
  };

  return {
    async run(request) {
      const { prepared } = request;
      if (!(request.use ?? enabledByDefault)) return request.send();
      const snapshot: CacheRequest = {
        method: prepared.method,
        url: new URL(prepared.url),
        headers: new Headers(prepared.headers),
      };
      if (!CACHED_METHODS.has(prepared.method)) {
        const response = await request.send();
        const invalidates =
          !SAFE_METHODS.has(prepared.method) && cache !== undefined && response.status >= 200 && response.status < 400;
        return invalidates ? instance().store(snapshot, response, await identityOf(request)) : response;
      }
      if (CONDITIONAL_HEADERS.some((name) => prepared.headers.has(name))) return request.send();
      const identity = await identityOf(request);
      const found = await instance().lookup(snapshot, identity);
      if (found.kind === 'fresh') return found.response;
      if (found.kind === 'stale') {
        const response = await request.send(found.conditionalHeaders);
        if (response.status === 304) return instance().revalidated(snapshot, response, identity, found.entry);
        return instance().store(snapshot, response, identity);
      }
      return instance().store(snapshot, await request.send(), identity);
    },
  };
}
