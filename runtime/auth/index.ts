/**
 * Authentication for generated clients: API keys, HTTP basic/bearer/other schemes, OAuth 2.0 (client
 * credentials, authorization code + PKCE, refresh, password) and OpenID Connect discovery.
 *
 * Which credentials a call sends: the operation's `security` (else the document's) lists
 * alternatives; the first whose schemes all have credentials is applied (all of its schemes);
 * `security: []` sends nothing. When none can be met the CALL fails with MissingCredentialError,
 * naming the option and environment variables to set.
 *
 * Where a credential comes from, per scheme: `auth.<option>` (a value, or a sync/async function
 * called per request so keys can rotate), else environment variables (Node/Bun `process.env`, Deno
 * `Deno.env`; never in browsers; empty values count as unset), where <ENV> is the scheme's prefix,
 * e.g. PETSTORE_API_KEY:
 *   apiKey              <ENV>
 *   http basic          <ENV>_USERNAME and <ENV>_PASSWORD
 *   http bearer         <ENV> (or <ENV>_TOKEN)
 *   other http schemes  <ENV>   (sent as `Authorization: <scheme> <value>`)
 *   oauth2 / openIdConnect (option fields win over these, field by field):
 *                       <ENV>_CLIENT_ID, <ENV>_CLIENT_SECRET  client credentials (or any flow's client)
 *                       <ENV>_ACCESS_TOKEN                    a token obtained elsewhere
 *                       <ENV>_REFRESH_TOKEN                   e.g. from an earlier login
 *                       <ENV>_USERNAME, <ENV>_PASSWORD        password grant (deprecated, warns once)
 *   mutualTLS           nothing: pass a custom `fetch` that presents the client certificate
 *
 * Nothing here keeps a secret on an error: messages name schemes, options and variables only.
 */
import type { ApiDescriptor } from '../client/descriptor.js';
import type { AuthOptions } from './options.js';
import { createAuthenticatorFor, type AuthDeps, type Authenticator } from './authenticator.js';
import { oauthScheme } from './oauth2-scheme.js';
import { openIdConnectScheme } from './openid-connect-scheme.js';
import { apiKeyScheme, httpScheme, mutualTlsScheme, type SchemeSupport } from './schemes.js';

export type { AuthDeps, Authenticator } from './authenticator.js';
export { createAuthenticatorFor } from './authenticator.js';
export { apiKeyScheme, httpScheme, mutualTlsScheme, type SchemeSupport } from './schemes.js';
export { oauthScheme } from './oauth2-scheme.js';
export { openIdConnectScheme } from './openid-connect-scheme.js';
export type {
  ApiKeyAuth,
  AuthOptions,
  BasicAuth,
  BearerAuth,
  ClientAuthMethod,
  CredentialSource,
  HttpAuth,
  MutualTlsAuth,
  OAuth2Auth,
  OAuthFlowName,
  OpenIdConnectAuth,
} from './options.js';
export type { OAuthController, SchemeChoice } from './oauth2-controller.js';
export type { AuthorizationUrlOptions } from './oauth2-session.js';
export type { AuthorizationRequest, CodeExchange } from './oauth2-authorization-code.js';
export type { EnvReader } from './credentials.js';
export { createMemoryTokenStore, type TokenSet, type TokenStore } from './token-store.js';
export {
  ExpiredTokenError,
  InvalidCredentialError,
  JwtVerificationError,
  MissingCredentialError,
  MissingDependencyError,
  OAuthError,
  OAuthStateMismatchError,
  UnsupportedAuthFlowError,
} from './errors.js';
export { createCodeChallenge, createCodeVerifier, createState } from './pkce.js';
export { decodeJwtPayload, readJwtExpiry } from './jwt-claims.js';
export { verifyJwt, type VerifyJwtOptions, type VerifiedJwt } from './jwt-verify.js';

/** Every kind of security scheme: what a client that does not know its spec's kinds uses. */
export const allSchemes: readonly SchemeSupport[] = [apiKeyScheme, httpScheme, oauthScheme, openIdConnectScheme, mutualTlsScheme];

/** An authenticator for every kind of scheme (tests, hand-built clients); generated clients pass only theirs. */
export function createAuthenticator(api: ApiDescriptor, auth: AuthOptions | undefined, deps: AuthDeps): Authenticator {
  return createAuthenticatorFor(api, auth, deps, allSchemes);
}
