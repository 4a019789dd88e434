/**
 * `type: openIdConnect`: an oauth2 session whose endpoints come from OIDC discovery
 * (openid-connect.ts). A kind of its own, so only a client whose spec declares an openIdConnect
 * scheme bundles discovery.
 */
import { createOAuthSchemeHandler, createSessionController } from './oauth2-scheme.js';
import { createOidcDiscovery } from './openid-connect.js';
import type { SchemeSupport } from './schemes.js';

export const openIdConnectScheme: SchemeSupport = {
  types: ['openIdConnect'],
  create: (setup) => createOAuthSchemeHandler(setup, createOidcDiscovery),
  controller: createSessionController,
};
