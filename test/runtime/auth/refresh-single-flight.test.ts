/**
 * Single-flight refresh against a real authorization server: N concurrent requests that find the
 * token expired (or get a 401) cause exactly one refresh request at the token endpoint, counted
 * server-side; a failed refresh rejects them all and the next call tries again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator, createMemoryTokenStore, type TokenStore } from '../../../runtime/auth/index.js';
import { InternalServerError } from '../../../runtime/errors/errors.js';
import { createApi, createContext, createFakeClock, createRequest, sendWithAuth, type FakeClock } from './support/harness.js';
import {
  loginWithAuthorizationCode,
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

async function loggedIn(clock: FakeClock, store: TokenStore = createMemoryTokenStore()) {
  const api = createApi(
    { login: { type: 'openIdConnect', openIdConnectUrl: oidc.discoveryUrl, option: 'login', env: 'TESTAPI_LOGIN' } },
    [{ login: [] }],
  );
  const auth = createAuthenticator(api, { login: { clientId: 'native', tokenStore: store } }, { fetch, clock });
  const tokens = await loginWithAuthorizationCode(auth, 'carol');
  return { auth, tokens };
}

const CONCURRENCY = 50;

describe('single-flight refresh', () => {
  it('50 concurrent calls with an expired token cause exactly one refresh; all get the new token', async () => {
    const clock = createFakeClock();
    const { auth, tokens } = await loggedIn(clock);
    clock.advance(301_000);
    const before = oidc.tokenRequests;

    const requests = Array.from({ length: CONCURRENCY }, () => createRequest(`${rs.url}/scope/`));
    await Promise.all(requests.map((request) => auth.apply(request, createContext())));

    expect(oidc.tokenRequests - before).toBe(1);
    const sent = new Set(requests.map((request) => request.headers.get('authorization')));
    expect(sent.size).toBe(1);
    expect([...sent][0]).not.toBe(`Bearer ${tokens.accessToken}`);
    const check = await fetch(`${rs.url}/scope/`, { headers: requests[0]?.headers ?? {} });
    expect(check.status).toBe(200);
  });

  it('a failed refresh rejects all 50 with one request, and the next call refreshes again', async () => {
    const clock = createFakeClock();
    const { auth } = await loggedIn(clock);
    clock.advance(301_000);
    const before = oidc.tokenRequests;

    oidc.failTokenRequests = true;
    let outcomes: PromiseSettledResult<void>[];
    try {
      outcomes = await Promise.allSettled(
        Array.from({ length: CONCURRENCY }, () => auth.apply(createRequest(`${rs.url}/scope/`), createContext())),
      );
    } finally {
      oidc.failTokenRequests = false;
    }
    expect(oidc.tokenRequests - before).toBe(1);
    expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
    const reasons = new Set(outcomes.map((outcome) => (outcome.status === 'rejected' ? outcome.reason : undefined)));
    expect(reasons.size).toBe(1);
    const [reason] = [...reasons];
    expect(reason).toBeInstanceOf(InternalServerError); // a 503 stays retryable, it is not an auth failure
    expect(reason).toMatchObject({ status: 503 });

    const response = await sendWithAuth(auth, createContext(), `${rs.url}/scope/`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ sub: 'carol' });
    expect(oidc.tokenRequests - before).toBe(2);
  });

  it('50 concurrent 401s for the same token cause exactly one refresh and every call succeeds on retry', async () => {
    const clock = createFakeClock();
    const { auth, tokens } = await loggedIn(clock);
    rs.rejected.add(tokens.accessToken);
    const before = oidc.tokenRequests;

    const responses = await Promise.all(
      Array.from({ length: CONCURRENCY }, () => sendWithAuth(auth, createContext(), `${rs.url}/scope/`)),
    );
    expect(responses.map((response) => response.status)).toEqual(Array.from({ length: CONCURRENCY }, () => 200));
    expect(oidc.tokenRequests - before).toBe(1);
  });

  it('retries after a 401 only once per request', async () => {
    const clock = createFakeClock();
    const { auth } = await loggedIn(clock);
    const ctx = createContext();
    await auth.apply(createRequest(`${rs.url}/scope/`), ctx);
    expect(await auth.onUnauthorized(ctx)).toBe(true);
    expect(await auth.onUnauthorized(ctx)).toBe(false);
  });
});
