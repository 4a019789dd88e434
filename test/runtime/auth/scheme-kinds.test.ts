/**
 * OpenID Connect is a scheme kind of its own (`openIdConnectScheme`), so a client whose spec declares
 * only oauth2 schemes bundles no discovery: `oauthScheme` handles oauth2 alone, and only
 * `openIdConnectScheme` hands discovery to the session.
 */
import { describe, expect, it } from 'vitest';
import { createAuthenticatorFor, oauthScheme, openIdConnectScheme } from '../../../runtime/auth/index.js';
import { createOAuthSchemeHandler } from '../../../runtime/auth/oauth2-scheme.js';
import type { SecuritySchemeDescriptor } from '../../../runtime/client/descriptor.js';
import { ConfigurationError } from '../../../runtime/errors/errors.js';
import { createApi, createContext, createFakeClock, createRequest } from './support/harness.js';

const DISCOVERY_URL = 'https://id.example.test/.well-known/openid-configuration';
const oidcScheme: SecuritySchemeDescriptor = {
  type: 'openIdConnect',
  openIdConnectUrl: DISCOVERY_URL,
  option: 'login',
  env: 'TESTAPI_LOGIN',
};
const auth = { login: { clientId: 'app', clientSecret: 'app-secret' } };

/** A fetch that records the URLs asked for and answers every one with a 503. */
function recordingFetch(): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  const fake = (input: RequestInfo | URL): Promise<Response> => {
    urls.push(input instanceof Request ? input.url : String(input));
    return Promise.resolve(new Response('unavailable', { status: 503 }));
  };
  return { fetch: fake, urls };
}

describe('scheme kinds: oauth2 and openIdConnect', () => {
  it('oauthScheme handles oauth2 only: an openIdConnect scheme fails the call with a ConfigurationError', async () => {
    const { fetch, urls } = recordingFetch();
    const api = createApi({ login: oidcScheme }, [{ login: [] }]);
    const authenticator = createAuthenticatorFor(api, auth, { fetch, clock: createFakeClock() }, [oauthScheme]);
    const applying = authenticator.apply(createRequest('https://api.example.test/thing'), createContext());
    await expect(applying).rejects.toBeInstanceOf(ConfigurationError);
    await expect(applying).rejects.toThrow(/openIdConnect/);
    expect(urls).toEqual([]);
  });

  it('openIdConnectScheme discovers the endpoints before asking for a token', async () => {
    const { fetch, urls } = recordingFetch();
    const api = createApi({ login: oidcScheme }, [{ login: [] }]);
    const authenticator = createAuthenticatorFor(api, auth, { fetch, clock: createFakeClock() }, [openIdConnectScheme]);
    await expect(authenticator.apply(createRequest('https://api.example.test/thing'), createContext())).rejects.toThrow();
    expect(urls).toEqual([DISCOVERY_URL]);
  });

  it('an openIdConnect scheme handed no discovery is a ConfigurationError, not a silent oauth2 session', () => {
    const { fetch } = recordingFetch();
    const setup = {
      name: 'login',
      scheme: oidcScheme,
      option: auth.login,
      optionPath: 'auth.login',
      readEnv: () => undefined,
      sessionDeps: { fetch, clock: createFakeClock(), readEnv: () => undefined, warn: () => undefined, allowInsecureHttp: false },
      servers: [],
    };
    expect(() => createOAuthSchemeHandler(setup, undefined)).toThrow(ConfigurationError);
  });
});
