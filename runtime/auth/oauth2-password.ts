/**
 * Resource owner password credentials grant (RFC 6749 §4.3). Supported for legacy APIs only: RFC 9700
 * §2.4 says it MUST NOT be used (it exposes the user's password to the client and cannot do MFA), so
 * the authenticator warns once per scheme when it runs.
 */
import { requestTokens, type ClientAuth, type TokenEndpointDeps } from './oauth2-token-endpoint.js';
import type { TokenSet } from './token-store.js';

export const PASSWORD_GRANT_WARNING =
  "uses the OAuth 2.0 password grant, which RFC 9700 §2.4 deprecates (the client sees the user's password and " +
  'multi-factor login is impossible). Prefer the authorization code flow with PKCE.';

export function requestPasswordToken(
  tokenUrl: URL,
  client: ClientAuth,
  user: { username: string; password: string },
  scopes: readonly string[],
  extraParams: Readonly<Record<string, string>>,
  deps: TokenEndpointDeps,
): Promise<TokenSet> {
  const params: Record<string, string> = {
    ...extraParams,
    grant_type: 'password',
    username: user.username,
    password: user.password,
  };
  if (scopes.length > 0) params['scope'] = scopes.join(' ');
  return requestTokens(tokenUrl, params, client, deps);
}
