/**
 * A StateStore in Redis, so every replica of a service shares one rate limit, one circuit breaker,
 * one retry budget, one OAuth token, one response cache and one set of webhook replay ids:
 *
 * ```ts
 * const client = createClient({ stateStore: redisStore(fromIoredis(redis), { prefix: 'myapp', name: 'billing' }) });
 * ```
 *
 * Keys: `<prefix>:<API title>:<client name>:<kind>:<key>` (the client scopes the store to its API).
 * Atomic work runs as Lua scripts (lua.ts), one round trip each. Failure: every operation is bounded
 * by `operationTimeoutMs`; a failure switches to local state (fail-open: the limiter and breaker
 * keep working per process), reports a `stateStore` fallback event, and retries Redis every
 * `retryIntervalMs` until it answers again (store-guard.ts).
 */
import { createMemoryStateStore } from '../resilience/state-store.js';
import { createTokenCodec } from './codec.js';
import { countingClient, createScriptRunner, type RedisClientLike } from './redis-client.js';
import {
  createSharedBreaker,
  createSharedCacheStore,
  createSharedLock,
  createSharedRateLimit,
  createSharedRetryBudget,
  createSharedTokenStore,
  type GuardedCall,
  type SharedParts,
} from './redis-shared.js';
import type { SharedState, SharedStateStore, StateStoreNotice } from './shared-state.js';
import { createStoreGuard, type StoreStats } from './store-guard.js';

export interface RedisStoreOptions {
  /** First segment of every key. Default `apiwright`. */
  prefix?: string | undefined;
  /** Which client (credential set, tenant) the state belongs to. Default `default`. */
  name?: string | undefined;
  /** Longest wait for one store operation before local state is used. Default 250 ms. */
  operationTimeoutMs?: number | undefined;
  /** After a failure, how long operations stay local before Redis is tried again. Default 1,000 ms. */
  retryIntervalMs?: number | undefined;
  /** Seals OAuth tokens with AES-256-GCM (use 32 random bytes). Without it tokens are stored as JSON. */
  tokenEncryptionKey?: string | Uint8Array | undefined;
  /** Share OAuth tokens and the token fetch lock. Default true. */
  shareTokens?: boolean | undefined;
  /** Share response-cache entries (when the client's cache is on). Default true. */
  shareCache?: boolean | undefined;
  /** How long a cache entry is kept after it went stale, for revalidation. Default 1 hour. */
  cacheRetentionMs?: number | undefined;
  /** Told about fallbacks and recoveries of every view (clients also get them as events). */
  onNotice?: ((notice: StateStoreNotice) => void) | undefined;
}

export interface RedisStateStore extends SharedStateStore {
  /** SET NX PX: true when this caller stored `key` first (webhook replay ids). */
  setIfAbsent(key: string, value: unknown, ttlMs: number): Promise<boolean>;
  /** Counters of this store (all views): remote and local operations, timeouts, fallbacks, round trips. */
  readonly stats: Readonly<StoreStats>;
}

/** A key segment: any text, without the `:` that separates segments. */
const segment = (text: string): string => encodeURIComponent(text).replace(/%20/g, '+');

export function redisStore(redis: RedisClientLike, options: RedisStoreOptions = {}): RedisStateStore {
  const prefix = options.prefix ?? 'apiwright';
  const name = options.name ?? 'default';
  const guard = createStoreGuard({
    timeoutMs: Math.max(1, options.operationTimeoutMs ?? 250),
    retryIntervalMs: Math.max(0, options.retryIntervalMs ?? 1000),
    now: () => Date.now(),
  });
  const client = countingClient(redis, () => {
    guard.stats.roundTrips += 1;
  });
  const scripts = createScriptRunner(client);
  // Where state goes while Redis is unreachable; shared by all views (keys are full Redis keys).
  const local = createMemoryStateStore();
  const codec = createTokenCodec(options.tokenEncryptionKey);
  const retentionMs = Math.max(0, options.cacheRetentionMs ?? 3_600_000);

  const createView = (apiTitle: string): RedisStateStore => {
    const base = `${prefix}:${segment(apiTitle)}:${segment(name)}:`;
    const keyOf = (kind: string, key: string): string => `${base}${kind}:${key}`;
    const listeners = new Set<(notice: StateStoreNotice) => void>();
    if (options.onNotice !== undefined) listeners.add(options.onNotice);
    let announcedEpoch = 0;
    let inFallback = false;

    const notify = (notice: StateStoreNotice): void => {
      for (const listener of listeners) {
        try {
          listener(notice);
        } catch {
          // Listeners observe; they cannot break the store.
        }
      }
    };

    const call: GuardedCall = async (operation, work) => {
      const result = await guard.run(work);
      if (result.ok && inFallback) {
        inFallback = false;
        notify({ status: 'restored', operation });
      } else if (!result.ok && announcedEpoch !== guard.epoch) {
        announcedEpoch = guard.epoch;
        inFallback = true;
        notify({ status: 'fallback', operation, reason: result.reason });
      }
      return result;
    };

    const parts: SharedParts = { client, scripts, call, keyOf };
    const shared: SharedState = {
      rateLimit: createSharedRateLimit(parts),
      breaker: createSharedBreaker(parts),
      retryBudget: createSharedRetryBudget(parts),
      ...(options.shareTokens === false
        ? {}
        : { lock: createSharedLock(parts), tokenStore: createSharedTokenStore(parts, codec) }),
      ...(options.shareCache === false ? {} : { cacheStore: createSharedCacheStore(parts, retentionMs) }),
      forApi: (title) => createView(title),
      listen(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };

    const stateKey = (key: string): string => keyOf('s', key);
    const remove = async (key: string): Promise<void> => {
      const full = stateKey(key);
      await local.delete?.(full);
      await call('delete', () => client.del(full));
    };
    return {
      shared,
      stats: guard.stats,
      async get(key) {
        const full = stateKey(key);
        const result = await call('get', () => client.get(full));
        if (!result.ok) return local.get(full);
        if (result.value === null) return undefined;
        try {
          return JSON.parse(result.value) as unknown;
        } catch {
          return undefined; // not ours: readers treat it as no state
        }
      },
      async set(key, value, ttlMs) {
        const full = stateKey(key);
        if (value === undefined) return remove(key);
        const px = ttlMs !== undefined && Number.isFinite(ttlMs) && ttlMs > 0 ? ttlMs : undefined;
        const result = await call('set', () => client.set(full, JSON.stringify(value), { px }));
        if (!result.ok) await local.set(full, value, ttlMs);
      },
      delete: remove,
      async setIfAbsent(key, value, ttlMs) {
        const full = stateKey(key);
        const text = JSON.stringify(value ?? null);
        const result = await call('setIfAbsent', () => client.set(full, text, { px: Math.max(1, ttlMs), nx: true }));
        // While Redis is away, ids are remembered per process (a replay to another replica is not caught).
        if (!result.ok) return (await local.setIfAbsent?.(full, value, ttlMs)) ?? false;
        return result.value;
      },
    };
  };

  return createView('_');
}
