/**
 * Verifies a JWT (signature, algorithm, `exp`, `nbf`, `iat`, `iss`, `aud`) with `jose`, an OPTIONAL
 * peer dependency: the runtime never imports it statically, so clients compile, bundle and run
 * without it; only calling verifyJwt needs it. `jose` is loaded with a dynamic import of a variable
 * specifier (a literal `import('jose')` would fail type-checking and bundling where it is not
 * installed); bundler users who want it bundled pass the module as `options.jose`.
 */
import { decodeBase64UrlText } from './encoding.js';
import { JwtVerificationError, MissingDependencyError } from './errors.js';

/** The part of jose's API used here (jose ≥ 5). */
export interface JoseModule {
  jwtVerify(
    jwt: string,
    key: unknown,
    options?: Record<string, unknown>,
  ): Promise<{ payload: Record<string, unknown>; protectedHeader: Record<string, unknown> }>;
  createRemoteJWKSet(url: URL, options?: Record<string, unknown>): unknown;
  importJWK(jwk: JsonWebKey, alg?: string): Promise<unknown>;
}

export interface VerifyJwtOptions {
  /** Where the issuer publishes its keys (fetched and cached by jose). One of jwksUrl or key is required. */
  jwksUrl?: string | URL;
  /** A public key (CryptoKey or JWK), or an HMAC secret as bytes. */
  key?: CryptoKey | JsonWebKey | Uint8Array;
  issuer?: string | readonly string[];
  audience?: string | readonly string[];
  /** Clock skew tolerated for `exp`, `nbf` and `iat`, in seconds; default 0. */
  leewaySec?: number;
  /** Accepted `alg` values; default: whatever the key supports (never `none`). */
  algorithms?: readonly string[];
  /** Current time in epoch ms; default Date.now (pass the client's clock in tests). */
  now?: () => number;
  /** The jose module, when the app imports it itself (bundlers, import maps). */
  jose?: JoseModule;
}

export interface VerifiedJwt {
  readonly payload: Record<string, unknown>;
  readonly header: Record<string, unknown>;
}

const JOSE_SPECIFIER = 'jose';
const remoteKeySets = new WeakMap<JoseModule, Map<string, unknown>>();

/** Loads an optional module by name; MissingDependencyError when it is not installed. @internal */
export async function importOptionalJose(specifier: string = JOSE_SPECIFIER): Promise<JoseModule> {
  let loaded: unknown;
  try {
    loaded = (await import(/* @vite-ignore */ /* webpackIgnore: true */ specifier)) as unknown;
  } catch (cause) {
    throw new MissingDependencyError(
      'verifyJwt needs the optional peer dependency "jose": install it (npm install jose) or pass it as options.jose',
      { cause },
    );
  }
  const candidate = loaded as Partial<JoseModule> | null;
  if (!candidate || typeof candidate.jwtVerify !== 'function' || typeof candidate.createRemoteJWKSet !== 'function') {
    throw new MissingDependencyError(`The module "${specifier}" does not look like jose (no jwtVerify)`);
  }
  return candidate as JoseModule;
}

export async function verifyJwt(token: string, options: VerifyJwtOptions): Promise<VerifiedJwt> {
  const fail = (reason: string, detail: string): JwtVerificationError =>
    new JwtVerificationError(`JWT verification failed: ${detail.split(token).join('[token]')}`, { reason });
  const header = readHeader(token);
  if (!header) throw fail('ERR_JWS_INVALID', 'not a JWS compact serialization');
  // RFC 8725 §3.1 / §2.1: an unsigned token is never acceptable where a signature is expected.
  if (typeof header['alg'] !== 'string' || header['alg'].toLowerCase() === 'none') {
    throw fail('ALG_NONE', 'unsigned tokens (alg "none") are rejected');
  }
  if (options.algorithms?.some((alg) => alg.toLowerCase() === 'none'))
    throw fail('ALG_NONE', '"none" cannot be an accepted algorithm');
  const jose = options.jose ?? (await importOptionalJose());
  const now = (options.now ?? Date.now)();
  const leeway = options.leewaySec ?? 0;
  const key = selectKey(jose, options);
  if (key === undefined) throw fail('ERR_NO_KEY', 'pass options.jwksUrl or options.key');

  let result: { payload: Record<string, unknown>; protectedHeader: Record<string, unknown> };
  try {
    result = await jose.jwtVerify(token, key, {
      ...(options.issuer !== undefined ? { issuer: toArray(options.issuer) } : {}),
      ...(options.audience !== undefined ? { audience: toArray(options.audience) } : {}),
      ...(options.algorithms !== undefined ? { algorithms: [...options.algorithms] } : {}),
      clockTolerance: leeway,
      currentDate: new Date(now),
      requiredClaims: ['exp'], // a token that never expires is refused (RFC 8725 §3.10 spirit)
    });
  } catch (error) {
    const code = typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'ERR_JWT_INVALID';
    const message = error instanceof Error ? error.message : 'invalid token';
    // The jose error is not kept as `cause`: it carries the claims set.
    throw fail(code, message);
  }
  // jose checks `iat` only with maxTokenAge; a token issued in the future is refused here (RFC 7519 §4.1.6).
  const iat = result.payload['iat'];
  if (typeof iat === 'number' && iat > now / 1000 + leeway)
    throw fail('ERR_JWT_CLAIM_VALIDATION_FAILED', '"iat" claim is in the future');
  return { payload: result.payload, header: result.protectedHeader };
}

function selectKey(jose: JoseModule, options: VerifyJwtOptions): unknown {
  if (options.jwksUrl !== undefined) {
    const url = new URL(options.jwksUrl);
    let sets = remoteKeySets.get(jose);
    if (!sets) remoteKeySets.set(jose, (sets = new Map<string, unknown>()));
    let set = sets.get(url.href);
    if (set === undefined) sets.set(url.href, (set = jose.createRemoteJWKSet(url)));
    return set;
  }
  const key = options.key;
  if (key === undefined || key instanceof Uint8Array || isCryptoKey(key)) return key;
  // A JWK: imported per verification with its own `alg`, else the token's (jose checks they fit the key type).
  return (protectedHeader: { alg?: string }) => jose.importJWK(key, key.alg ?? protectedHeader.alg);
}

function isCryptoKey(value: unknown): value is CryptoKey {
  return typeof CryptoKey !== 'undefined' && value instanceof CryptoKey;
}

function readHeader(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const text = decodeBase64UrlText(parts[0] ?? '');
  if (text === undefined) return undefined;
  try {
    const header: unknown = JSON.parse(text);
    return typeof header === 'object' && header !== null ? (header as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const toArray = (value: string | readonly string[]): string[] => (typeof value === 'string' ? [value] : [...value]);
