/**
 * Token endpoint behavior against a hand-written loopback token server, for what a real provider
 * cannot be made to do: JWT-only expiry, omitted refresh tokens, the password grant, redirects,
 * echoed secrets, odd token types.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createAuthenticator,
  MissingCredentialError,
  OAuthError,
  UnsupportedAuthFlowError,
  type AuthOptions,
} from '../../../runtime/auth/index.js';
import type { OAuthFlowsDescriptor, SecurityRequirement } from '../../../runtime/client/descriptor.js';
import {
  createApi,
  createContext,
  createFakeClock,
  createRequest,
  sendJson,
  startLoopback,
  type FakeClock,
  type Loopback,
} from './support/harness.js';

interface TokenCall {
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
}
type Reply = (
  call: TokenCall,
  index: number,
) =>
  | { status?: number; body?: unknown; headers?: Record<string, string> }
  | Promise<{ status?: number; body?: unknown; headers?: Record<string, string> }>;

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function startTokenServer(reply: Reply) {
  const calls: TokenCall[] = [];
  server = await startLoopback(async (req, res, body) => {
    if (req.url !== '/token') return sendJson(res, 404, {});
    const call = { params: Object.fromEntries(new URLSearchParams(body)), headers: req.headers };
    calls.push(call);
    const answer = await reply(call, calls.length - 1);
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
    res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  });
  return { url: server.url, calls };
}

function fakeJwt(payload: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'RS256', typ: 'at+jwt' })}.${encode(payload)}.c2lnbmF0dXJl`;
}

function oauthAuth(
  flows: OAuthFlowsDescriptor,
  auth: AuthOptions | undefined,
  clock: FakeClock,
  extra: { warn?: (m: string) => void; fetch?: typeof fetch } = {},
) {
  const api = createApi(
    { oauth: { type: 'oauth2', flows, option: 'oauth', env: 'TESTAPI_OAUTH' } },
    [{ oauth: [] }],
    [{ url: 'http://127.0.0.1:1/v1' }],
  );
  return createAuthenticator(api, auth, { fetch: extra.fetch ?? fetch, clock, ...(extra.warn ? { warn: extra.warn } : {}) });
}

async function authorizationOf(
  auth: ReturnType<typeof oauthAuth>,
  security?: readonly SecurityRequirement[],
): Promise<string | null> {
  const request = createRequest('http://127.0.0.1:1/v1/thing');
  await auth.apply(request, createContext(security));
  return request.headers.get('authorization');
}

describe('expiry and refresh', () => {
  it('uses the JWT exp claim when expires_in is absent', async () => {
    const clock = createFakeClock(1_700_000_000_000);
    const { url, calls } = await startTokenServer((_, index) => ({
      body: { access_token: fakeJwt({ exp: Math.floor(clock.now() / 1000) + 100, n: index }), token_type: 'Bearer' },
    }));
    const auth = oauthAuth(
      { clientCredentials: { tokenUrl: `${url}/token`, scopes: [] } },
      { oauth: { clientId: 'c', clientSecret: 's' } },
      clock,
    );
    const first = await authorizationOf(auth);
    clock.advance(60_000);
    expect(await authorizationOf(auth)).toBe(first);
    expect(calls).toHaveLength(1);
    clock.advance(15_000); // 25 s left < 30 s skew
    expect(await authorizationOf(auth)).not.toBe(first);
    expect(calls).toHaveLength(2);
  });

  it('keeps the refresh token when the answer omits it, and replaces it when a new one comes (rotation)', async () => {
    const clock = createFakeClock();
    const { url, calls } = await startTokenServer((call, index) => ({
      body: {
        access_token: `at-${index}`,
        token_type: 'bearer',
        expires_in: 60,
        ...(index === 1 ? {} : { refresh_token: `rt-${index}` }),
      },
    }));
    const auth = oauthAuth(
      { password: { tokenUrl: `${url}/token`, scopes: [] } },
      { oauth: { username: 'u', password: 'p', clientId: 'c' } },
      clock,
      { warn: () => {} },
    );
    expect(await authorizationOf(auth)).toBe('Bearer at-0');
    clock.advance(61_000);
    expect(await authorizationOf(auth)).toBe('Bearer at-1'); // no refresh_token in this answer
    clock.advance(61_000);
    expect(await authorizationOf(auth)).toBe('Bearer at-2');
    clock.advance(61_000);
    expect(await authorizationOf(auth)).toBe('Bearer at-3');
    expect(calls.map((call) => call.params['grant_type'])).toEqual([
      'password',
      'refresh_token',
      'refresh_token',
      'refresh_token',
    ]);
    expect(calls.map((call) => call.params['refresh_token'])).toEqual([undefined, 'rt-0', 'rt-0', 'rt-2']);
  });

  it('a client-credentials client whose refresh token is refused simply asks again as itself', async () => {
    const clock = createFakeClock();
    const { url, calls } = await startTokenServer((call, index) =>
      call.params['grant_type'] === 'refresh_token'
        ? { status: 400, body: { error: 'invalid_grant' } }
        : { body: { access_token: `at-${index}`, token_type: 'Bearer', expires_in: 60, refresh_token: 'rt' } },
    );
    const auth = oauthAuth(
      { clientCredentials: { tokenUrl: `${url}/token`, scopes: [] } },
      { oauth: { clientId: 'c', clientSecret: 's' } },
      clock,
    );
    await authorizationOf(auth);
    clock.advance(61_000);
    expect(await authorizationOf(auth)).toBe('Bearer at-2');
    expect(calls.map((call) => call.params['grant_type'])).toEqual(['client_credentials', 'refresh_token', 'client_credentials']);
  });

  it('a caller whose signal aborts stops waiting; the shared refresh still completes for the others', async () => {
    const clock = createFakeClock();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { url, calls } = await startTokenServer(async () => {
      await gate;
      return { body: { access_token: 'shared', token_type: 'Bearer', expires_in: 60 } };
    });
    const auth = oauthAuth(
      { clientCredentials: { tokenUrl: `${url}/token`, scopes: [] } },
      { oauth: { clientId: 'c', clientSecret: 's' } },
      clock,
    );
    const controller = new AbortController();
    const aborted = auth.apply(createRequest('http://127.0.0.1:1/x'), { ...createContext(), signal: controller.signal });
    const other = createRequest('http://127.0.0.1:1/x');
    const waiting = auth.apply(other, createContext());
    controller.abort(new Error('caller gave up'));
    await expect(aborted).rejects.toThrow('caller gave up');
    release();
    await waiting;
    expect(other.headers.get('authorization')).toBe('Bearer shared');
    expect(calls).toHaveLength(1);
  });
});

describe('client authentication and scopes', () => {
  it('client_secret_basic form-encodes id and secret (RFC 6749 §2.3.1) and requests the requirement scopes', async () => {
    const clock = createFakeClock();
    const { url, calls } = await startTokenServer(() => ({ body: { access_token: 't', token_type: 'Bearer', expires_in: 60 } }));
    const auth = oauthAuth(
      { clientCredentials: { tokenUrl: `${url}/token`, scopes: ['a', 'b'] } },
      { oauth: { clientId: 'my client', clientSecret: 'p@ss:w/rd+é' } },
      clock,
    );
    await authorizationOf(auth, [{ oauth: ['b', 'a'] }]);
    await authorizationOf(auth, [{ oauth: ['a', 'b'] }]); // same scope set: cached
    await authorizationOf(auth, [{ oauth: ['a'] }]);
    expect(calls).toHaveLength(2);
    const expected = Buffer.from(`my+client:${encodeURIComponent('p@ss:w/rd+é')}`).toString('base64');
    expect(calls[0]?.headers.authorization).toBe(`Basic ${expected}`);
    expect(calls[0]?.params).toEqual({ grant_type: 'client_credentials', scope: 'b a' });
    expect(calls[1]?.params['scope']).toBe('a');
  });

  it('resolves a relative tokenUrl against the server URL', async () => {
    const clock = createFakeClock();
    const { url, calls } = await startTokenServer(() => ({ body: { access_token: 't', token_type: 'Bearer' } }));
    const api = createApi(
      { oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: '/token', scopes: [] } }, option: 'oauth', env: 'X' } },
      [{ oauth: [] }],
      [{ url: `${url}/api/v1` }],
    );
    const auth = createAuthenticator(api, { oauth: { clientId: 'c', clientSecret: 's' } }, { fetch, clock });
    await auth.apply(createRequest(`${url}/api/v1/x`), createContext());
    expect(calls).toHaveLength(1);
  });
});

describe('grants with caveats', () => {
  it('password grant works and warns once (RFC 9700 §2.4)', async () => {
    const clock = createFakeClock();
    const warnings: string[] = [];
    const { url, calls } = await startTokenServer((_, index) => ({
      body: { access_token: `at-${index}`, token_type: 'Bearer', expires_in: 60 },
    }));
    const auth = oauthAuth(
      { password: { tokenUrl: `${url}/token`, scopes: [] } },
      { oauth: { username: 'alice', password: 'pw', clientId: 'cli' } },
      clock,
      { warn: (m) => warnings.push(m) },
    );
    await authorizationOf(auth);
    clock.advance(61_000);
    await authorizationOf(auth);
    expect(calls.map((call) => call.params)).toEqual([
      { grant_type: 'password', username: 'alice', password: 'pw', client_id: 'cli' },
      { grant_type: 'password', username: 'alice', password: 'pw', client_id: 'cli' },
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('RFC 9700');
    expect(warnings[0]).not.toContain('pw');
  });

  it('implicit is refused with the reason and the alternative, without any request', async () => {
    const clock = createFakeClock();
    const requests: string[] = [];
    const spy: typeof fetch = (input) => {
      requests.push(input instanceof Request ? input.url : input.toString());
      return Promise.reject(new Error('no request expected'));
    };
    const flows = { implicit: { authorizationUrl: 'https://as.example/authorize', scopes: [] } };
    const auth = oauthAuth(flows, { oauth: { clientId: 'spa' } }, clock, { fetch: spy });
    const error = await authorizationOf(auth).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedAuthFlowError);
    expect((error as Error).message).toMatch(/RFC 9700/);
    expect((error as Error).message).toMatch(/authorization code flow with PKCE/);
    expect((error as Error).message).toContain('auth.oauth.accessToken');
    await expect(auth.oauth.createAuthorizationUrl({ redirectUri: 'https://app/cb' })).rejects.toBeInstanceOf(
      UnsupportedAuthFlowError,
    );
    expect(requests).toEqual([]);
    // A token the app obtained itself is still sent.
    const withToken = oauthAuth(flows, { oauth: { accessToken: 'obtained-elsewhere' } }, clock, { fetch: spy });
    expect(await authorizationOf(withToken)).toBe('Bearer obtained-elsewhere');
  });
});

describe('refusals', () => {
  it('does not follow a redirect from the token endpoint', async () => {
    const clock = createFakeClock();
    const { url, calls } = await startTokenServer(() => ({ status: 307, headers: { location: '/elsewhere' } }));
    const auth = oauthAuth(
      { clientCredentials: { tokenUrl: `${url}/token`, scopes: [] } },
      { oauth: { clientId: 'c', clientSecret: 's' } },
      clock,
    );
    await expect(authorizationOf(auth)).rejects.toThrow(/redirect/);
    expect(calls).toHaveLength(1);
  });

  it('refuses plain http to a non-loopback token endpoint unless allowed', async () => {
    const requests: string[] = [];
    const spy: typeof fetch = (input) => {
      requests.push(input instanceof Request ? input.url : input.toString());
      return Promise.resolve(new Response(JSON.stringify({ access_token: 't', token_type: 'Bearer' })));
    };
    const flows = { clientCredentials: { tokenUrl: 'http://auth.example.test/token', scopes: [] } };
    const options = { oauth: { clientId: 'c', clientSecret: 's' } };
    await expect(authorizationOf(oauthAuth(flows, options, createFakeClock(), { fetch: spy }))).rejects.toThrow(/https/);
    expect(requests).toEqual([]);
    const api = createApi({ oauth: { type: 'oauth2', flows, option: 'oauth', env: 'X' } }, [{ oauth: [] }]);
    const allowed = createAuthenticator(api, options, { fetch: spy, clock: createFakeClock(), allowInsecureHttp: true });
    await allowed.apply(createRequest('http://127.0.0.1:1/x'), createContext());
    expect(requests).toEqual(['http://auth.example.test/token']);
  });

  it('refuses a token type other than Bearer (RFC 6749 §7.1)', async () => {
    const { url } = await startTokenServer(() => ({ body: { access_token: 't', token_type: 'mac' } }));
    const auth = oauthAuth(
      { clientCredentials: { tokenUrl: `${url}/token`, scopes: [] } },
      { oauth: { clientId: 'c', clientSecret: 's' } },
      createFakeClock(),
    );
    await expect(authorizationOf(auth)).rejects.toThrow(/only Bearer/);
  });

  it('an OAuth error keeps its code and status; secrets echoed by the server are scrubbed', async () => {
    const secret = 'client-secret-Qw3-do-not-leak';
    const { url } = await startTokenServer((call) => ({
      status: 400,
      body: { error: 'invalid_client', error_description: `secret ${call.params['client_secret'] ?? ''} is wrong\nagain` },
    }));
    const auth = oauthAuth(
      { clientCredentials: { tokenUrl: `${url}/token`, scopes: [] } },
      { oauth: { clientId: 'c', clientSecret: secret, clientAuthMethod: 'client_secret_post' } },
      createFakeClock(),
    );
    const error = (await authorizationOf(auth).catch((e: unknown) => e)) as OAuthError;
    expect(error).toBeInstanceOf(OAuthError);
    expect(error.oauthError).toBe('invalid_client');
    expect(error.status).toBe(400);
    expect(error.errorDescription).toBe('secret [REDACTED] is wrong again');
    expect(error.message).not.toContain(secret);
  });

  it('an authorization-code scheme with no token yet fails the call with the ways to get one', async () => {
    const flows = {
      authorizationCode: { authorizationUrl: 'https://as.example/a', tokenUrl: 'https://as.example/t', scopes: [] },
    };
    const error = await authorizationOf(oauthAuth(flows, { oauth: { clientId: 'app' } }, createFakeClock())).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MissingCredentialError);
    expect((error as Error).message).toContain('oauth.exchangeCode()');
    expect((error as MissingCredentialError).envVars).toContain('TESTAPI_OAUTH_REFRESH_TOKEN');
  });

  it('a static access token without refresh capability is not retried after a 401', async () => {
    const auth = oauthAuth(
      { authorizationCode: { authorizationUrl: 'https://as/a', tokenUrl: 'https://as/t', scopes: [] } },
      { oauth: { accessToken: 'static' } },
      createFakeClock(),
    );
    const ctx = createContext();
    await auth.apply(createRequest('http://127.0.0.1:1/x'), ctx);
    expect(await auth.onUnauthorized(ctx)).toBe(false);
  });
});
