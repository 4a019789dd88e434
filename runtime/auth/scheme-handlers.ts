/**
 * One handler per security scheme: can it be satisfied now, and how it writes its credential into a
 * request. Static kinds (apiKey, http) resolve the option (value or function) or the environment
 * and write it with their codec (schemes.ts); oauth2 and openIdConnect delegate to an OAuthSession;
 * mutualTLS writes nothing.
 */
import type { PreparedRequest, RequestContext } from '../client/descriptor.js';
import { resolveCredential, type EnvReader } from './credentials.js';
import { formatBearerAuthorization } from './http-bearer.js';
import type { OAuthSession } from './oauth2-session.js';

/** What one scheme did to one request, kept until the response is known. */
export interface AppliedScheme {
  /** After a 401: true when a retry would carry a different credential. */
  onUnauthorized(signal?: AbortSignal): Promise<boolean>;
}

export interface SchemeHandler {
  readonly name: string;
  /** `auth.<option>` */
  readonly optionPath: string;
  /** True when this scheme writes the Authorization header (two such schemes cannot be combined). */
  readonly usesAuthorization: boolean;
  isAvailable(scopes: readonly string[]): Promise<boolean>;
  apply(request: PreparedRequest, scopes: readonly string[], ctx: RequestContext): Promise<AppliedScheme>;
  /** Environment variables that would satisfy the scheme, for MissingCredentialError. */
  envVars(): readonly string[];
  /** Another way to satisfy the scheme, for MissingCredentialError. */
  hint?(): string | undefined;
  /** oauth2 / openIdConnect: the session behind the handler (the app-driven steps use it). */
  readonly session?: OAuthSession;
}

const unchanged: AppliedScheme = { onUnauthorized: () => Promise.resolve(false) };

/**
 * How one static kind (apiKey, http basic, bearer, another http scheme) reads, checks and writes
 * its credential. Each kind is its own codec (schemes.ts), so a client whose spec has only API keys
 * bundles no Basic encoding and no JWT expiry check.
 */
export interface StaticCodec<V> {
  readonly usesAuthorization: boolean;
  /** Environment variables that satisfy the scheme. */
  readonly envNames: readonly string[];
  fromEnv(readEnv: EnvReader): V | undefined;
  /** The option's (or environment's) value, checked: throws InvalidCredentialError naming `what`. */
  accept(value: unknown, what: string): V;
  /** The value to send: e.g. a bearer JWT past its `exp` is replaced by `again()` or refused. */
  fresh?(value: V, what: string, again: (() => Promise<V>) | undefined): Promise<V>;
  write(request: PreparedRequest, value: V, what: string): void;
  same(a: V, b: V): boolean;
}

/** A handler for a static kind: the option (a value, or a function called per request) or the environment. */
export function createStaticHandler<V>(
  name: string,
  optionPath: string,
  codec: StaticCodec<V>,
  option: unknown,
  readEnv: EnvReader,
): SchemeHandler {
  const what = `The credential for security scheme "${name}" (${optionPath})`;
  const resolveOnce = async (): Promise<V> =>
    codec.accept(option !== undefined ? await resolveCredential(option, optionPath) : codec.fromEnv(readEnv), what);
  // A function source is asked once more when the value it gave cannot be sent (an expired JWT).
  const again = typeof option === 'function' ? resolveOnce : undefined;
  const resolve = async (): Promise<V> => {
    const value = await resolveOnce();
    return codec.fresh === undefined ? value : codec.fresh(value, what, again);
  };
  return {
    name,
    optionPath,
    usesAuthorization: codec.usesAuthorization,
    isAvailable: () => Promise.resolve(option !== undefined || codec.fromEnv(readEnv) !== undefined),
    async apply(request) {
      const value = await resolve();
      codec.write(request, value, what);
      // A function source may rotate: after a 401, retry once if it now returns something else.
      if (typeof option !== 'function') return unchanged;
      return { onUnauthorized: async () => !codec.same(await resolve(), value) };
    },
    envVars: () => codec.envNames,
  };
}

/** oauth2 and openIdConnect: `Authorization: Bearer <access token>` (RFC 6750 §2.1). */
export function createOAuthHandler(session: OAuthSession, optionPath: string): SchemeHandler {
  const what = `The access token for security scheme "${session.schemeName}"`;
  return {
    name: session.schemeName,
    optionPath,
    usesAuthorization: true,
    session,
    isAvailable: (scopes) => session.isAvailable(scopes),
    async apply(request, scopes, ctx) {
      const token = await session.getAccessToken(scopes, ctx);
      request.headers.set('Authorization', formatBearerAuthorization(token, what));
      return { onUnauthorized: () => session.handleUnauthorized(scopes, token, ctx) };
    },
    envVars: () => session.describeEnv(),
    hint: () =>
      session.currentFlow() === 'authorizationCode'
        ? 'or sign a user in with oauth.createAuthorizationUrl() and oauth.exchangeCode()'
        : undefined,
  };
}

/**
 * mutualTLS: the client certificate is presented during the TLS handshake, which fetch does not
 * expose per request; the app passes a custom `fetch` (or undici dispatcher) holding the certificate.
 * Nothing to write, so the scheme is always satisfied.
 */
export function createMutualTlsHandler(name: string, optionPath: string): SchemeHandler {
  return {
    name,
    optionPath,
    usesAuthorization: false,
    isAvailable: () => Promise.resolve(true),
    apply: () => Promise.resolve(unchanged),
    envVars: () => [],
  };
}
