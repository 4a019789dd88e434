/**
 * One OAuth token request across the fleet: the replica that takes a short Redis lock fetches the
 * token and stores it; the others poll the shared token store until it appears (or the lock
 * expires, then one of them takes it). The local single-flight in token-manager.ts already folds
 * the callers of one process into one, so at most one request per fleet reaches the provider.
 */
import type { TokenSet, TokenStore } from '../auth/token-store.js';
import type { SharedLock } from './shared-state.js';

export interface FleetTokenRenewal {
  renew(
    key: string,
    isUsable: (tokens: TokenSet) => boolean,
    obtain: (current: TokenSet | undefined) => Promise<TokenSet>,
  ): Promise<TokenSet>;
}

const POLL_FIRST_MS = 20;
const POLL_MAX_MS = 200;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `lockTtlMs` bounds how long a crashed holder blocks the others; use the token request timeout. */
export function fleetTokenRenewal(
  store: TokenStore,
  lock: SharedLock | undefined,
  lockTtlMs: number,
): FleetTokenRenewal | undefined {
  if (lock === undefined) return undefined;
  const ttl = Math.max(1000, lockTtlMs + 1000);

  const fetchAndStore = async (
    key: string,
    isUsable: (tokens: TokenSet) => boolean,
    obtain: (current: TokenSet | undefined) => Promise<TokenSet>,
  ): Promise<TokenSet> => {
    // Re-read under the lock: the previous holder may have stored a usable token just now.
    const latest = await store.get(key);
    if (latest && isUsable(latest)) return latest;
    const next = await obtain(latest);
    await store.set(key, next);
    return next;
  };

  return {
    async renew(key, isUsable, obtain) {
      const lockKey = `token:${key}`;
      const giveUpAt = Date.now() + ttl;
      for (let round = 0; ; round += 1) {
        const owner = await lock.acquire(lockKey, ttl);
        // The store is unreachable: this process fetches on its own (fail-open).
        if (owner === undefined) return fetchAndStore(key, isUsable, obtain);
        if (owner !== null) {
          try {
            return await fetchAndStore(key, isUsable, obtain);
          } finally {
            await lock.release(lockKey, owner);
          }
        }
        await pause(Math.min(POLL_MAX_MS, POLL_FIRST_MS * 2 ** round));
        const latest = await store.get(key);
        if (latest && isUsable(latest)) return latest;
        // A holder that neither stored a token nor released the lock in time: fetch anyway.
        if (Date.now() >= giveUpAt) return fetchAndStore(key, isUsable, obtain);
      }
    },
  };
}
