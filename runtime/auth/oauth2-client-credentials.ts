/**
 * Client credentials grant (RFC 6749 §4.4): the client authenticates as itself, no user involved.
 * The scopes of the operation's security requirement are requested; tokens are cached per scope set
 * by the caller (token-manager.ts).
 */
import { requestTokens, type ClientAuth, type TokenEndpointDeps } from './oauth2-token-endpoint.js';
import type { TokenSet } from './token-store.js';

export function requestClientCredentialsToken(
  tokenUrl: URL,
  client: ClientAuth,
  scopes: readonly string[],
  extraParams: Readonly<Record<string, string>>,
  deps: TokenEndpointDeps,
): Promise<TokenSet> {
  const params: Record<string, string> = { ...extraParams, grant_type: 'client_credentials' };
  if (scopes.length > 0) params['scope'] = scopes.join(' ');
  return requestTokens(tokenUrl, params, client, deps);
}
