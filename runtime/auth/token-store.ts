/**
 * Where OAuth tokens live between requests. The default keeps them in memory; an app that wants
 * tokens to survive restarts (a CLI, a mobile app) passes its own store, e.g. backed by the OS
 * keychain. Keys are `<scheme name>` for user-delegated flows (authorization code, password) and
 * `<scheme name> <sorted scopes>` for client credentials, whose tokens are cached per scope set.
 */

/** Tokens from a token endpoint (RFC 6749 §5.1), with the expiry made absolute. */
export interface TokenSet {
  readonly accessToken: string;
  /** `Bearer` (the only type this runtime sends, RFC 6750). */
  readonly tokenType: string;
  /** Clock time (epoch ms) when the access token expires; absent when unknown. */
  readonly expiresAt?: number;
  readonly refreshToken?: string;
  /** Space-separated scopes the server granted. */
  readonly scope?: string;
  /** OpenID Connect ID token, when the server returned one (not verified here: see jwt-verify.ts). */
  readonly idToken?: string;
}

export interface TokenStore {
  get(key: string): Promise<TokenSet | undefined>;
  set(key: string, tokens: TokenSet): Promise<void>;
  delete(key: string): Promise<void>;
}

export function createMemoryTokenStore(): TokenStore {
  const tokens = new Map<string, TokenSet>();
  return {
    get: (key) => Promise.resolve(tokens.get(key)),
    set: (key, value) => {
      tokens.set(key, value);
      return Promise.resolve();
    },
    delete: (key) => {
      tokens.delete(key);
      return Promise.resolve();
    },
  };
}

/** Store key for a scheme and (for client credentials) the scopes requested. */
export function createTokenKey(schemeName: string, scopes?: readonly string[]): string {
  if (!scopes) return schemeName;
  return `${schemeName} ${[...new Set(scopes)].sort().join(' ')}`;
}
