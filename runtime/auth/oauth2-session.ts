/**
 * One oauth2 or openIdConnect security scheme at run time: which flow it runs, where its endpoints
 * are, and the access token to send for a set of scopes (cached, refreshed before expiry and after a
 * 401, single-flight per token).
 */
import type { Clock, SecuritySchemeDescriptor } from '../client/descriptor.js';
import { requireNonEmptyString, resolveCredential, type EnvReader } from './credentials.js';
import { MissingCredentialError, OAuthError, UnsupportedAuthFlowError } from './errors.js';
import { readJwtExpiry } from './jwt-claims.js';
import type { OAuthFlowName } from './options.js';
import {
  buildAuthorizationRequest,
  exchangeAuthorizationCode,
  type AuthorizationRequest,
  type CodeExchange,
} from './oauth2-authorization-code.js';
import { requestClientCredentialsToken } from './oauth2-client-credentials.js';
import { PASSWORD_GRANT_WARNING, requestPasswordToken } from './oauth2-password.js';
import { requestRefreshedToken } from './oauth2-refresh.js';
import {
  describeImplicitRefusal,
  describeOAuthEnv,
  readOAuthSettings,
  selectOAuthFlow,
  type OAuthSettings,
} from './oauth2-settings.js';
import type { TokenEndpointDeps } from './oauth2-token-endpoint.js';
import { createEndpointResolver } from './oauth2-endpoints.js';
import type { OidcDiscoveryFactory } from './openid-connect.js';
import { createTokenManager } from './token-manager.js';
import type { WaitLimits } from './single-flight.js';
import { createMemoryTokenStore, createTokenKey, type TokenSet } from './token-store.js';
import type { StateStore } from '../resilience/state-store.js';
import { sharedStateOf } from '../stores/shared-state.js';
import { fleetTokenRenewal } from '../stores/token-lock.js';

type OAuthScheme = SecuritySchemeDescriptor & { readonly type: 'oauth2' | 'openIdConnect' };

export interface OAuthSessionDeps {
  readonly fetch: typeof fetch;
  readonly clock: Clock;
  readonly readEnv: EnvReader;
  readonly warn: (message: string) => void;
  readonly allowInsecureHttp: boolean;
  /** The client's state store; a shared one (runtime/stores) shares tokens and the token fetch. */
  readonly stateStore?: StateStore | undefined;
}

export interface AuthorizationUrlOptions {
  readonly redirectUri: string;
  /** Default: the scheme's `scopes` option (plus `openid` for openIdConnect schemes). */
  readonly scopes?: readonly string[];
  /** Default: 32 random bytes, base64url. */
  readonly state?: string;
  /** More authorization request parameters (e.g. `prompt`, `login_hint`, `resource`). */
  readonly extraParams?: Readonly<Record<string, string>>;
}

export interface OAuthSession {
  readonly schemeName: string;
  readonly scheme: OAuthScheme;
  /** Whether a token can be had now (static token, stored token, or grant inputs). */
  isAvailable(scopes: readonly string[]): Promise<boolean>;
  getAccessToken(scopes: readonly string[], limits?: WaitLimits): Promise<string>;
  /** After a 401 for `usedToken`: true when a different token is now available. */
  handleUnauthorized(scopes: readonly string[], usedToken: string, limits?: WaitLimits): Promise<boolean>;
  createAuthorizationUrl(options: AuthorizationUrlOptions): Promise<AuthorizationRequest>;
  exchangeCode(exchange: CodeExchange): Promise<TokenSet>;
  /** Environment variables that would satisfy this scheme, for MissingCredentialError. */
  describeEnv(): readonly string[];
  /** The flow the current settings select. */
  currentFlow(): OAuthFlowName;
}

export function createOAuthSession(
  schemeName: string,
  scheme: OAuthScheme,
  option: unknown,
  baseUrl: string | undefined,
  deps: OAuthSessionDeps,
  discovery?: OidcDiscoveryFactory,
): OAuthSession {
  const optionPath = `auth.${scheme.option}`;
  const readSettings = (): OAuthSettings => readOAuthSettings(option, optionPath, scheme.env, deps.readEnv);
  const initial = readSettings();
  // Shared store (runtime/stores): tokens and their fetch lock are shared by every replica.
  const fleet = sharedStateOf(deps.stateStore);
  const store = initial.tokenStore ?? fleet?.tokenStore ?? createMemoryTokenStore();
  const now = (): number => deps.clock.now();
  const renewal = fleetTokenRenewal(store, fleet?.lock, initial.tokenRequestTimeoutMs);
  const manager = createTokenManager(store, deps.clock, initial.expirySkewMs, renewal);
  const declared = scheme.type === 'oauth2' ? scheme.flows : undefined;
  const resolver = createEndpointResolver(
    schemeName,
    scheme,
    baseUrl,
    { fetch: deps.fetch, allowInsecureHttp: deps.allowInsecureHttp, timeoutMs: initial.tokenRequestTimeoutMs },
    discovery,
  );
  let preferredFlow: OAuthFlowName | undefined;
  let warnedPassword = false;
  const seeded = new Set<string>();

  const flowOf = (settings: OAuthSettings): OAuthFlowName =>
    settings.flow ?? preferredFlow ?? selectOAuthFlow(declared, settings);

  const keyOf = (flow: OAuthFlowName, scopes: readonly string[]): string =>
    flow === 'clientCredentials' ? createTokenKey(schemeName, scopes) : createTokenKey(schemeName);

  const scopesOf = (settings: OAuthSettings, scopes: readonly string[]): readonly string[] => [
    ...new Set([...settings.scopes, ...scopes]),
  ];

  const tokenDeps = (settings: OAuthSettings): TokenEndpointDeps => ({
    fetch: deps.fetch,
    now,
    timeoutMs: settings.tokenRequestTimeoutMs,
    allowInsecureHttp: deps.allowInsecureHttp,
  });

  const obtainFor =
    (flow: OAuthFlowName, scopes: readonly string[], settings: OAuthSettings) =>
    async (current: TokenSet | undefined): Promise<TokenSet> => {
      const refreshToken = flow === 'implicit' ? undefined : (current?.refreshToken ?? settings.refreshToken);
      const canGrant =
        flow === 'clientCredentials' ||
        (flow === 'password' && settings.username !== undefined && settings.password !== undefined);
      if (refreshToken === undefined && !canGrant) {
        // No way to a new token without the user: send the one we have and let the server decide.
        if (current) return current;
        if (flow === 'implicit') throw new UnsupportedAuthFlowError(describeImplicitRefusal(schemeName, optionPath));
        throw new MissingCredentialError(
          `Security scheme "${schemeName}" has no token: run authenticator.oauth.createAuthorizationUrl() and exchangeCode(), ` +
            `or set ${optionPath}.refreshToken (env ${scheme.env}_REFRESH_TOKEN)`,
          { schemes: [schemeName], envVars: describeOAuthEnv(flow, scheme.env) },
        );
      }
      const endpoints = await resolver.resolve(flow, settings);
      const client = await resolver.clientAuth(settings, endpoints.metadata);
      const endpointDeps = tokenDeps(settings);
      if (refreshToken !== undefined) {
        try {
          return await requestRefreshedToken(
            endpoints.refreshUrl,
            client,
            refreshToken,
            current,
            settings.tokenParams,
            endpointDeps,
          );
        } catch (error) {
          // A dead refresh token is no obstacle when the client can simply ask again as itself.
          if (!(flow === 'clientCredentials' && error instanceof OAuthError && error.oauthError === 'invalid_grant')) throw error;
        }
      }
      if (flow === 'password' && settings.username !== undefined && settings.password !== undefined) {
        if (!warnedPassword) {
          warnedPassword = true;
          deps.warn(`apiwright: security scheme "${schemeName}" ${PASSWORD_GRANT_WARNING}`);
        }
        const password = requireNonEmptyString(
          await resolveCredential(settings.password, `${optionPath}.password`),
          `${optionPath}.password`,
        );
        return requestPasswordToken(
          endpoints.tokenUrl,
          client,
          { username: settings.username, password },
          scopes,
          settings.tokenParams,
          endpointDeps,
        );
      }
      return requestClientCredentialsToken(endpoints.tokenUrl, client, scopes, settings.tokenParams, endpointDeps);
    };

  async function prepare(scopes: readonly string[]) {
    const settings = readSettings();
    const flow = flowOf(settings);
    const allScopes = scopesOf(settings, scopes);
    const key = keyOf(flow, allScopes);
    if (typeof settings.accessToken === 'string' && !seeded.has(key)) {
      seeded.add(key);
      if (!(await store.get(key))) {
        const expiresAt = readJwtExpiry(settings.accessToken);
        await store.set(key, {
          accessToken: settings.accessToken,
          tokenType: 'Bearer',
          ...(expiresAt !== undefined ? { expiresAt } : {}),
          ...(settings.refreshToken !== undefined ? { refreshToken: settings.refreshToken } : {}),
        });
      }
    }
    return { settings, flow, key, obtain: obtainFor(flow, allScopes, settings) };
  }

  const currentFlow = (): OAuthFlowName => {
    try {
      return flowOf(readSettings());
    } catch {
      return 'clientCredentials'; // a malformed option: apply() reports it
    }
  };

  const resolveAppToken = async (settings: OAuthSettings): Promise<string> =>
    requireNonEmptyString(
      await resolveCredential(settings.accessToken, `${optionPath}.accessToken`),
      `${optionPath}.accessToken`,
    );

  return {
    schemeName,
    scheme,
    async isAvailable(scopes) {
      const settings = readSettings();
      if (settings.accessToken !== undefined || settings.refreshToken !== undefined) return true;
      const flow = flowOf(settings);
      if (await store.get(keyOf(flow, scopesOf(settings, scopes)))) return true;
      switch (flow) {
        case 'clientCredentials':
          return settings.clientId !== undefined && settings.clientSecret !== undefined;
        case 'password':
          return settings.username !== undefined && settings.password !== undefined;
        case 'implicit':
          return option !== undefined; // configured: selecting it lets apply() explain the refusal
        case 'authorizationCode':
          return false;
      }
    },
    async getAccessToken(scopes, limits) {
      const settings = readSettings();
      if (typeof settings.accessToken === 'function') return resolveAppToken(settings);
      const { key, obtain } = await prepare(scopes);
      return (await manager.get(key, obtain, limits)).accessToken;
    },
    async handleUnauthorized(scopes, usedToken, limits) {
      const settings = readSettings();
      if (typeof settings.accessToken === 'function') return (await resolveAppToken(settings)) !== usedToken;
      const { key, obtain } = await prepare(scopes);
      return (await manager.replace(key, usedToken, obtain, limits)).accessToken !== usedToken;
    },
    async createAuthorizationUrl(options) {
      const settings = readSettings();
      if (declared && !declared.authorizationCode && settings.authorizationUrl === undefined) {
        if (declared.implicit) throw new UnsupportedAuthFlowError(describeImplicitRefusal(schemeName, optionPath));
        throw new UnsupportedAuthFlowError(`Security scheme "${schemeName}" does not declare the authorization code flow`);
      }
      const clientId = requireNonEmptyString(settings.clientId, `${optionPath}.clientId (env ${scheme.env}_CLIENT_ID)`);
      const endpoints = await resolver.resolve('authorizationCode', settings);
      if (!endpoints.authorizationUrl) {
        throw new UnsupportedAuthFlowError(`Security scheme "${schemeName}" has no authorization endpoint`);
      }
      const methods = endpoints.metadata?.codeChallengeMethodsSupported;
      if (methods && !methods.includes('S256')) {
        throw new UnsupportedAuthFlowError(
          `The OpenID provider of scheme "${schemeName}" does not support PKCE with S256 (RFC 7636 §4.2)`,
        );
      }
      let scopes = options.scopes ?? settings.scopes;
      if (scheme.type === 'openIdConnect' && !scopes.includes('openid')) scopes = ['openid', ...scopes];
      return buildAuthorizationRequest(endpoints.authorizationUrl, {
        clientId,
        redirectUri: options.redirectUri,
        scopes,
        state: options.state,
        extraParams: options.extraParams,
      });
    },
    async exchangeCode(exchange) {
      const settings = readSettings();
      const endpoints = await resolver.resolve('authorizationCode', settings);
      const client = await resolver.clientAuth(settings, endpoints.metadata);
      const tokens = await exchangeAuthorizationCode(endpoints.tokenUrl, client, exchange, tokenDeps(settings));
      preferredFlow = 'authorizationCode';
      await store.set(createTokenKey(schemeName), tokens);
      return tokens;
    },
    describeEnv: () => describeOAuthEnv(currentFlow(), scheme.env),
    currentFlow,
  };
}
