/**
 * Capabilities a shared StateStore (Redis, runtime/stores/redis-store.ts) offers on top of plain
 * get/set: operations that must be atomic across processes and therefore run inside the store (Lua
 * scripts), not as a JS read-modify-write. The limiter, breaker, retry budget, OAuth token manager
 * and response cache look for them with `sharedStateOf(store)` and keep their local logic when a
 * store has none.
 *
 * Every capability method resolves `undefined` (never rejects, never hangs) when the store could not
 * answer within its bounded time: the caller then runs its local logic for that call (fail-open).
 */
import type { CacheStore } from '../cache/store.js';
import type { TokenStore } from '../auth/token-store.js';
import type { CircuitState } from '../observe/observe.js';
import type { StateStore } from '../resilience/state-store.js';

/** A distributed GCRA per key, plus pauses learned from 429 / Retry-After / RateLimit-* answers. */
export interface SharedRateLimit {
  /**
   * Reserves the next slot: the ms until it (0: go now), or minus the wait when that exceeds
   * `maxWaitMs` (nothing reserved). `intervalMs` 0 means no bucket, only pauses; `burst` slots may
   * be taken at once after idling.
   */
  reserve(key: string, intervalMs: number, burst: number, maxWaitMs: number): Promise<number | undefined>;
  /** Pauses the key for every replica for `pauseMs` (never shortens a longer pause). */
  pause(key: string, pauseMs: number): Promise<true | undefined>;
}

export interface SharedBreakerSettings {
  failureThreshold: number;
  resetTimeoutMs: number;
  failureRateThreshold: number;
  windowMs: number;
  minimumCalls: number;
  halfOpenMaxCalls: number;
}

export type SharedBreakerChange = readonly [CircuitState, CircuitState] | null;

export interface SharedBreakerAdmission {
  admitted: boolean;
  generation: number;
  probe: boolean;
  retryAfterMs: number;
  change: SharedBreakerChange;
}

/** The circuit breaker's record and transitions, one atomic script per acquire and per outcome. */
export interface SharedBreaker {
  acquire(key: string, settings: SharedBreakerSettings, freshGeneration: number): Promise<SharedBreakerAdmission | undefined>;
  record(
    key: string,
    permit: { generation: number; probe: boolean },
    verdict: 'success' | 'failure' | 'ignore',
    settings: SharedBreakerSettings,
    freshGeneration: number,
  ): Promise<{ change: SharedBreakerChange } | undefined>;
  state(key: string): Promise<CircuitState | undefined>;
}

/** The retry budget's tokens, shared by every replica of one client. */
export interface SharedRetryBudget {
  /** Takes one token: true when taken, false when fewer than one is left. */
  spend(key: string, capacity: number): Promise<boolean | undefined>;
  /** Returns `amount` tokens, up to `capacity`. */
  refill(key: string, amount: number, capacity: number): Promise<true | undefined>;
}

/** A short lock (SET NX PX with an owner token, released only by its owner). */
export interface SharedLock {
  /** The owner token when acquired, `null` when someone else holds it, `undefined` when unavailable. */
  acquire(key: string, ttlMs: number): Promise<string | null | undefined>;
  release(key: string, owner: string): Promise<void>;
}

/** What the store reports about itself (the client turns it into `stateStore` events). */
export interface StateStoreNotice {
  status: 'fallback' | 'restored';
  /** The store operation that failed or succeeded again, e.g. `rateLimit.reserve`. */
  operation: string;
  /** Why it failed (error name and message, or `timeout after N ms`); no key or value. */
  reason?: string;
}

export interface SharedState {
  readonly rateLimit?: SharedRateLimit;
  readonly breaker?: SharedBreaker;
  readonly retryBudget?: SharedRetryBudget;
  readonly lock?: SharedLock;
  /** OAuth tokens shared by the fleet (encrypted when the store has a key). */
  readonly tokenStore?: TokenStore;
  /** Response cache entries shared by the fleet (ETag revalidation by one replica serves all). */
  readonly cacheStore?: CacheStore;
  /** A view whose keys live under one API's namespace. */
  forApi(apiTitle: string): SharedStateStore;
  /** Receives fallback / restored notices of operations through this view; returns an unsubscribe. */
  listen(listener: (notice: StateStoreNotice) => void): () => void;
}

/** A StateStore with shared capabilities. */
export interface SharedStateStore extends StateStore {
  readonly shared: SharedState;
}

/** The store's capabilities, or undefined for a store without any (e.g. the in-memory one). */
export function sharedStateOf(store: StateStore | undefined): SharedState | undefined {
  if (store === undefined) return undefined;
  const shared = (store as Partial<SharedStateStore>).shared;
  return typeof shared === 'object' && shared !== null ? shared : undefined;
}

/** The client's view of its state store: keys under the API's namespace when the store is shared. */
export function scopeStateStore<T extends StateStore | undefined>(store: T, apiTitle: string): T {
  const shared = sharedStateOf(store);
  return (shared === undefined ? store : shared.forApi(apiTitle)) as T;
}
