/**
 * `type: oauth2` and `type: openIdConnect`: an access token from the scheme's session (client
 * credentials, authorization code + PKCE, refresh, password; discovery for OpenID Connect), and the
 * app-driven steps of the authorization code flow (`client.oauth`). Its own module, so only a
 * client whose spec declares such a scheme bundles the token endpoint code; OpenID Connect
 * discovery comes only with `openIdConnectScheme` (openid-connect-scheme.ts), so an oauth2-only
 * client bundles none of it.
 */
import type { ServerDescriptor } from '../client/descriptor.js';
import { createOAuthController, type OAuthController } from './oauth2-controller.js';
import { createOAuthSession, type OAuthSession } from './oauth2-session.js';
import { createOAuthHandler, type SchemeHandler } from './scheme-handlers.js';
import type { SchemeSetup, SchemeSupport } from './schemes.js';
import type { OidcDiscoveryFactory } from './openid-connect.js';
import type { HandlerLookup } from './security-requirements.js';

export const oauthScheme: SchemeSupport = {
  types: ['oauth2'],
  create: (setup) => createOAuthSchemeHandler(setup, undefined),
  controller: createSessionController,
};

/** The handler of one oauth2 or openIdConnect scheme; `discovery` is given for openIdConnect only. */
export function createOAuthSchemeHandler(
  { name, scheme, option, optionPath, sessionDeps, servers }: SchemeSetup,
  discovery: OidcDiscoveryFactory | undefined,
): SchemeHandler | undefined {
  if (scheme.type !== 'oauth2' && scheme.type !== 'openIdConnect') return undefined;
  const session = createOAuthSession(name, scheme, option, firstAbsoluteServerUrl(servers), sessionDeps, discovery);
  return createOAuthHandler(session, optionPath);
}

/** `client.oauth` over the sessions of the named schemes, whichever kind built them. */
export function createSessionController(schemeNames: readonly string[], lookup: HandlerLookup): OAuthController {
  return createOAuthController(schemeNames, (name): OAuthSession | undefined => lookup(name)?.session);
}

/** Relative token URLs (allowed by OAS 3.1) resolve against the first absolute server URL. */
function firstAbsoluteServerUrl(servers: readonly ServerDescriptor[]): string | undefined {
  for (const server of servers) {
    try {
      return new URL(
        server.url.replace(/\{[^}]*\}/g, (match) => server.variables?.[match.slice(1, -1)]?.default ?? match),
      ).toString();
    } catch {
      // relative or templated beyond repair: try the next one
    }
  }
  return undefined;
}
