/**
 * Keeps one token per store key fresh. Reads go to the store; a token that is missing or about to
 * expire is replaced through `obtain` under a single-flight per key, so N concurrent callers cause
 * one token request, share its result or its failure, and a failure is not remembered.
 */
import { isTokenExpiring } from './oauth2-refresh.js';
import { TimeoutError } from '../errors/errors.js';
import type { Clock } from '../client/descriptor.js';
import { createSingleFlight, waitWithin, type WaitLimits } from './single-flight.js';
import type { TokenSet, TokenStore } from './token-store.js';
import type { FleetTokenRenewal } from '../stores/token-lock.js';

/** Produces a new token set; `current` is what the store holds (maybe expired), if anything. */
export type ObtainTokens = (current: TokenSet | undefined) => Promise<TokenSet>;

export interface TokenManager {
  /** A token that is not about to expire, obtaining one if needed. */
  get(key: string, obtain: ObtainTokens, limits?: WaitLimits): Promise<TokenSet>;
  /**
   * After a 401 for `usedAccessToken`: a different token, either one another caller already obtained
   * or a new one from `obtain`.
   */
  replace(key: string, usedAccessToken: string, obtain: ObtainTokens, limits?: WaitLimits): Promise<TokenSet>;
}

export function createTokenManager(store: TokenStore, clock: Clock, skewMs: number, fleet?: FleetTokenRenewal): TokenManager {
  const singleFlight = createSingleFlight<TokenSet>();
  const now = (): number => clock.now();
  // A caller stops waiting at its call's deadline; the shared token request keeps its own timeout.
  const wait = (flight: Promise<TokenSet>, limits: WaitLimits): Promise<TokenSet> =>
    waitWithin(flight, limits, clock, () => new TimeoutError('The call ran past its deadline while waiting for an access token'));

  const renew = (key: string, isUsable: (tokens: TokenSet) => boolean, obtain: ObtainTokens): Promise<TokenSet> =>
    singleFlight(key, async () => {
      // Shared store (runtime/stores): one token request across every replica, under a short lock.
      if (fleet !== undefined) return fleet.renew(key, isUsable, obtain);
      // Re-read inside the flight: a caller that read the store before an earlier flight finished
      // must not spend the (possibly rotated) refresh token a second time.
      const latest = await store.get(key);
      if (latest && isUsable(latest)) return latest;
      const next = await obtain(latest);
      await store.set(key, next);
      return next;
    });

  return {
    async get(key, obtain, limits = {}) {
      const current = await store.get(key);
      if (current && !isTokenExpiring(current, now(), skewMs)) return current;
      return wait(
        renew(key, (tokens) => !isTokenExpiring(tokens, now(), skewMs), obtain),
        limits,
      );
    },
    replace(key, usedAccessToken, obtain, limits = {}) {
      return wait(
        renew(key, (tokens) => tokens.accessToken !== usedAccessToken, obtain),
        limits,
      );
    },
  };
}
