/**
 * `type: oauth2` and `type: openIdConnect`: an access token from the scheme's session (client
 * credentials, authorization code + PKCE, refresh, password; discovery for OpenID Connect), and the
 * app-driven steps of the authorization code flow (`client.oauth`). Its own module, so only a
 * client whose spec declares such a scheme bundles the token endpoint code.
 */
import { createOAuthController } from './oauth2-controller.js';
import { createOAuthSession, type OAuthSession } from './oauth2-session.js';
import { createOAuthHandler } from './scheme-handlers.js';
import type { SchemeSupport } from './schemes.js';

export const oauthScheme: SchemeSupport = {
  types: ['oauth2', 'openIdConnect'],
  create({ name, scheme, option, optionPath, sessionDeps, baseUrl }) {
    if (scheme.type !== 'oauth2' && scheme.type !== 'openIdConnect') return undefined;
    return createOAuthHandler(createOAuthSession(name, scheme, option, baseUrl, sessionDeps), optionPath);
  },
  controller: (schemeNames, lookup) =>
    createOAuthController(schemeNames, (name): OAuthSession | undefined => lookup(name)?.session),
};
