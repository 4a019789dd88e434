/**
 * Authorization code grant with PKCE (RFC 6749 §4.1, RFC 7636, RFC 9700 §2.1.1). The app sends the
 * user to `url`, keeps `state` and `codeVerifier` (e.g. in its session), and on the redirect calls
 * exchangeCode with what came back.
 */
import { OAuthStateMismatchError } from './errors.js';
import { requestTokens, type ClientAuth, type TokenEndpointDeps } from './oauth2-token-endpoint.js';
import { createCodeChallenge, createCodeVerifier, createState, isValidCodeVerifier } from './pkce.js';
import type { TokenSet } from './token-store.js';

export interface AuthorizationRequest {
  readonly url: string;
  readonly state: string;
  readonly codeVerifier: string;
}

export async function buildAuthorizationRequest(
  authorizationUrl: URL,
  options: {
    clientId: string;
    redirectUri: string;
    scopes: readonly string[];
    state?: string | undefined;
    extraParams?: Readonly<Record<string, string>> | undefined;
  },
): Promise<AuthorizationRequest> {
  const codeVerifier = createCodeVerifier();
  const state = options.state ?? createState();
  const url = new URL(authorizationUrl);
  for (const [name, value] of Object.entries(options.extraParams ?? {})) url.searchParams.set(name, value);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', options.clientId);
  url.searchParams.set('redirect_uri', options.redirectUri);
  if (options.scopes.length > 0) url.searchParams.set('scope', options.scopes.join(' '));
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', await createCodeChallenge(codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  return { url: url.toString(), state, codeVerifier };
}

export interface CodeExchange {
  /** `code` from the redirect. */
  readonly code: string;
  /** `state` from the redirect. */
  readonly state: string;
  /** The `state` createAuthorizationUrl returned (kept by the app). */
  readonly expectedState: string;
  readonly codeVerifier: string;
  /** Must equal the redirect_uri of the authorization request (RFC 6749 §4.1.3). */
  readonly redirectUri: string;
}

export async function exchangeAuthorizationCode(
  tokenUrl: URL,
  client: ClientAuth,
  exchange: CodeExchange,
  deps: TokenEndpointDeps,
): Promise<TokenSet> {
  if (!constantTimeEqual(exchange.state, exchange.expectedState)) {
    throw new OAuthStateMismatchError(
      'The state returned to the redirect URI does not match the one sent; the response may be forged (RFC 6749 §10.12)',
    );
  }
  if (!isValidCodeVerifier(exchange.codeVerifier)) {
    throw new RangeError('Invalid PKCE code verifier: 43–128 characters from A–Z a–z 0–9 - . _ ~ (RFC 7636 §4.1)');
  }
  return requestTokens(
    tokenUrl,
    {
      grant_type: 'authorization_code',
      code: exchange.code,
      redirect_uri: exchange.redirectUri,
      code_verifier: exchange.codeVerifier,
    },
    client,
    deps,
  );
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length || a === '') return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
