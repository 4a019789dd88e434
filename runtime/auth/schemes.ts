/**
 * The kinds of security scheme a client supports, one value per kind. A generated client hands the
 * authenticator only the kinds its spec declares (`[apiKeyScheme]`, `[httpScheme, oauthScheme]` …),
 * so a bundle for an API-key API carries no Basic encoding, no JWT reading and no OAuth.
 */
import type { SchemeKind, SecuritySchemeDescriptor, ServerDescriptor } from '../client/descriptor.js';
import { applyApiKey } from './api-key.js';
import { ensureUnexpiredBearer } from './bearer-expiry.js';
import { requireNonEmptyString, type EnvReader } from './credentials.js';
import { InvalidCredentialError } from './errors.js';
import { formatBasicAuthorization, isBasicCredentials, type BasicCredentials } from './http-basic.js';
import { formatBearerAuthorization, formatSchemeAuthorization } from './http-bearer.js';
import type { OAuthController } from './oauth2-controller.js';
import type { OAuthSessionDeps } from './oauth2-session.js';
import { createMutualTlsHandler, createStaticHandler, type SchemeHandler, type StaticCodec } from './scheme-handlers.js';
import type { HandlerLookup } from './security-requirements.js';

/** What a scheme kind is given to build the handler of one declared scheme. */
export interface SchemeSetup {
  readonly name: string;
  readonly scheme: SecuritySchemeDescriptor;
  /** `auth.<option>`'s value. */
  readonly option: unknown;
  /** `auth.<option>` */
  readonly optionPath: string;
  readonly readEnv: EnvReader;
  /** What an OAuth session needs (token requests go through the client's fetch). */
  readonly sessionDeps: OAuthSessionDeps;
  /** The API's servers: relative token URLs resolve against the first absolute one. */
  readonly servers: readonly ServerDescriptor[];
}

/** One kind of security scheme: which descriptors it handles and how it builds their handlers. */
export interface SchemeSupport extends SchemeKind {
  readonly types: readonly SecuritySchemeDescriptor['type'][];
  create(setup: SchemeSetup): SchemeHandler | undefined;
  /** oauth2 / openIdConnect: the app-driven steps of the authorization code flow. */
  controller?(schemeNames: readonly string[], lookup: HandlerLookup): OAuthController;
}

/** A scheme kind an operation brought (OperationDescriptor.auth) is one of these: checked, not cast. */
export function isSchemeSupport(kind: SchemeKind): kind is SchemeSupport {
  return typeof (kind as Partial<SchemeSupport>).create === 'function';
}

/** A credential string, as sent: non-empty (header safety is checked where it is written). */
const textCodec = (
  envNames: readonly string[],
  fromEnv: (readEnv: EnvReader) => string | undefined,
  write: StaticCodec<string>['write'],
  usesAuthorization: boolean,
): StaticCodec<string> => ({
  usesAuthorization,
  envNames,
  fromEnv,
  accept: (value, what) => requireNonEmptyString(value, what),
  write,
  same: (a, b) => a === b,
});

/** `type: apiKey` — in a header, the query or a cookie; environment `<ENV>`. */
export const apiKeyScheme: SchemeSupport = {
  types: ['apiKey'],
  create({ name, scheme, option, optionPath, readEnv }) {
    if (scheme.type !== 'apiKey') return undefined;
    const codec = textCodec(
      [scheme.env],
      (env) => env(scheme.env),
      (request, value, what) => applyApiKey(request, scheme.in, scheme.name, value, what),
      false,
    );
    return createStaticHandler(name, optionPath, codec, option, readEnv);
  },
};

/** `type: http` — basic (`<ENV>_USERNAME`, `<ENV>_PASSWORD`), bearer (`<ENV>` or `<ENV>_TOKEN`), any other scheme (`<ENV>`). */
export const httpScheme: SchemeSupport = {
  types: ['http'],
  create({ name, scheme, option, optionPath, readEnv, sessionDeps }) {
    if (scheme.type !== 'http') return undefined;
    const lower = scheme.scheme.toLowerCase();
    const env = scheme.env;
    if (lower === 'basic') return createStaticHandler(name, optionPath, basicCodec(env), option, readEnv);
    if (lower === 'bearer') {
      const bearer: StaticCodec<string> = {
        // Bearer also accepts <ENV>_TOKEN, the name many tools use for tokens.
        ...textCodec([env], (read) => read(env) ?? read(`${env}_TOKEN`), writeBearer, true),
        // A bearer JWT past its `exp` is never sent: a function source is asked once more for a fresh one.
        fresh: (value, what, again) => ensureUnexpiredBearer(value, sessionDeps.clock.now(), what, again),
      };
      return createStaticHandler(name, optionPath, bearer, option, readEnv);
    }
    const other = textCodec(
      [env],
      (read) => read(env),
      (request, value, what) => request.headers.set('Authorization', formatSchemeAuthorization(scheme.scheme, value, what)),
      true,
    );
    return createStaticHandler(name, optionPath, other, option, readEnv);
  },
};

const writeBearer: StaticCodec<string>['write'] = (request, value, what) =>
  request.headers.set('Authorization', formatBearerAuthorization(value, what));

function basicCodec(env: string): StaticCodec<BasicCredentials> {
  return {
    usesAuthorization: true,
    envNames: [`${env}_USERNAME`, `${env}_PASSWORD`],
    fromEnv(readEnv) {
      const username = readEnv(`${env}_USERNAME`);
      const password = readEnv(`${env}_PASSWORD`);
      return username !== undefined && password !== undefined ? { username, password } : undefined;
    },
    accept(value, what) {
      if (!isBasicCredentials(value)) throw new InvalidCredentialError(`${what} must be { username, password }`);
      return value;
    },
    write: (request, value, what) => request.headers.set('Authorization', formatBasicAuthorization(value, what)),
    same: (a, b) => a.username === b.username && a.password === b.password,
  };
}

/** `type: mutualTLS` — the certificate is the custom `fetch`'s business; nothing is written. */
export const mutualTlsScheme: SchemeSupport = {
  types: ['mutualTLS'],
  create: ({ name, optionPath }) => createMutualTlsHandler(name, optionPath),
};
