/**
 * OAuth 2.0 and OpenID Connect against a real authorization server (oidc-provider) and a resource
 * server that checks tokens through the provider's introspection endpoint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAuthenticator,
  createMemoryTokenStore,
  OAuthError,
  OAuthStateMismatchError,
  type TokenSet,
  type TokenStore,
} from '../../../runtime/auth/index.js';
import type { SecuritySchemeDescriptor } from '../../../runtime/client/descriptor.js';
import { createApi, createContext, createFakeClock, sendWithAuth, withEnv } from './support/harness.js';
import {
  authorizeInBrowser,
  REDIRECT_URI,
  SECRETS,
  startOidcServer,
  startResourceServer,
  type OidcServer,
  type ResourceServer,
} from './support/oidc-server.js';

let oidc: OidcServer;
let rs: ResourceServer;

beforeAll(async () => {
  oidc = await startOidcServer({ accessTokenTtlSec: 300 });
  rs = await startResourceServer(oidc);
});
afterAll(async () => {
  await rs.close();
  await oidc.close();
});

const oidcScheme = (): SecuritySchemeDescriptor => ({
  type: 'openIdConnect',
  openIdConnectUrl: oidc.discoveryUrl,
  option: 'login',
  env: 'TESTAPI_LOGIN',
});
const oauthScheme = (): SecuritySchemeDescriptor => ({
  type: 'oauth2',
  option: 'petsOauth',
  env: 'TESTAPI_PETS_OAUTH',
  flows: {
    clientCredentials: { tokenUrl: `${oidc.issuer}/token`, scopes: ['pets:read', 'pets:write'] },
    authorizationCode: { authorizationUrl: `${oidc.issuer}/auth`, tokenUrl: `${oidc.issuer}/token`, scopes: ['pets:read'] },
  },
});

function recordingStore(): TokenStore & { sets: TokenSet[] } {
  const inner = createMemoryTokenStore();
  const sets: TokenSet[] = [];
  return {
    sets,
    get: (key) => inner.get(key),
    set: (key, tokens) => {
      sets.push(tokens);
      return inner.set(key, tokens);
    },
    delete: (key) => inner.delete(key),
  };
}

describe('OpenID Connect discovery + client credentials', () => {
  it('discovers once (single-flight), requests the operation scopes, caches per scope set', async () => {
    const api = createApi({ login: oidcScheme() });
    const auth = createAuthenticator(
      api,
      { login: { clientId: 'service', clientSecret: SECRETS.service } },
      { fetch, clock: createFakeClock() },
    );
    const discoveryBefore = oidc.discoveryRequests;
    const tokensBefore = oidc.tokenRequests;

    const readCalls = Array.from({ length: 5 }, () =>
      sendWithAuth(auth, createContext([{ login: ['pets:read'] }]), `${rs.url}/scope/pets:read`),
    );
    const responses = await Promise.all(readCalls);
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ client_id: 'service', scope: 'pets:read' });
    }
    expect(oidc.discoveryRequests - discoveryBefore).toBe(1);
    expect(oidc.tokenRequests - tokensBefore).toBe(1);

    const write = await sendWithAuth(auth, createContext([{ login: ['pets:write'] }]), `${rs.url}/scope/pets:write`);
    expect(write.status).toBe(200);
    expect(await write.json()).toMatchObject({ scope: 'pets:write' });
    expect(oidc.tokenRequests - tokensBefore).toBe(2);
    expect(oidc.discoveryRequests - discoveryBefore).toBe(1);
  });

  it('uses client_secret_post when asked, and reads client id/secret from the environment', async () => {
    const restore = withEnv({
      TESTAPI_PETS_OAUTH_CLIENT_ID: 'service-post',
      TESTAPI_PETS_OAUTH_CLIENT_SECRET: SECRETS.servicePost,
    });
    try {
      const api = createApi({ petsOauth: oauthScheme() }, [{ petsOauth: [] }]);
      const auth = createAuthenticator(
        api,
        { petsOauth: { clientAuthMethod: 'client_secret_post' } },
        { fetch, clock: createFakeClock() },
      );
      const response = await sendWithAuth(auth, createContext(), `${rs.url}/scope/`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ client_id: 'service-post' });
    } finally {
      restore();
    }
  });

  it('maps a refused client to OAuthError with the RFC 6749 code and no secret', async () => {
    const api = createApi({ petsOauth: oauthScheme() }, [{ petsOauth: [] }]);
    const wrongSecret = 'wrong-secret-Yy7-do-not-leak';
    const auth = createAuthenticator(
      api,
      { petsOauth: { clientId: 'service', clientSecret: wrongSecret } },
      { fetch, clock: createFakeClock() },
    );
    const error = await auth.apply({ method: 'GET', url: new URL(rs.url), headers: new Headers() }, createContext()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OAuthError);
    expect(error).toMatchObject({ oauthError: 'invalid_client', status: 401, name: 'OAuthError' });
    expect(JSON.stringify((error as OAuthError).toJSON()) + String(error)).not.toContain(wrongSecret);
  });
});

describe('authorization code + PKCE', () => {
  it('runs the flow through login and consent, then calls the API as the user', async () => {
    const api = createApi({ petsOauth: oauthScheme() }, [{ petsOauth: [] }]);
    const auth = createAuthenticator(
      api,
      { petsOauth: { clientId: 'webapp', clientSecret: SECRETS.webapp, flow: 'authorizationCode' } },
      { fetch, clock: createFakeClock() },
    );

    const request = await auth.oauth.createAuthorizationUrl({
      redirectUri: REDIRECT_URI,
      scopes: ['openid', 'offline_access'],
      extraParams: { prompt: 'consent' },
    });
    const url = new URL(request.url);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBe(request.state);
    expect(request.codeVerifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);

    const callback = await authorizeInBrowser(request.url, 'alice');
    expect(callback.searchParams.get('state')).toBe(request.state);
    const tokens = await auth.oauth.exchangeCode({
      code: callback.searchParams.get('code') ?? '',
      state: callback.searchParams.get('state') ?? '',
      expectedState: request.state,
      codeVerifier: request.codeVerifier,
      redirectUri: REDIRECT_URI,
    });
    expect(tokens.refreshToken).toEqual(expect.any(String));

    const response = await sendWithAuth(auth, createContext(), `${rs.url}/scope/`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ sub: 'alice', client_id: 'webapp' });
  });

  it('refuses a code whose state does not match, before any token request', async () => {
    const api = createApi({ login: oidcScheme() });
    const auth = createAuthenticator(api, { login: { clientId: 'native' } }, { fetch, clock: createFakeClock() });
    const request = await auth.oauth.createAuthorizationUrl({ redirectUri: REDIRECT_URI });
    const before = oidc.tokenRequests;
    await expect(
      auth.oauth.exchangeCode({
        code: 'x',
        state: 'forged',
        expectedState: request.state,
        codeVerifier: request.codeVerifier,
        redirectUri: REDIRECT_URI,
      }),
    ).rejects.toBeInstanceOf(OAuthStateMismatchError);
    expect(oidc.tokenRequests).toBe(before);
  });

  it('public client over OIDC: adds openid, refreshes before expiry with rotation, and after a 401', async () => {
    const clock = createFakeClock();
    const store = recordingStore();
    const api = createApi({ login: oidcScheme() }, [{ login: [] }]);
    const auth = createAuthenticator(api, { login: { clientId: 'native', tokenStore: store } }, { fetch, clock });
    const request = await auth.oauth.createAuthorizationUrl({
      redirectUri: REDIRECT_URI,
      scopes: ['offline_access'],
      extraParams: { prompt: 'consent' },
    });
    expect(new URL(request.url).searchParams.get('scope')).toBe('openid offline_access');
    const callback = await authorizeInBrowser(request.url, 'bob');
    const first = await auth.oauth.exchangeCode({
      code: callback.searchParams.get('code') ?? '',
      state: callback.searchParams.get('state') ?? '',
      expectedState: request.state,
      codeVerifier: request.codeVerifier,
      redirectUri: REDIRECT_URI,
    });
    expect((await sendWithAuth(auth, createContext(), `${rs.url}/scope/`)).status).toBe(200);

    // Expiry (expires_in 300 s) minus the 30 s skew: the next call refreshes first.
    clock.advance(271_000);
    const before = oidc.tokenRequests;
    const response = await sendWithAuth(auth, createContext(), `${rs.url}/scope/`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ sub: 'bob' });
    expect(oidc.tokenRequests - before).toBe(1);
    const second = store.sets.at(-1);
    expect(second?.accessToken).not.toBe(first.accessToken);
    expect(second?.refreshToken).toEqual(expect.any(String));
    expect(second?.refreshToken).not.toBe(first.refreshToken); // rotated

    // The API stops accepting the access token: the 401 triggers one refresh and one retry.
    rs.rejected.add(second?.accessToken ?? '');
    const afterRevoke = await sendWithAuth(auth, createContext(), `${rs.url}/scope/`);
    expect(afterRevoke.status).toBe(200);
    const third = store.sets.at(-1);
    expect(third?.accessToken).not.toBe(second?.accessToken);
    expect(third?.refreshToken).not.toBe(second?.refreshToken);

    // Rotation is real: the first refresh token, already spent, is refused by the server.
    const reuse = await fetch(`${oidc.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: first.refreshToken ?? '',
        client_id: 'native',
      }).toString(),
    });
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toMatchObject({ error: 'invalid_grant' });
  });
});
