/**
 * `type: oauth2` and `type: openIdConnect`: an access token from the scheme's session (client
 * credentials, authorization code + PKCE, refresh, password; discovery for OpenID Connect), and the
 * app-driven steps of the authorization code flow (`client.oauth`). Its own module, so only a
 * client whose spec declares such a scheme bundles the token endpoint code.
 */
import type { ServerDescriptor } from '../client/descriptor.js';
import { createOAuthController } from './oauth2-controller.js';
import { createOAuthSession, type OAuthSession } from './oauth2-session.js';
import { createOAuthHandler } from './scheme-handlers.js';
import type { SchemeSupport } from './schemes.js';

export const oauthScheme: SchemeSupport = {
  types: ['oauth2', 'openIdConnect'],
  create({ name, scheme, option, optionPath, sessionDeps, servers }) {
    if (scheme.type !== 'oauth2' && scheme.type !== 'openIdConnect') return undefined;
    const session = createOAuthSession(name, scheme, option, firstAbsoluteServerUrl(servers), sessionDeps);
    return createOAuthHandler(session, optionPath);
  },
  controller: (schemeNames, lookup) =>
    createOAuthController(schemeNames, (name): OAuthSession | undefined => lookup(name)?.session),
};

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
