/**
 * One handler per security scheme: can it be satisfied now, and how it writes its credential into a
 * request. Static kinds (apiKey, http) resolve the option (value or function) or the environment;
 * oauth2 and openIdConnect delegate to an OAuthSession; mutualTLS writes nothing.
 */
import type { PreparedRequest, RequestContext, SecuritySchemeDescriptor } from '../client/descriptor.js';
import { applyApiKey } from './api-key.js';
import { requireNonEmptyString, resolveCredential, type EnvReader } from './credentials.js';
import { InvalidCredentialError } from './errors.js';
import { formatBasicAuthorization, isBasicCredentials, type BasicCredentials } from './http-basic.js';
import { ensureUnexpiredBearer } from './bearer-expiry.js';
import { formatBearerAuthorization, formatSchemeAuthorization } from './http-bearer.js';
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
}

const unchanged: AppliedScheme = { onUnauthorized: () => Promise.resolve(false) };

type StaticKind =
  | { kind: 'apiKey'; in: 'header' | 'query' | 'cookie'; name: string }
  | { kind: 'basic' }
  | { kind: 'bearer' }
  | { kind: 'http'; scheme: string };

/** A handler for apiKey, http basic, http bearer and other http schemes. */
export function createStaticHandler(
  name: string,
  scheme: SecuritySchemeDescriptor,
  kind: StaticKind,
  option: unknown,
  readEnv: EnvReader,
  now: () => number = Date.now,
): SchemeHandler {
  const optionPath = `auth.${scheme.option}`;
  const what = `The credential for security scheme "${name}" (${optionPath})`;
  const envNames = kind.kind === 'basic' ? [`${scheme.env}_USERNAME`, `${scheme.env}_PASSWORD`] : [scheme.env];

  const fromEnv = (): string | BasicCredentials | undefined => {
    if (kind.kind === 'basic') {
      const username = readEnv(`${scheme.env}_USERNAME`);
      const password = readEnv(`${scheme.env}_PASSWORD`);
      return username !== undefined && password !== undefined ? { username, password } : undefined;
    }
    // Bearer also accepts <ENV>_TOKEN, the name many tools use for tokens.
    return readEnv(scheme.env) ?? (kind.kind === 'bearer' ? readEnv(`${scheme.env}_TOKEN`) : undefined);
  };

  const resolveOnce = async (): Promise<string | BasicCredentials> => {
    const value: unknown = option !== undefined ? await resolveCredential(option, optionPath) : fromEnv();
    if (kind.kind === 'basic') {
      if (!isBasicCredentials(value)) throw new InvalidCredentialError(`${what} must be { username, password }`);
      return value;
    }
    return requireNonEmptyString(value, what);
  };
  // A bearer JWT past its `exp` is never sent: a function source is asked once more for a fresh one.
  const refreshBearer = async (): Promise<string> => requireNonEmptyString(await resolveOnce(), what);
  const resolve = async (): Promise<string | BasicCredentials> => {
    const value = await resolveOnce();
    if (kind.kind !== 'bearer' || typeof value !== 'string') return value;
    return ensureUnexpiredBearer(value, now(), what, typeof option === 'function' ? refreshBearer : undefined);
  };

  const write = (request: PreparedRequest, value: string | BasicCredentials): void => {
    if (typeof value !== 'string') {
      request.headers.set('Authorization', formatBasicAuthorization(value, what));
      return;
    }
    switch (kind.kind) {
      case 'apiKey':
        applyApiKey(request, kind.in, kind.name, value, what);
        return;
      case 'bearer':
        request.headers.set('Authorization', formatBearerAuthorization(value, what));
        return;
      case 'http':
        request.headers.set('Authorization', formatSchemeAuthorization(kind.scheme, value, what));
        return;
      case 'basic':
        return;
    }
  };

  const same = (a: string | BasicCredentials, b: string | BasicCredentials): boolean =>
    typeof a === 'string' || typeof b === 'string' ? a === b : a.username === b.username && a.password === b.password;

  return {
    name,
    optionPath,
    usesAuthorization: kind.kind !== 'apiKey',
    isAvailable: () => Promise.resolve(option !== undefined || fromEnv() !== undefined),
    async apply(request) {
      const value = await resolve();
      write(request, value);
      // A function source may rotate: after a 401, retry once if it now returns something else.
      if (typeof option !== 'function') return unchanged;
      return { onUnauthorized: async () => !same(await resolve(), value) };
    },
    envVars: () => envNames,
  };
}

/** oauth2 and openIdConnect: `Authorization: Bearer <access token>` (RFC 6750 §2.1). */
export function createOAuthHandler(session: OAuthSession, optionPath: string): SchemeHandler {
  const what = `The access token for security scheme "${session.schemeName}"`;
  return {
    name: session.schemeName,
    optionPath,
    usesAuthorization: true,
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
