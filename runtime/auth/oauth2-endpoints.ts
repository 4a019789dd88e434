/**
 * Where an oauth2 / openIdConnect scheme's endpoints are (the spec's flows, OIDC discovery, or the
 * app's overrides) and how the client authenticates to them.
 */
import type { SecuritySchemeDescriptor } from '../client/descriptor.js';
import { ConfigurationError } from '../errors/errors.js';
import { requireNonEmptyString, resolveCredential } from './credentials.js';
import { InvalidCredentialError, UnsupportedAuthFlowError } from './errors.js';
import type { OAuthFlowName } from './options.js';
import type { OAuthSettings } from './oauth2-settings.js';
import type { ClientAuth } from './oauth2-token-endpoint.js';
import type { OidcDiscoveryFactory, OidcMetadata } from './openid-connect.js';

export interface OAuthEndpoints {
  readonly tokenUrl: URL;
  readonly refreshUrl: URL;
  readonly authorizationUrl: URL | undefined;
  /** The discovery document, for openIdConnect schemes. */
  readonly metadata: OidcMetadata | undefined;
}

export interface EndpointResolver {
  resolve(flow: OAuthFlowName, settings: OAuthSettings): Promise<OAuthEndpoints>;
  clientAuth(settings: OAuthSettings, metadata: OidcMetadata | undefined): Promise<ClientAuth>;
}

const GRANT_TYPES: Record<OAuthFlowName, string> = {
  clientCredentials: 'client_credentials',
  authorizationCode: 'authorization_code',
  password: 'password',
  implicit: 'implicit',
};

export function createEndpointResolver(
  schemeName: string,
  scheme: SecuritySchemeDescriptor & { readonly type: 'oauth2' | 'openIdConnect' },
  baseUrl: string | undefined,
  deps: { fetch: typeof fetch; allowInsecureHttp: boolean; timeoutMs: number },
  /** OIDC discovery, handed in by `openIdConnectScheme` only: an oauth2-only client bundles none of it. */
  discovery?: OidcDiscoveryFactory,
): EndpointResolver {
  const optionPath = `auth.${scheme.option}`;
  const declared = scheme.type === 'oauth2' ? scheme.flows : undefined;

  // Relative URLs (allowed by OAS 3.1) resolve against the first absolute server URL.
  const resolveUrl = (url: string, what: string): URL => {
    try {
      return new URL(url, baseUrl);
    } catch {
      throw new InvalidCredentialError(
        `Security scheme "${schemeName}": ${what} is not a valid URL and there is no absolute server URL to resolve it against`,
      );
    }
  };
  const optionalUrl = (url: string | undefined, what: string): URL | undefined =>
    url === undefined ? undefined : resolveUrl(url, what);

  if (scheme.type === 'openIdConnect' && discovery === undefined) {
    throw new ConfigurationError(
      `Security scheme "${schemeName}" is of type openIdConnect, which this client was not built with: regenerate the client`,
    );
  }
  const discover =
    scheme.type === 'openIdConnect' ? discovery?.(resolveUrl(scheme.openIdConnectUrl, 'openIdConnectUrl'), deps) : undefined;

  return {
    async resolve(flow, settings) {
      if (discover) {
        const metadata = await discover();
        const grant = GRANT_TYPES[flow];
        if (metadata.grantTypesSupported && !metadata.grantTypesSupported.includes(grant)) {
          throw new UnsupportedAuthFlowError(`The OpenID provider of scheme "${schemeName}" does not support the ${grant} grant`);
        }
        const tokenUrl = resolveUrl(settings.tokenUrl ?? metadata.tokenEndpoint, 'token_endpoint');
        const authorization = settings.authorizationUrl ?? metadata.authorizationEndpoint;
        return {
          tokenUrl,
          refreshUrl: tokenUrl,
          authorizationUrl: optionalUrl(authorization, 'authorization_endpoint'),
          metadata,
        };
      }
      const declaredFlow = flow === 'implicit' ? undefined : declared?.[flow];
      const tokenUrlText = settings.tokenUrl ?? declaredFlow?.tokenUrl;
      if (tokenUrlText === undefined) {
        throw new UnsupportedAuthFlowError(
          `Security scheme "${schemeName}" does not declare the ${flow} flow; set ${optionPath}.flow to a declared flow or ${optionPath}.tokenUrl`,
        );
      }
      const tokenUrl = resolveUrl(tokenUrlText, 'tokenUrl');
      return {
        tokenUrl,
        refreshUrl: optionalUrl(declaredFlow?.refreshUrl, 'refreshUrl') ?? tokenUrl,
        authorizationUrl: optionalUrl(
          settings.authorizationUrl ?? declared?.authorizationCode?.authorizationUrl,
          'authorizationUrl',
        ),
        metadata: undefined,
      };
    },

    async clientAuth(settings, metadata) {
      const secretPath = `${optionPath}.clientSecret`;
      const clientSecret =
        settings.clientSecret === undefined
          ? undefined
          : requireNonEmptyString(await resolveCredential(settings.clientSecret, secretPath), secretPath);
      // Basic is the default (RFC 6749 §2.3.1 requires servers to support it); a provider that
      // advertises only client_secret_post gets that.
      const supported = metadata?.tokenEndpointAuthMethodsSupported;
      const fallback =
        supported && !supported.includes('client_secret_basic') && supported.includes('client_secret_post')
          ? 'client_secret_post'
          : 'client_secret_basic';
      return {
        clientId: settings.clientId,
        clientSecret,
        method: settings.clientAuthMethod ?? (clientSecret === undefined ? 'none' : fallback),
      };
    },
  };
}
