/**
 * A bearer token that is a JWT is checked before it is sent: once its `exp` has passed (less a
 * small skew, so a token about to die is not sent either), the token's source is asked once for a
 * fresh one — a function source may rotate — and when it still has nothing alive the call fails with
 * ExpiredTokenError instead of sending a token the server will refuse. Opaque tokens are sent as is.
 * The claims are decoded without verification: this is bookkeeping, not a trust decision.
 */
import { ExpiredTokenError } from './errors.js';
import { readJwtExpiry } from './jwt-claims.js';

/** How long before `exp` a token counts as expired: clock skew plus the request's own travel time. */
export const BEARER_EXPIRY_SKEW_MS = 30_000;

/** The token when it is alive (or not a JWT); else a fresh one from `refresh`; else ExpiredTokenError. */
export async function ensureUnexpiredBearer(
  token: string,
  now: number,
  what: string,
  refresh: (() => Promise<string>) | undefined,
): Promise<string> {
  const expiresAt = deadAt(token, now);
  if (expiresAt === undefined) return token;
  if (refresh !== undefined) {
    const fresh = await refresh();
    if (deadAt(fresh, now) === undefined) return fresh;
  }
  throw new ExpiredTokenError(
    `${what} is a JWT that expired at ${new Date(expiresAt).toISOString()}; no request was sent. ` +
      'Pass a function that returns a fresh token (it is asked again when the one it returned has expired).',
    { expiresAt },
  );
}

/** `exp` in epoch ms when the token is a JWT past its expiry (minus the skew), else undefined. */
function deadAt(token: string, now: number): number | undefined {
  const expiresAt = readJwtExpiry(token);
  return expiresAt !== undefined && expiresAt - BEARER_EXPIRY_SKEW_MS <= now ? expiresAt : undefined;
}
