/**
 * Opt-in private response cache for safe methods (RFC 9111): fresh answers without a request,
 * stale ones revalidated with `If-None-Match` / `If-Modified-Since`, keyed by method, URL, the
 * caller's credential identity and the request headers named in `Vary`.
 *
 * The client calls it around the fetch:
 *   lookup() → 'fresh': use the response | 'stale': add the conditional headers, send, and on 304
 *   call revalidated() | 'miss': send; then always store() the response (it passes non-cacheable
 *   ones through, and invalidates the URL after a successful unsafe request, RFC 9111 §4.4).
 */
import { ApiwrightError } from '../errors/errors.js';
import type { Clock } from '../client/descriptor.js';
import { captureBody } from './body.js';
import {
  explainNotStorable,
  freshnessLifetime,
  parseCacheControl,
  readAge,
  readVary,
  requestForbidsStoredAnswer,
  requiresRevalidation,
  selectVaryValues,
  unstoredHeaders,
} from './cache-control.js';
import { createMemoryCacheStore, type CacheEntry, type CacheStore } from './store.js';
import { nameErrorClass } from '../errors/kinds.js';

export {
  createMemoryCacheStore,
  type CacheEntry,
  type CacheStore,
  type MemoryCacheStore,
  type MemoryCacheStoreOptions,
} from './store.js';

export interface CacheRequest {
  readonly method: string;
  readonly url: URL;
  /** The request headers as built before auth is applied (Vary is matched on them). */
  readonly headers: Headers;
}

export type CacheLookup =
  | { readonly kind: 'fresh'; readonly response: Response }
  /** Send the request with `conditionalHeaders`; on 304 pass `entry` to `revalidated()`. */
  | { readonly kind: 'stale'; readonly conditionalHeaders: Headers; readonly entry: CacheEntry }
  | { readonly kind: 'miss' };

export interface ResponseCacheOptions {
  /** Freshness when the response states none (no max-age, no Expires). Default 300,000 ms. */
  ttlMs?: number;
  /** For the default in-memory store: most entries (default 1,000) and bytes (default 32 MiB). */
  maxEntries?: number;
  maxBytes?: number;
  /** Bodies larger than this are never buffered for the cache. Default 4 MiB. */
  maxEntryBytes?: number;
  /** Replaces the in-memory store (then maxEntries/maxBytes are the store's business). */
  store?: CacheStore;
  clock?: Pick<Clock, 'now'>;
}

export interface ResponseCache {
  lookup(request: CacheRequest, identity: string): Promise<CacheLookup>;
  /** Stores `response` when cacheable and returns a response the caller can read (the original may be consumed). */
  store(request: CacheRequest, response: Response, identity: string): Promise<Response>;
  /** After a 304 to a conditional request: the stored body with the 304's headers, fresh again. */
  revalidated(request: CacheRequest, response304: Response, identity: string, entry?: CacheEntry): Promise<Response>;
  /** Forgets what is stored for a URL (GET and HEAD) under an identity. */
  invalidate(url: URL, identity: string): Promise<void>;
}

/** A 304 arrived but the stored response it refers to is gone (evicted meanwhile) and was not passed. */
export class CacheEntryMissingError extends ApiwrightError {
  static override readonly errorName: string = /* @__PURE__ */ nameErrorClass(this, 'CacheEntryMissingError');
  override readonly code: string = 'CACHE_ENTRY_MISSING';
}

/**
 * SHA-256 (hex) of `parts`, each length-prefixed so `['ab','c']` and `['a','bc']` differ. The client
 * hashes its auth material with this to get a cache identity: raw secrets are never keys.
 */
export async function hashIdentity(parts: readonly string[]): Promise<string> {
  const text = parts.map((part) => `${part.length}:${part}`).join('|');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const cacheableMethods = new Set(['GET', 'HEAD']);
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

export function createResponseCache(options: ResponseCacheOptions = {}): ResponseCache {
  const ttlMs = options.ttlMs ?? 300_000;
  const maxEntryBytes = options.maxEntryBytes ?? 4 * 1024 * 1024;
  const clock = options.clock ?? { now: () => Date.now() };
  const store =
    options.store ??
    createMemoryCacheStore({
      ...(options.maxEntries === undefined ? {} : { maxEntries: options.maxEntries }),
      ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
    });

  const keyOf = (method: string, url: URL, identity: string): Promise<string> => {
    const target = new URL(url.href);
    target.hash = '';
    return hashIdentity(['apiwright-cache-v1', identity, method.toUpperCase(), target.href]);
  };

  const save = async (key: string, entry: CacheEntry): Promise<void> => {
    const lifetimeLeft = entry.lifetimeMs - entry.initialAgeMs;
    // An entry that is stale at once and cannot be revalidated would never be used.
    if ((lifetimeLeft <= 0 || entry.alwaysRevalidate) && !hasValidator(entry)) return store.delete(key);
    await store.set(key, entry);
  };

  const invalidate = async (url: URL, identity: string): Promise<void> => {
    await Promise.all(['GET', 'HEAD'].map(async (method) => store.delete(await keyOf(method, url, identity))));
  };

  return {
    async lookup(request, identity) {
      const method = request.method.toUpperCase();
      if (!cacheableMethods.has(method) || request.headers.has('range')) return { kind: 'miss' };
      if (parseCacheControl(request.headers.get('cache-control')).has('no-store')) return { kind: 'miss' };
      const entry = await store.get(await keyOf(method, request.url, identity));
      if (entry === undefined || !matchesVary(entry, request.headers)) return { kind: 'miss' };
      const ageMs = entry.initialAgeMs + Math.max(0, clock.now() - entry.storedAt);
      const fresh = !entry.alwaysRevalidate && ageMs < entry.lifetimeMs && !requestForbidsStoredAnswer(request.headers, ageMs);
      if (fresh) return { kind: 'fresh', response: toResponse(entry, method, ageMs) };
      const conditionalHeaders = new Headers();
      const headers = new Headers(entry.headers as [string, string][]);
      const etag = headers.get('etag');
      const lastModified = headers.get('last-modified');
      // RFC 9110 §13.1.3: If-None-Match takes precedence; send both when both are known.
      if (etag !== null) conditionalHeaders.set('if-none-match', etag);
      if (lastModified !== null) conditionalHeaders.set('if-modified-since', lastModified);
      if (etag === null && lastModified === null) return { kind: 'miss' };
      return { kind: 'stale', conditionalHeaders, entry };
    },

    async store(request, response, identity) {
      const method = request.method.toUpperCase();
      if (!safeMethods.has(method)) {
        if (response.status >= 200 && response.status < 400)
          await invalidateAfterUnsafe(request.url, response, identity, invalidate);
        return response;
      }
      if (explainNotStorable(method, request.headers, response) !== undefined) return response;
      const captured = await captureBody(response, maxEntryBytes);
      if (!captured.complete) return rebuild(response, captured.stream);
      const vary = readVary(response.headers);
      const entry: CacheEntry = {
        status: response.status,
        statusText: response.statusText,
        headers: storableHeaders(response.headers),
        body: captured.bytes,
        url: response.url || request.url.href,
        storedAt: clock.now(),
        initialAgeMs: readAge(response.headers),
        lifetimeMs: freshnessLifetime(response.headers, ttlMs),
        alwaysRevalidate: requiresRevalidation(response.headers),
        vary: selectVaryValues(vary === '*' ? [] : vary, request.headers),
      };
      await save(await keyOf(method, request.url, identity), entry);
      return toResponse(entry, method, undefined, response.headers);
    },

    async revalidated(request, response304, identity, given) {
      const method = request.method.toUpperCase();
      const key = await keyOf(method, request.url, identity);
      const previous = given ?? (await store.get(key));
      await response304.body?.cancel();
      if (previous === undefined)
        throw new CacheEntryMissingError(
          'The cached response to revalidate is no longer stored; send the request again without conditional headers.',
        );
      // RFC 9111 §4.3.4: the stored header fields are updated with those of the 304.
      const merged = new Headers(previous.headers as [string, string][]);
      for (const [name, value] of storableHeaders(response304.headers)) merged.set(name, value);
      const entry: CacheEntry = {
        ...previous,
        headers: [...merged],
        storedAt: clock.now(),
        initialAgeMs: readAge(response304.headers),
        lifetimeMs: freshnessLifetime(merged, ttlMs),
        alwaysRevalidate: requiresRevalidation(merged),
      };
      if (explainNotStorable(method, request.headers, response304Like(entry, response304)) === undefined) await save(key, entry);
      else await store.delete(key);
      return toResponse(entry, method, entry.initialAgeMs);
    },

    invalidate,
  };
}

function hasValidator(entry: CacheEntry): boolean {
  return entry.headers.some(([name]) => name === 'etag' || name === 'last-modified');
}

function matchesVary(entry: CacheEntry, requestHeaders: Headers): boolean {
  const current = selectVaryValues(
    entry.vary.map(([name]) => name),
    requestHeaders,
  );
  return current.every(([, value], i) => value === entry.vary[i]?.[1]);
}

function storableHeaders(headers: Headers): [string, string][] {
  return [...headers].filter(([name]) => !unstoredHeaders.has(name));
}

/** The 304's cache directives judged with the stored status (a 304 itself is never "cacheable"). */
function response304Like(entry: CacheEntry, response304: Response): Response {
  return new Response(null, { status: entry.status === 204 ? 204 : 200, headers: response304.headers });
}

function toResponse(entry: CacheEntry, method: string, ageMs: number | undefined, original?: Headers): Response {
  const headers = original ? new Headers(original) : new Headers(entry.headers as [string, string][]);
  // The stored bytes are decoded: the encoding and the wire length no longer describe them.
  headers.delete('content-encoding');
  const noBody = method === 'HEAD' || entry.status === 204;
  if (!noBody) headers.set('content-length', String(entry.body.byteLength));
  if (ageMs !== undefined) headers.set('age', String(Math.floor(ageMs / 1000)));
  const response = new Response(noBody ? null : entry.body.slice(), {
    status: entry.status,
    statusText: entry.statusText,
    headers,
  });
  // Constructed responses have url ''; pagination resolves relative links against it.
  Object.defineProperty(response, 'url', { value: entry.url, enumerable: true });
  return response;
}

function rebuild(response: Response, body: ReadableStream<Uint8Array> | null): Response {
  const headers = new Headers(response.headers);
  if (headers.has('content-encoding')) {
    // fetch already decoded the body: neither header describes the bytes handed on.
    headers.delete('content-encoding');
    headers.delete('content-length');
  }
  const rebuilt = new Response(body, { status: response.status, statusText: response.statusText, headers });
  Object.defineProperty(rebuilt, 'url', { value: response.url, enumerable: true });
  return rebuilt;
}

/** RFC 9111 §4.4: a successful unsafe request invalidates its URL and same-origin Location / Content-Location. */
async function invalidateAfterUnsafe(
  url: URL,
  response: Response,
  identity: string,
  invalidate: (url: URL, identity: string) => Promise<void>,
): Promise<void> {
  const targets = [url];
  for (const name of ['location', 'content-location']) {
    const value = response.headers.get(name);
    if (value === null) continue;
    try {
      const target = new URL(value, url);
      if (target.origin === url.origin) targets.push(target);
    } catch {
      // An unparsable header names nothing to invalidate.
    }
  }
  await Promise.all(targets.map((target) => invalidate(target, identity)));
}
