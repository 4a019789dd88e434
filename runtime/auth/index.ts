/**
 * Authentication for generated clients: API keys, HTTP basic/bearer/other schemes, OAuth 2.0 (client
 * credentials, authorization code + PKCE, refresh, password) and OpenID Connect discovery.
 *
 * Which credentials a call sends: the operation's `security` (else the document's) lists
 * alternatives; the first whose schemes all have credentials is applied (all of its schemes);
 * `security: []` sends nothing. When none can be met the CALL fails with MissingCredentialError,
 * naming the option and environment variables to set.
 *
 * Where a credential comes from, per scheme: `auth.<option>` (a value, or a sync/async function
 * called per request so keys can rotate), else environment variables (Node/Bun `process.env`, Deno
 * `Deno.env`; never in browsers; empty values count as unset), where <ENV> is the scheme's prefix,
 * e.g. PETSTORE_API_KEY:
 *   apiKey              <ENV>
 *   http basic          <ENV>_USERNAME and <ENV>_PASSWORD
 *   http bearer         <ENV> (or <ENV>_TOKEN)
 *   other http schemes  <ENV>   (sent as `Authorization: <scheme> <value>`)
 *   oauth2 / openIdConnect (option fields win over these, field by field):
 *                       <ENV>_CLIENT_ID, <ENV>_CLIENT_SECRET  client credentials (or any flow's client)
 *                       <ENV>_ACCESS_TOKEN                    a token obtained elsewhere
 *                       <ENV>_REFRESH_TOKEN                   e.g. from an earlier login
 *                       <ENV>_USERNAME, <ENV>_PASSWORD        password grant (deprecated, warns once)
 *   mutualTLS           nothing: pass a custom `fetch` that presents the client certificate
 *
 * Nothing here keeps a secret on an error: messages name schemes, options and variables only.
 */
import type { ApiDescriptor, Clock, PreparedRequest, RequestContext } from '../client/descriptor.js';
import { ApiwrightError } from '../errors/errors.js';
import { readRuntimeEnv, type EnvReader } from './credentials.js';
import type { AuthOptions } from './options.js';
import { createOAuthController, type OAuthController } from './oauth2-controller.js';
import { createOAuthSession, type OAuthSession } from './oauth2-session.js';
import {
  createMutualTlsHandler,
  createOAuthHandler,
  createStaticHandler,
  type AppliedScheme,
  type SchemeHandler,
} from './scheme-handlers.js';
import { createMissingCredentialError, selectRequirement, type SelectedRequirement } from './security-requirements.js';
import type { StateStore } from '../resilience/state-store.js';

export type {
  ApiKeyAuth,
  AuthOptions,
  BasicAuth,
  BearerAuth,
  ClientAuthMethod,
  CredentialSource,
  HttpAuth,
  MutualTlsAuth,
  OAuth2Auth,
  OAuthFlowName,
  OpenIdConnectAuth,
} from './options.js';
export type { OAuthController, SchemeChoice } from './oauth2-controller.js';
export type { AuthorizationUrlOptions } from './oauth2-session.js';
export type { AuthorizationRequest, CodeExchange } from './oauth2-authorization-code.js';
export type { EnvReader } from './credentials.js';
export { createMemoryTokenStore, type TokenSet, type TokenStore } from './token-store.js';
export {
  ExpiredTokenError,
  InvalidCredentialError,
  JwtVerificationError,
  MissingCredentialError,
  MissingDependencyError,
  OAuthError,
  OAuthStateMismatchError,
  UnsupportedAuthFlowError,
} from './errors.js';
export { createCodeChallenge, createCodeVerifier, createState } from './pkce.js';
export { decodeJwtPayload, readJwtExpiry } from './jwt-claims.js';
export { verifyJwt, type VerifyJwtOptions, type VerifiedJwt } from './jwt-verify.js';

export interface Authenticator {
  /** Adds the credentials the operation's security requirements need; throws naming the scheme and env var when one is missing. */
  apply(request: PreparedRequest, ctx: RequestContext): Promise<void>;
  /**
   * After a 401: true when credentials were refreshed and the request should be sent once more.
   * At most once per request context. Rejects (e.g. OAuthError `invalid_grant`) when a refresh was
   * attempted and the token endpoint refused it.
   */
  onUnauthorized(ctx: RequestContext): Promise<boolean>;
  /**
   * The credential material `apply` would put on this call's request (scheme names and the header
   * and query values it writes), for keying a response cache: different credentials give different
   * lists. Secrets in plain text: hash them (cache.ts `hashIdentity`), never log or store them.
   * `[]` when the operation sends no credentials; throws like `apply` when none can be met.
   */
  identity(ctx: RequestContext): Promise<string[]>;
  /** Header names that carry credentials (redaction, redirect stripping). */
  readonly sensitiveHeaders: readonly string[];
  /** Query parameter names that carry credentials (redaction, redirect stripping). */
  readonly sensitiveQueryParams: readonly string[];
  /** The authorization code flow's app-driven steps (createAuthorizationUrl, exchangeCode). */
  readonly oauth: OAuthController;
}

export interface AuthDeps {
  fetch: typeof fetch;
  /** `now()` is epoch milliseconds; token expiry is computed against it. */
  clock: Clock;
  /** Receives one-time warnings (e.g. the deprecated password grant); default console.warn. */
  warn?: (message: string) => void;
  /** Environment lookup; default process.env / Deno.env where they exist. */
  env?: EnvReader;
  /** Allow OAuth token and discovery requests over plain http to non-loopback hosts. */
  allowInsecureHttp?: boolean;
  /** The client's state store; a shared one (runtime/stores) shares OAuth tokens across replicas. */
  stateStore?: StateStore | undefined;
}

export function createAuthenticator(api: ApiDescriptor, auth: AuthOptions | undefined, deps: AuthDeps): Authenticator {
  const readEnv = deps.env ?? readRuntimeEnv;
  const warn = deps.warn ?? ((message: string) => console.warn(message));
  const baseUrl = firstAbsoluteServerUrl(api);
  const handlers = new Map<string, SchemeHandler>();
  const sessions = new Map<string, OAuthSession>();
  const applied = new WeakMap<RequestContext, readonly AppliedScheme[]>();
  const retried = new WeakSet<RequestContext>();

  // Built on first use, so a malformed option fails the call that needs it, not the constructor.
  function sessionFor(name: string): OAuthSession | undefined {
    const scheme = api.securitySchemes[name];
    if (!scheme || (scheme.type !== 'oauth2' && scheme.type !== 'openIdConnect')) return undefined;
    let session = sessions.get(name);
    if (!session) {
      const sessionDeps = {
        fetch: deps.fetch,
        clock: deps.clock,
        readEnv,
        warn,
        allowInsecureHttp: deps.allowInsecureHttp ?? false,
        stateStore: deps.stateStore,
      };
      session = createOAuthSession(name, scheme, auth?.[scheme.option], baseUrl, sessionDeps);
      sessions.set(name, session);
    }
    return session;
  }

  function handlerFor(name: string): SchemeHandler | undefined {
    const cached = handlers.get(name);
    if (cached) return cached;
    const scheme = api.securitySchemes[name];
    if (!scheme) return undefined;
    const option = auth?.[scheme.option];
    const optionPath = `auth.${scheme.option}`;
    let handler: SchemeHandler | undefined;
    switch (scheme.type) {
      case 'apiKey':
        handler = createStaticHandler(name, scheme, { kind: 'apiKey', in: scheme.in, name: scheme.name }, option, readEnv, () =>
          deps.clock.now(),
        );
        break;
      case 'http': {
        const lower = scheme.scheme.toLowerCase();
        const kind =
          lower === 'basic'
            ? { kind: 'basic' as const }
            : lower === 'bearer'
              ? { kind: 'bearer' as const }
              : { kind: 'http' as const, scheme: scheme.scheme };
        handler = createStaticHandler(name, scheme, kind, option, readEnv, () => deps.clock.now());
        break;
      }
      case 'oauth2':
      case 'openIdConnect': {
        const session = sessionFor(name);
        handler = session && createOAuthHandler(session, optionPath);
        break;
      }
      case 'mutualTLS':
        handler = createMutualTlsHandler(name, optionPath);
        break;
    }
    if (handler) handlers.set(name, handler);
    return handler;
  }

  const oauthSchemes = Object.entries(api.securitySchemes)
    .filter(([, scheme]) => scheme.type === 'oauth2' || scheme.type === 'openIdConnect')
    .map(([name]) => name);

  async function select(ctx: RequestContext): Promise<SelectedRequirement | undefined> {
    const requirements = ctx.operation.security ?? api.security;
    if (requirements.length === 0) return undefined;
    const { selected, missing } = await selectRequirement(requirements, handlerFor);
    if (!selected) throw createMissingCredentialError(missing, handlerFor, ctx);
    return selected;
  }

  return {
    async apply(request, ctx) {
      const selected = await select(ctx);
      if (!selected) return;
      const authorizationUsers = selected.schemes.filter(({ handler }) => handler.usesAuthorization);
      if (authorizationUsers.length > 1) {
        throw new ApiwrightError(
          `Operation "${ctx.operation.id}" requires schemes ${authorizationUsers.map(({ handler }) => `"${handler.name}"`).join(' and ')} together, ` +
            'but each needs the Authorization header; one request cannot carry both',
          { requestId: ctx.requestId, operation: ctx.operation.id },
        );
      }
      const results: AppliedScheme[] = [];
      for (const { handler, scopes } of selected.schemes) results.push(await handler.apply(request, scopes, ctx));
      applied.set(ctx, results);
    },
    async onUnauthorized(ctx) {
      if (retried.has(ctx)) return false;
      retried.add(ctx);
      const results = await Promise.all((applied.get(ctx) ?? []).map((scheme) => scheme.onUnauthorized(ctx.signal)));
      return results.some(Boolean);
    },
    async identity(ctx) {
      const selected = await select(ctx);
      if (!selected) return [];
      // Applied to a blank request, so only what the schemes write is read back.
      const probe: PreparedRequest = {
        method: ctx.operation.method,
        url: new URL('https://identity.invalid/'),
        headers: new Headers(),
      };
      const parts: string[] = [];
      for (const { handler, scopes } of selected.schemes) {
        parts.push(`scheme:${handler.name}`);
        await handler.apply(probe, scopes, ctx);
      }
      probe.headers.forEach((value, name) => parts.push(`header:${name}:${value}`));
      probe.url.searchParams.forEach((value, name) => parts.push(`query:${name}:${value}`));
      return parts;
    },
    sensitiveHeaders: collectSensitiveHeaders(api),
    sensitiveQueryParams: collectSensitiveQueryParams(api),
    oauth: createOAuthController(oauthSchemes, sessionFor),
  };
}

function collectSensitiveHeaders(api: ApiDescriptor): readonly string[] {
  const names = new Map<string, string>();
  const add = (name: string): void => {
    if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
  };
  for (const scheme of Object.values(api.securitySchemes)) {
    if (scheme.type === 'apiKey') {
      if (scheme.in === 'header') add(scheme.name);
      if (scheme.in === 'cookie') add('Cookie');
    } else if (scheme.type !== 'mutualTLS') {
      add('Authorization');
    }
  }
  return [...names.values()];
}

function collectSensitiveQueryParams(api: ApiDescriptor): readonly string[] {
  const names = new Set<string>();
  for (const scheme of Object.values(api.securitySchemes)) {
    if (scheme.type === 'apiKey' && scheme.in === 'query') names.add(scheme.name);
  }
  return [...names];
}

/** Relative token URLs (allowed by OAS 3.1) resolve against the first absolute server URL. */
function firstAbsoluteServerUrl(api: ApiDescriptor): string | undefined {
  for (const server of api.servers) {
    try {
      return new URL(
        server.url.replace(/\{[^}]*\}/g, (match) => server.variables?.[match.slice(1, -1)]?.default ?? match),
      ).toString();
    } catch {
      // relative or templated beyond repair: try the next one
    }
  }
  return undefined;
}
