/**
 * The settings of one oauth2 / openIdConnect scheme: the `auth` option merged over environment
 * variables (option fields win), and the flow they select.
 */
import type { OAuthFlowsDescriptor } from '../client/descriptor.js';
import type { CredentialSource, EnvReader } from './credentials.js';
import { InvalidCredentialError } from './errors.js';
import type { OAuth2Auth, OAuthFlowName } from './options.js';
import type { ClientAuthMethod } from './oauth2-token-endpoint.js';
import type { TokenStore } from './token-store.js';

export interface OAuthSettings {
  readonly flow: OAuthFlowName | undefined;
  readonly clientId: string | undefined;
  readonly clientSecret: CredentialSource<string> | undefined;
  readonly clientAuthMethod: ClientAuthMethod | undefined;
  readonly scopes: readonly string[];
  readonly accessToken: CredentialSource<string> | undefined;
  readonly refreshToken: string | undefined;
  readonly username: string | undefined;
  readonly password: CredentialSource<string> | undefined;
  readonly tokenStore: TokenStore | undefined;
  readonly tokenUrl: string | undefined;
  readonly authorizationUrl: string | undefined;
  readonly expirySkewMs: number;
  readonly tokenRequestTimeoutMs: number;
  readonly tokenParams: Readonly<Record<string, string>>;
}

/** Environment variable suffixes read for oauth2 and openIdConnect schemes (documented in index.ts). */
export const OAUTH_ENV_SUFFIXES = {
  clientId: '_CLIENT_ID',
  clientSecret: '_CLIENT_SECRET',
  accessToken: '_ACCESS_TOKEN',
  refreshToken: '_REFRESH_TOKEN',
  username: '_USERNAME',
  password: '_PASSWORD',
} as const;

export function readOAuthSettings(option: unknown, optionPath: string, envPrefix: string, readEnv: EnvReader): OAuthSettings {
  if (option !== undefined && (typeof option !== 'object' || option === null || Array.isArray(option))) {
    throw new InvalidCredentialError(`${optionPath} must be an object such as { clientId, clientSecret } or { accessToken }`);
  }
  const given = (option ?? {}) as OAuth2Auth;
  const env = (key: keyof typeof OAUTH_ENV_SUFFIXES): string | undefined => readEnv(`${envPrefix}${OAUTH_ENV_SUFFIXES[key]}`);
  return {
    flow: given.flow,
    clientId: given.clientId ?? env('clientId'),
    clientSecret: given.clientSecret ?? env('clientSecret'),
    clientAuthMethod: given.clientAuthMethod,
    scopes: given.scopes ?? [],
    accessToken: given.accessToken ?? env('accessToken'),
    refreshToken: given.refreshToken ?? env('refreshToken'),
    username: given.username ?? env('username'),
    password: given.password ?? env('password'),
    tokenStore: given.tokenStore,
    tokenUrl: given.tokenUrl,
    authorizationUrl: given.authorizationUrl,
    expirySkewMs: given.expirySkewMs ?? 30_000,
    tokenRequestTimeoutMs: given.tokenRequestTimeoutMs ?? 30_000,
    tokenParams: given.tokenParams ?? {},
  };
}

/**
 * The flow a scheme runs. `declared` is the spec's flows (undefined for openIdConnect, whose grants
 * come from discovery). An explicit `flow` wins; otherwise what the app configured decides.
 */
export function selectOAuthFlow(declared: OAuthFlowsDescriptor | undefined, settings: OAuthSettings): OAuthFlowName {
  if (settings.flow) return settings.flow;
  const hasSecret = settings.clientSecret !== undefined;
  const hasUser = settings.username !== undefined && settings.password !== undefined;
  if (!declared) return hasSecret ? 'clientCredentials' : hasUser ? 'password' : 'authorizationCode';
  if (declared.clientCredentials && hasSecret) return 'clientCredentials';
  if (declared.password && hasUser) return 'password';
  if (declared.authorizationCode) return 'authorizationCode';
  if (declared.clientCredentials) return 'clientCredentials';
  if (declared.password) return 'password';
  return 'implicit';
}

/** What the app can set for this flow, as environment variable names (for MissingCredentialError). */
export function describeOAuthEnv(flow: OAuthFlowName, envPrefix: string): readonly string[] {
  const name = (key: keyof typeof OAUTH_ENV_SUFFIXES): string => `${envPrefix}${OAUTH_ENV_SUFFIXES[key]}`;
  switch (flow) {
    case 'clientCredentials':
      return [name('clientId'), name('clientSecret')];
    case 'password':
      return [name('clientId'), name('username'), name('password')];
    case 'authorizationCode':
      return [name('clientId'), name('refreshToken')];
    case 'implicit':
      return [name('accessToken')];
  }
}

/** Why the implicit grant is refused and what to do instead. */
export function describeImplicitRefusal(schemeName: string, optionPath: string): string {
  return (
    `Security scheme "${schemeName}" only offers the OAuth 2.0 implicit flow, which this client does not run: ` +
    'RFC 9700 §2.1.2 says clients should not use it (the access token travels in the redirect URI, where it leaks ' +
    'through history, referrers and logs, and cannot be sender-constrained). Use the authorization code flow with ' +
    `PKCE if the server offers it, or obtain a token yourself and pass it as ${optionPath}.accessToken`
  );
}
