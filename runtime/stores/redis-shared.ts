/**
 * The shared capabilities of one Redis store view (see shared-state.ts): each is one bounded store
 * operation, usually one Lua script (one round trip), and resolves `undefined` when Redis could not
 * answer in time so the caller runs its local logic.
 */
import { createMemoryCacheStore, type CacheStore } from '../cache/store.js';
import { createMemoryTokenStore, type TokenStore } from '../auth/token-store.js';
import type { CircuitState } from '../observe/observe.js';
import { decodeCacheEntry, encodeCacheEntry, type TokenCodec } from './codec.js';
import { BREAKER_ACQUIRE, BREAKER_RECORD, BUDGET_REFILL, BUDGET_SPEND, LOCK_RELEASE, RATE_PAUSE, RATE_RESERVE } from './lua.js';
import type { RedisClientLike, ScriptRunner } from './redis-client.js';
import type {
  SharedBreaker,
  SharedBreakerChange,
  SharedBreakerSettings,
  SharedLock,
  SharedRateLimit,
  SharedRetryBudget,
} from './shared-state.js';
import type { GuardResult } from './store-guard.js';

/** Runs one store operation through the guard, announcing fallbacks; named for events. */
export type GuardedCall = <T>(operation: string, work: () => Promise<T>) => Promise<GuardResult<T>>;

export interface SharedParts {
  client: RedisClientLike;
  scripts: ScriptRunner;
  call: GuardedCall;
  /** The full Redis key of `key` in this view for a kind of state (`rl`, `cb`, `tok`, …). */
  keyOf: (kind: string, key: string) => string;
}

const BUDGET_TTL_MS = 3_600_000;

const valueOf = <T>(result: GuardResult<T>): T | undefined => (result.ok ? result.value : undefined);

export function createSharedRateLimit({ scripts, call, keyOf }: SharedParts): SharedRateLimit {
  return {
    async reserve(key, intervalMs, burst, maxWaitMs) {
      const args = [
        String(Math.max(0, intervalMs)),
        String(Number.isFinite(burst) ? Math.max(1, burst) : 1),
        String(Number.isFinite(maxWaitMs) ? Math.max(0, Math.floor(maxWaitMs)) : 2 ** 40),
      ];
      const reply = valueOf(await call('rateLimit.reserve', () => scripts.run(RATE_RESERVE, [keyOf('rl', key)], args)));
      return typeof reply === 'number' ? reply : undefined;
    },
    async pause(key, pauseMs) {
      const result = await call('rateLimit.pause', () =>
        scripts.run(RATE_PAUSE, [keyOf('rl', key)], [String(Math.ceil(pauseMs))]),
      );
      return result.ok ? true : undefined;
    },
  };
}

const settingsArgs = (s: SharedBreakerSettings, fresh: number): string[] =>
  [s.failureThreshold, s.resetTimeoutMs, s.failureRateThreshold, s.windowMs, s.minimumCalls, s.halfOpenMaxCalls, fresh].map(
    String,
  );

const STATES = new Set<string>(['closed', 'open', 'half_open']);

function readChange(value: unknown): SharedBreakerChange {
  if (typeof value !== 'string' || value === '') return null;
  const [from, to] = value.split('>');
  return from !== undefined && to !== undefined && STATES.has(from) && STATES.has(to)
    ? [from as CircuitState, to as CircuitState]
    : null;
}

export function createSharedBreaker({ client, scripts, call, keyOf }: SharedParts): SharedBreaker {
  return {
    async acquire(key, settings, fresh) {
      const reply = valueOf(
        await call('breaker.acquire', () => scripts.run(BREAKER_ACQUIRE, [keyOf('cb', key)], settingsArgs(settings, fresh))),
      );
      if (!Array.isArray(reply) || reply.length !== 5) return undefined;
      const [admitted, generation, probe, retryAfterMs, change] = reply as unknown[];
      if (typeof generation !== 'number' || typeof retryAfterMs !== 'number') return undefined;
      return { admitted: admitted === 1, generation, probe: probe === 1, retryAfterMs, change: readChange(change) };
    },
    async record(key, permit, verdict, settings, fresh) {
      const args = [...settingsArgs(settings, fresh), String(permit.generation), permit.probe ? '1' : '0', verdict];
      const result = await call('breaker.record', () => scripts.run(BREAKER_RECORD, [keyOf('cb', key)], args));
      return result.ok ? { change: readChange(result.value) } : undefined;
    },
    async state(key) {
      const raw = valueOf(await call('breaker.state', () => client.get(keyOf('cb', key))));
      if (raw === undefined) return undefined;
      if (raw === null) return 'closed';
      try {
        const state = (JSON.parse(raw) as { state?: unknown }).state;
        return typeof state === 'string' && STATES.has(state) ? (state as CircuitState) : 'closed';
      } catch {
        return 'closed';
      }
    },
  };
}

export function createSharedRetryBudget({ scripts, call, keyOf }: SharedParts): SharedRetryBudget {
  return {
    async spend(key, capacity) {
      const reply = valueOf(
        await call('retryBudget.spend', () =>
          scripts.run(BUDGET_SPEND, [keyOf('rb', key)], [String(capacity), String(BUDGET_TTL_MS)]),
        ),
      );
      return reply === undefined ? undefined : reply === 1;
    },
    async refill(key, amount, capacity) {
      const args = [String(amount), String(capacity), String(BUDGET_TTL_MS)];
      const result = await call('retryBudget.refill', () => scripts.run(BUDGET_REFILL, [keyOf('rb', key)], args));
      return result.ok ? true : undefined;
    },
  };
}

export function createSharedLock({ client, scripts, call, keyOf }: SharedParts): SharedLock {
  return {
    async acquire(key, ttlMs) {
      const owner = crypto.randomUUID();
      const result = await call('lock.acquire', () => client.set(keyOf('lock', key), owner, { px: ttlMs, nx: true }));
      if (!result.ok) return undefined;
      return result.value ? owner : null;
    },
    async release(key, owner) {
      // A lock that cannot be released expires on its own (PX).
      await call('lock.release', () => scripts.run(LOCK_RELEASE, [keyOf('lock', key)], [owner]));
    },
  };
}

/** OAuth tokens in Redis; while Redis is unreachable, in a local map (so calls keep working). */
export function createSharedTokenStore({ client, call, keyOf }: SharedParts, codec: TokenCodec): TokenStore {
  const local = createMemoryTokenStore();
  return {
    async get(key) {
      const fullKey = keyOf('tok', key);
      const result = await call('tokens.get', () => client.get(fullKey));
      if (!result.ok) return local.get(key);
      return result.value === null ? undefined : codec.decode(fullKey, result.value);
    },
    async set(key, tokens) {
      const fullKey = keyOf('tok', key);
      const text = await codec.encode(fullKey, tokens);
      // Without a refresh token the set is worthless after expiry; with one it must outlive it.
      const px = tokens.refreshToken === undefined && tokens.expiresAt !== undefined ? tokens.expiresAt - Date.now() : undefined;
      const result = await call('tokens.set', () =>
        client.set(fullKey, text, { px: px === undefined ? undefined : Math.max(1, px) }),
      );
      if (!result.ok) await local.set(key, tokens);
    },
    async delete(key) {
      await local.delete(key);
      await call('tokens.delete', () => client.del(keyOf('tok', key)));
    },
  };
}

/** Response-cache entries in Redis, kept `retentionMs` past freshness for revalidation. */
export function createSharedCacheStore({ client, call, keyOf }: SharedParts, retentionMs: number): CacheStore {
  const local = createMemoryCacheStore();
  return {
    async get(key) {
      const result = await call('cache.get', () => client.get(keyOf('http', key)));
      if (!result.ok) return local.get(key);
      return result.value === null ? undefined : decodeCacheEntry(result.value);
    },
    async set(key, entry) {
      const px = Math.max(1000, entry.lifetimeMs - entry.initialAgeMs + retentionMs);
      const result = await call('cache.set', () => client.set(keyOf('http', key), encodeCacheEntry(entry), { px }));
      if (!result.ok) await local.set(key, entry);
    },
    async delete(key) {
      await local.delete(key);
      await call('cache.delete', () => client.del(keyOf('http', key)));
    },
  };
}
