/**
 * The authenticator: for each call, which of the operation's security requirements to meet and the
 * credentials to write, built from the scheme kinds the client was given (schemes.ts,
 * oauth2-scheme.ts). The rules of selection and of credential sources are in index.ts's comment.
 */
import type { ApiDescriptor, Clock, PreparedRequest, RequestContext, SchemeKind } from '../client/descriptor.js';
import { ApiwrightError, ConfigurationError } from '../errors/errors.js';
import { readRuntimeEnv, type EnvReader } from './credentials.js';
import type { AuthOptions } from './options.js';
import type { OAuthController } from './oauth2-controller.js';
import type { OAuthSessionDeps } from './oauth2-session.js';
import { UnsupportedAuthFlowError } from './errors.js';
import type { AppliedScheme, SchemeHandler } from './scheme-handlers.js';
import { isSchemeSupport, type SchemeSupport } from './schemes.js';
import {
  createMissingCredentialError,
  selectRequirement,
  type HandlerLookup,
  type SelectedRequirement,
} from './security-requirements.js';
import type { StateStore } from '../resilience/state-store.js';

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

/** An authenticator that handles the scheme kinds in `supports` (a declared scheme of another kind fails the call). */
export function createAuthenticatorFor(
  api: ApiDescriptor,
  auth: AuthOptions | undefined,
  deps: AuthDeps,
  supports: readonly SchemeSupport[],
): Authenticator {
  const readEnv = deps.env ?? readRuntimeEnv;
  const warn = deps.warn ?? ((message: string) => console.warn(message));
  const handlers = new Map<string, SchemeHandler>();
  const applied = new WeakMap<RequestContext, readonly AppliedScheme[]>();
  const retried = new WeakSet<RequestContext>();
  const sessionDeps: OAuthSessionDeps = {
    fetch: deps.fetch,
    clock: deps.clock,
    readEnv,
    warn,
    allowInsecureHttp: deps.allowInsecureHttp ?? false,
    stateStore: deps.stateStore,
  };

  // Built on first use, so a malformed option fails the call that needs it, not the constructor.
  // `extra`: the kinds the operation brings (OperationDescriptor.auth) besides the client's.
  function handlerFor(name: string, extra?: readonly SchemeKind[]): SchemeHandler | undefined {
    const cached = handlers.get(name);
    if (cached) return cached;
    const scheme = api.securitySchemes[name];
    if (!scheme) return undefined;
    const handles = (kind: SchemeKind): boolean => kind.types.includes(scheme.type);
    const support =
      supports.find(handles) ?? extra?.find((kind): kind is SchemeSupport => isSchemeSupport(kind) && handles(kind));
    if (support === undefined) {
      throw new ConfigurationError(
        `Security scheme "${name}" is of type ${scheme.type}, which this client was not built with: regenerate the client`,
      );
    }
    const option = auth?.[scheme.option];
    const handler = support.create({
      name,
      scheme,
      option,
      optionPath: `auth.${scheme.option}`,
      readEnv,
      sessionDeps,
      servers: api.servers,
    });
    if (handler) handlers.set(name, handler);
    return handler;
  }

  const oauthSchemes = Object.entries(api.securitySchemes)
    .filter(([, scheme]) => scheme.type === 'oauth2' || scheme.type === 'openIdConnect')
    .map(([name]) => name);

  async function select(ctx: RequestContext): Promise<SelectedRequirement | undefined> {
    const requirements = ctx.operation.security ?? api.security;
    if (requirements.length === 0) return undefined;
    const extra = ctx.operation.auth;
    const lookup = extra === undefined ? handlerFor : (name: string) => handlerFor(name, extra);
    const { selected, missing } = await selectRequirement(requirements, lookup);
    if (!selected) throw createMissingCredentialError(missing, lookup, ctx);
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
    oauth: oauthController(supports, oauthSchemes, (name) => handlerFor(name)),
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

/** `client.oauth`: from the OAuth kind when the client was given it, else one that refuses. */
function oauthController(
  supports: readonly SchemeSupport[],
  schemeNames: readonly string[],
  lookup: HandlerLookup,
): OAuthController {
  for (const support of supports) if (support.controller) return support.controller(schemeNames, lookup);
  return noOAuth;
}

/** `client.oauth` of a client without oauth2 / openIdConnect schemes. */
const noOAuth: OAuthController = {
  createAuthorizationUrl: () =>
    Promise.reject(new UnsupportedAuthFlowError('No oauth2 or openIdConnect security scheme is declared')),
  exchangeCode: () => Promise.reject(new UnsupportedAuthFlowError('No oauth2 or openIdConnect security scheme is declared')),
};
