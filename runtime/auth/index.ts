/**
 * STUB (replaced by the authentication work). The interface below is the contract
 * runtime/client.ts and the generated clients rely on; extend, don't break.
 */
import type { ApiDescriptor, Clock, PreparedRequest, RequestContext } from '../types.js';

/** A credential as a value, or a function returning it (sync or async) so keys can rotate. */
export type CredentialSource<T> = T | (() => T | Promise<T>);

export type ApiKeyAuth = CredentialSource<string>;
export type BearerAuth = CredentialSource<string>;
export type BasicAuth = CredentialSource<{ username: string; password: string }>;
export interface OAuth2Auth {
  clientId?: string;
  clientSecret?: string;
  scopes?: readonly string[];
  accessToken?: string;
  refreshToken?: string;
}
export type OpenIdConnectAuth = OAuth2Auth;
/** mutualTLS: pass a custom `fetch` (e.g. an undici Agent with the client certificate); nothing to set here. */
export type MutualTlsAuth = never;

/** `auth` option: one key per security scheme (the scheme's name in camelCase). */
export type AuthOptions = Readonly<Record<string, unknown>>;

export interface Authenticator {
  /** Adds the credentials the operation's security requirements need; throws naming the scheme and env var when one is missing. */
  apply(request: PreparedRequest, ctx: RequestContext): Promise<void>;
  /** After a 401: true when credentials were refreshed and the request should be sent once more. */
  onUnauthorized(ctx: RequestContext): Promise<boolean>;
  /** Header names that carry credentials (redaction, redirect stripping). */
  readonly sensitiveHeaders: readonly string[];
  /** Query parameter names that carry credentials (redaction, redirect stripping). */
  readonly sensitiveQueryParams: readonly string[];
}

export interface AuthDeps {
  fetch: typeof fetch;
  clock: Clock;
}

export function createAuthenticator(_api: ApiDescriptor, _auth: AuthOptions | undefined, _deps: AuthDeps): Authenticator {
  return {
    apply: () => Promise.resolve(),
    onUnauthorized: () => Promise.resolve(false),
    sensitiveHeaders: [],
    sensitiveQueryParams: [],
  };
}
