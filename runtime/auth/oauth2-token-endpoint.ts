/**
 * One POST to an OAuth 2.0 token endpoint (RFC 6749 §3.2) and the parsing of its answer (§5.1
 * success, §5.2 error). Every grant goes through here, so client authentication, TLS checks,
 * redirect refusal and secret scrubbing are done once.
 */
import { ConnectionError, ParseError, ResponseTooLargeError, TimeoutError } from '../errors/errors.js';
import { errorClassForStatus } from '../errors/status.js';
import { readBytesUpTo } from '../transport/capped-body.js';
import { encodeBase64, encodeFormValue, encodeUtf8 } from './encoding.js';
import { OAuthError, UnsupportedAuthFlowError } from './errors.js';
import { readJwtExpiry } from './jwt-claims.js';
import type { TokenSet } from './token-store.js';
import { isLoopbackHost } from '../request/url.js';
import type { Bytes } from '../util/bytes.js';

/** How the client authenticates to the token endpoint (RFC 6749 §2.3.1; OIDC Core §9 names). */
export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none';

export interface ClientAuth {
  readonly clientId: string | undefined;
  readonly clientSecret: string | undefined;
  readonly method: ClientAuthMethod;
}

export interface TokenEndpointDeps {
  readonly fetch: typeof fetch;
  /** Epoch ms, from the injected clock: expiry is computed against it. */
  readonly now: () => number;
  readonly timeoutMs: number;
  readonly allowInsecureHttp: boolean;
}

/**
 * Token responses are a few KiB (an ID token included); anything near this is broken or hostile.
 * 1 MiB as a literal: a bundler keeps `1024 * 1024` at the top level even where nothing reads it.
 */
export const MAX_TOKEN_RESPONSE_BYTES = 1_048_576;

const SECRET_PARAMS = ['client_secret', 'code', 'code_verifier', 'refresh_token', 'password', 'assertion'];
const KEPT_ERROR_HEADERS = ['content-type', 'www-authenticate', 'retry-after', 'date', 'x-request-id', 'request-id'];

/** Sends `params` (grant_type first) and returns the tokens, rotating the refresh token per RFC 6749 §6. */
export async function requestTokens(
  endpoint: URL,
  params: Readonly<Record<string, string>>,
  client: ClientAuth,
  deps: TokenEndpointDeps,
  previous?: Pick<TokenSet, 'refreshToken' | 'scope'>,
): Promise<TokenSet> {
  assertSecureEndpoint(endpoint, deps.allowInsecureHttp);
  const body = new URLSearchParams(params);
  const headers = new Headers({ 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' });
  addClientAuthentication(client, headers, body);
  // Also the encoded Basic credential, in case a server echoes the Authorization header.
  const basic = headers.get('Authorization')?.slice('Basic '.length);
  const secrets = [client.clientSecret, basic, ...SECRET_PARAMS.map((name) => params[name] ?? body.get(name) ?? undefined)];
  const where = describeEndpoint(endpoint);

  let response: Response;
  try {
    response = await deps.fetch(endpoint.toString(), {
      method: 'POST',
      headers,
      body: body.toString(),
      // A redirect would resend the client secret and grant to wherever it points; refuse instead.
      redirect: 'manual',
      signal: AbortSignal.timeout(deps.timeoutMs),
    });
  } catch (cause) {
    throw transportFailure(cause, `The token request to ${where}`, deps, 'failed: no response');
  }
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    throw new UnsupportedAuthFlowError(
      `The token endpoint ${where} answered with a redirect; it is not followed because the request carries credentials`,
    );
  }
  const text = await readTokenBody(response, where, deps);
  if (!response.ok) throw createTokenError(response, text, where, secrets);
  return parseTokenResponse(text, where, deps.now(), previous);
}

/** The body, capped and under the request's timeout; a cut-off body is a ConnectionError, not a raw TypeError. */
async function readTokenBody(response: Response, where: string, deps: TokenEndpointDeps): Promise<string> {
  let bytes: Bytes | undefined;
  try {
    bytes = await readBytesUpTo(response, MAX_TOKEN_RESPONSE_BYTES);
  } catch (cause) {
    throw transportFailure(cause, `The token response from ${where}`, deps, 'was cut off before its end');
  }
  if (bytes === undefined) {
    throw new ResponseTooLargeError(`The token endpoint ${where} answered with more than ${MAX_TOKEN_RESPONSE_BYTES} bytes`, {
      status: response.status,
      limitBytes: MAX_TOKEN_RESPONSE_BYTES,
    });
  }
  return new TextDecoder().decode(bytes);
}

/** The timeout's own error, else a ConnectionError whose outcome is unknown (the grant may have been used). */
function transportFailure(cause: unknown, what: string, deps: TokenEndpointDeps, failure: string): Error {
  if (typeof cause === 'object' && cause !== null && (cause as { name?: unknown }).name === 'TimeoutError') {
    return new TimeoutError(`${what} timed out after ${deps.timeoutMs} ms`);
  }
  return new ConnectionError(`${what} ${failure}`, { cause, outcomeUnknown: true });
}

function addClientAuthentication(client: ClientAuth, headers: Headers, body: URLSearchParams): void {
  if (client.method === 'client_secret_basic' && client.clientId !== undefined && client.clientSecret !== undefined) {
    // RFC 6749 §2.3.1: id and secret are form-urlencoded before being joined and base64-encoded.
    const pair = `${encodeFormValue(client.clientId)}:${encodeFormValue(client.clientSecret)}`;
    headers.set('Authorization', `Basic ${encodeBase64(encodeUtf8(pair))}`);
    return;
  }
  if (client.clientId !== undefined) body.set('client_id', client.clientId);
  if (client.method === 'client_secret_post' && client.clientSecret !== undefined) body.set('client_secret', client.clientSecret);
}

/** RFC 6749 §3.2 requires TLS for the token endpoint; plain http is allowed to loopback (tests, dev) or when opted in. */
export function assertSecureEndpoint(endpoint: URL, allowInsecureHttp: boolean): void {
  if (endpoint.protocol === 'https:' || allowInsecureHttp) return;
  if (endpoint.protocol === 'http:' && isLoopbackHost(endpoint.hostname)) return;
  throw new UnsupportedAuthFlowError(
    `Refusing to send OAuth credentials to ${describeEndpoint(endpoint)} over ${endpoint.protocol.replace(':', '')}: ` +
      'use https (RFC 6749 §3.2), or set allowInsecureHttp for a trusted network',
  );
}

/** Origin and path only: a URL's userinfo or query could hold secrets. */
export function describeEndpoint(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function parseTokenResponse(
  text: string,
  where: string,
  now: number,
  previous: Pick<TokenSet, 'refreshToken' | 'scope'> | undefined,
): TokenSet {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // No snippet: the body may well contain a token.
    throw new ParseError(`The token endpoint ${where} answered with a body that is not JSON`);
  }
  const record = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const accessToken = record['access_token'];
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new ParseError(`The token endpoint ${where} answered without an access_token (RFC 6749 §5.1)`);
  }
  const tokenType = typeof record['token_type'] === 'string' ? record['token_type'] : 'Bearer';
  if (tokenType.toLowerCase() !== 'bearer') {
    // RFC 6749 §7.1: a client must not use a token whose type it does not understand.
    throw new UnsupportedAuthFlowError(
      `The token endpoint ${where} issued a "${tokenType.slice(0, 40)}" token; only Bearer tokens are supported`,
    );
  }
  const expiresIn = Number(record['expires_in']);
  const expiresAt =
    record['expires_in'] !== undefined && Number.isFinite(expiresIn) && expiresIn >= 0
      ? now + expiresIn * 1000
      : readJwtExpiry(accessToken);
  const refreshToken =
    typeof record['refresh_token'] === 'string' && record['refresh_token'] !== ''
      ? record['refresh_token']
      : previous?.refreshToken; // absent: keep the one we have (RFC 6749 §6)
  const scope = typeof record['scope'] === 'string' ? record['scope'] : previous?.scope;
  const idToken = typeof record['id_token'] === 'string' ? record['id_token'] : undefined;
  return {
    accessToken,
    tokenType: 'Bearer',
    ...(expiresAt !== undefined ? { expiresAt } : {}),
    ...(refreshToken !== undefined ? { refreshToken } : {}),
    ...(scope !== undefined ? { scope } : {}),
    ...(idToken !== undefined ? { idToken } : {}),
  };
}

function createTokenError(response: Response, text: string, where: string, secrets: readonly (string | undefined)[]): Error {
  const headers = new Headers();
  for (const name of KEPT_ERROR_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  let record: Record<string, unknown> = {};
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json === 'object' && json !== null) record = json as Record<string, unknown>;
  } catch {
    // not JSON: handled below as a plain HTTP failure
  }
  const code =
    typeof record['error'] === 'string' && /^[\x20-\x21\x23-\x5B\x5D-\x7E]{1,100}$/.test(record['error'])
      ? record['error']
      : undefined;
  const description =
    typeof record['error_description'] === 'string' ? scrubSecrets(record['error_description'], secrets) : undefined;
  const detail = code === undefined ? '' : `: ${code}${description ? ` (${description})` : ''}`;
  // A refused grant (4xx with an RFC 6749 §5.2 code) is an authentication failure; overload and
  // outages (429, 5xx) keep their status class so retry policies treat them as transient.
  if (code !== undefined && response.status >= 400 && response.status < 500 && response.status !== 429) {
    const errorUri = typeof record['error_uri'] === 'string' ? scrubSecrets(record['error_uri'], secrets) : undefined;
    return new OAuthError(`The token endpoint ${where} refused the request${detail}`, {
      status: response.status,
      headers,
      oauthError: code,
      errorDescription: description,
      errorUri,
    });
  }
  const ErrorClass = errorClassForStatus(response.status);
  return new ErrorClass(`The token endpoint ${where} answered HTTP ${response.status}${detail}`, {
    status: response.status,
    headers,
    body:
      code === undefined ? undefined : { error: code, ...(description !== undefined ? { error_description: description } : {}) },
  });
}

/** Removes every secret this request sent from server-provided text, strips control characters and caps length. */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret !== undefined && secret.length >= 4) out = out.split(secret).join('[REDACTED]');
  }
  // eslint-disable-next-line no-control-regex
  out = out.replace(/[\x00-\x1F\x7F]/g, ' ');
  return out.length > 300 ? `${out.slice(0, 300)}…` : out;
}
