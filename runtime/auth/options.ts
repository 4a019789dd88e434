/**
 * The shapes of the `auth` client option, one per security scheme kind. Re-exported from index.ts;
 * generated clients type their `auth` option with these names.
 */
import type { CredentialSource } from './credentials.js';
import type { ClientAuthMethod } from './oauth2-token-endpoint.js';
import type { TokenStore } from './token-store.js';

export type { CredentialSource } from './credentials.js';
export type { ClientAuthMethod } from './oauth2-token-endpoint.js';

/** `type: apiKey`: the key, or a function returning it (called per request, so keys can rotate). */
export type ApiKeyAuth = CredentialSource<string>;
/** `type: http, scheme: bearer` (any `bearerFormat`): the token, sent as `Authorization: Bearer <token>`. */
export type BearerAuth = CredentialSource<string>;
/** `type: http, scheme: basic` (RFC 7617). */
export type BasicAuth = CredentialSource<{ username: string; password: string }>;
/** Any other `type: http` scheme (e.g. `negotiate`): the credential sent as `Authorization: <scheme> <credential>`. */
export type HttpAuth = CredentialSource<string>;

/** OAuth 2.0 flows the runtime runs. `implicit` is refused (RFC 9700 §2.1.2): see UnsupportedAuthFlowError. */
export type OAuthFlowName = 'clientCredentials' | 'authorizationCode' | 'password' | 'implicit';

/** `type: oauth2`. Every field is optional; what is set decides the flow (see `flow`). */
export interface OAuth2Auth {
  /**
   * Which grant obtains tokens. Default: `clientCredentials` when the scheme declares it and a client
   * secret is set; else `password` when declared and username/password are set; else
   * `authorizationCode` (tokens come from `authenticator.oauth.exchangeCode` or a refresh token).
   */
  flow?: OAuthFlowName;
  clientId?: string;
  /** A value or a function (e.g. read from a secret manager at each token request). */
  clientSecret?: CredentialSource<string>;
  /** Default `client_secret_basic` when a secret is set, else `none` (client_id in the body). */
  clientAuthMethod?: ClientAuthMethod;
  /** Scopes requested in addition to those of the operation's security requirement. */
  scopes?: readonly string[];
  /**
   * An access token obtained elsewhere. A string is used until it expires (per its JWT `exp`) or the
   * server answers 401, then refreshed when a refresh token is available. A function is called per
   * request and owns the token's lifecycle.
   */
  accessToken?: CredentialSource<string>;
  /** A refresh token from an earlier login (e.g. persisted by a CLI). */
  refreshToken?: string;
  /** Password grant (deprecated by RFC 9700 §2.4; a warning is emitted once). */
  username?: string;
  password?: CredentialSource<string>;
  /** Where tokens are kept between requests; default in memory. */
  tokenStore?: TokenStore;
  /** Override the flow's token URL (e.g. a regional endpoint). */
  tokenUrl?: string;
  /** Override the flow's authorization URL. */
  authorizationUrl?: string;
  /** Refresh this long before `expires_in` runs out; default 30 000 ms. */
  expirySkewMs?: number;
  /** Abort a token or discovery request after this long; default 30 000 ms. */
  tokenRequestTimeoutMs?: number;
  /** Extra parameters for every token request (e.g. `audience`, `resource` per RFC 8707). */
  tokenParams?: Readonly<Record<string, string>>;
}

/** `type: openIdConnect`: like oauth2, with endpoints discovered from `openIdConnectUrl`. */
export type OpenIdConnectAuth = OAuth2Auth;

/**
 * `type: mutualTLS`: nothing to set here. The client certificate is presented by the TLS layer, so
 * pass a custom `fetch` that uses it (in Node, undici's `Agent({ connect: { cert, key } })` as the
 * `dispatcher`; in Deno, `Deno.createHttpClient({ cert, key })`).
 */
export type MutualTlsAuth = never;

/** `auth` option: one key per security scheme (the scheme's name in camelCase). */
export type AuthOptions = Readonly<Record<string, unknown>>;
