/**
 * OpenID Connect Discovery (OIDC Discovery 1.0 §4): the endpoints of an `openIdConnect` scheme are
 * read once from its `openIdConnectUrl`, then it behaves like an oauth2 scheme. The document is
 * fetched once per authenticator (single-flight; a failure is not cached, so the next call retries).
 */
import { ConnectionError, ParseError } from '../errors/errors.js';
import { errorClassForStatus } from '../errors/status.js';
import { UnsupportedAuthFlowError } from './errors.js';
import { assertSecureEndpoint, describeEndpoint } from './oauth2-token-endpoint.js';

export interface OidcMetadata {
  readonly issuer: string;
  readonly tokenEndpoint: string;
  readonly authorizationEndpoint?: string;
  readonly grantTypesSupported?: readonly string[];
  readonly codeChallengeMethodsSupported?: readonly string[];
  readonly tokenEndpointAuthMethodsSupported?: readonly string[];
}

const WELL_KNOWN = '/.well-known/openid-configuration';

/** Builds the discovery of one scheme: `() => metadata`, fetched once (what `openIdConnectScheme` hands in). */
export type OidcDiscoveryFactory = (
  discoveryUrl: URL,
  deps: { fetch: typeof fetch; allowInsecureHttp: boolean; timeoutMs: number },
) => () => Promise<OidcMetadata>;

export const createOidcDiscovery: OidcDiscoveryFactory = (discoveryUrl, deps) => {
  let cached: Promise<OidcMetadata> | undefined;
  return () => {
    if (!cached) {
      cached = fetchOidcMetadata(discoveryUrl, deps);
      cached.catch(() => {
        cached = undefined;
      });
    }
    return cached;
  };
};

async function fetchOidcMetadata(
  url: URL,
  deps: { fetch: typeof fetch; allowInsecureHttp: boolean; timeoutMs: number },
): Promise<OidcMetadata> {
  // The metadata says where secrets go next, so it must itself come over TLS.
  assertSecureEndpoint(url, deps.allowInsecureHttp);
  const where = describeEndpoint(url);
  let response: Response;
  try {
    response = await deps.fetch(url.toString(), {
      headers: { Accept: 'application/json' },
      signal: AbortSignal.timeout(deps.timeoutMs),
    });
  } catch (cause) {
    throw new ConnectionError(`OpenID Connect discovery at ${where} failed: no response`, { cause });
  }
  if (!response.ok) {
    const ErrorClass = errorClassForStatus(response.status);
    throw new ErrorClass(`OpenID Connect discovery at ${where} answered HTTP ${response.status}`, {
      status: response.status,
      headers: new Headers(),
      body: undefined,
    });
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new ParseError(`OpenID Connect discovery at ${where} answered with a body that is not JSON`);
  }
  return parseOidcMetadata(json, url, where);
}

function parseOidcMetadata(json: unknown, url: URL, where: string): OidcMetadata {
  const record = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const issuer = record['issuer'];
  const tokenEndpoint = record['token_endpoint'];
  if (typeof issuer !== 'string' || typeof tokenEndpoint !== 'string') {
    throw new ParseError(`OpenID Connect discovery at ${where} has no issuer or token_endpoint (OIDC Discovery §3)`);
  }
  // OIDC Discovery §4.3: the issuer must be the URL the configuration was fetched under, so a
  // compromised or mistaken document cannot point the client at another server's tokens.
  if (url.pathname.endsWith(WELL_KNOWN)) {
    const expected = `${url.origin}${url.pathname.slice(0, -WELL_KNOWN.length)}`;
    if (issuer.replace(/\/$/, '') !== expected.replace(/\/$/, '')) {
      throw new UnsupportedAuthFlowError(
        `OpenID Connect discovery at ${where} names issuer ${issuer.slice(0, 200)}, not ${expected} (OIDC Discovery §4.3)`,
      );
    }
  }
  const strings = (value: unknown): readonly string[] | undefined =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
  const authorizationEndpoint = record['authorization_endpoint'];
  const grantTypes = strings(record['grant_types_supported']);
  const challengeMethods = strings(record['code_challenge_methods_supported']);
  const authMethods = strings(record['token_endpoint_auth_methods_supported']);
  return {
    issuer,
    tokenEndpoint,
    ...(typeof authorizationEndpoint === 'string' ? { authorizationEndpoint } : {}),
    ...(grantTypes ? { grantTypesSupported: grantTypes } : {}),
    ...(challengeMethods ? { codeChallengeMethodsSupported: challengeMethods } : {}),
    ...(authMethods ? { tokenEndpointAuthMethodsSupported: authMethods } : {}),
  };
}
