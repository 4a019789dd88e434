/**
 * Refreshing an access token (RFC 6749 §6). Rotation (RFC 9700 §4.14.2): when the server returns a
 * new refresh token it replaces the old one; when it returns none the old one is kept
 * (handled in oauth2-token-endpoint.ts).
 */
import { requestTokens, type ClientAuth, type TokenEndpointDeps } from './oauth2-token-endpoint.js';
import type { TokenSet } from './token-store.js';

export function requestRefreshedToken(
  tokenUrl: URL,
  client: ClientAuth,
  refreshToken: string,
  previous: TokenSet | undefined,
  extraParams: Readonly<Record<string, string>>,
  deps: TokenEndpointDeps,
): Promise<TokenSet> {
  // `scope` is omitted: the server then grants the scopes of the original grant (RFC 6749 §6).
  const params = { ...extraParams, grant_type: 'refresh_token', refresh_token: refreshToken };
  // The refresh token just sent is kept when the answer carries none (no rotation).
  const kept = previous?.scope === undefined ? { refreshToken } : { refreshToken, scope: previous.scope };
  return requestTokens(tokenUrl, params, client, deps, kept);
}

/**
 * True when the token should be replaced before use: it expires within `skewMs` (clock drift and
 * time in flight). Tokens with no known expiry are used until the server answers 401.
 */
export function isTokenExpiring(tokens: TokenSet, now: number, skewMs: number): boolean {
  return tokens.expiresAt !== undefined && now >= tokens.expiresAt - skewMs;
}
