/**
 * SECURITY-CASES.md #20: a secret seeded into every auth kind never appears in an error's message,
 * toJSON(), String(), stack or util.inspect (hidden properties and causes included), even when the
 * server echoes what it received.
 */
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator, type AuthOptions } from '../../../runtime/auth/index.js';
import { ApiwrightError } from '../../../runtime/errors/errors.js';
import type { SecurityRequirement, SecuritySchemeDescriptor } from '../../../runtime/client/descriptor.js';
import { createApi, createContext, createFakeClock, createRequest, startLoopback, type Loopback } from './support/harness.js';

const SECRET = 'S3cr3t-Canary-7f2a9c';

/** Echoes everything it received back in error_description (or as a non-JSON 200 on /garbage). */
let echo: Loopback;
beforeAll(async () => {
  echo = await startLoopback((req, res, body) => {
    const everything = `${req.headers.authorization ?? ''} ${body} ${decodeURIComponent(body)}`;
    if (req.url === '/garbage') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`<html>${everything}</html>`);
      return;
    }
    const status = req.url === '/down' ? 503 : 400;
    res.writeHead(status, { 'content-type': 'application/json', 'set-cookie': `sid=${SECRET}` });
    res.end(JSON.stringify({ error: 'invalid_request', error_description: everything, error_uri: `https://as/err?${body}` }));
  });
});
afterAll(() => echo.close());

function expectNoSecret(error: unknown): void {
  expect(error).toBeInstanceOf(Error);
  const e = error as Error;
  const views = [
    e.message,
    String(e),
    e.stack ?? '',
    e instanceof ApiwrightError ? JSON.stringify(e.toJSON()) : '',
    inspect(e, { depth: Infinity, showHidden: true }),
    JSON.stringify(e),
  ];
  for (const view of views) {
    expect(view).not.toContain(SECRET);
    expect(view).not.toContain(encodeURIComponent(SECRET));
    expect(view).not.toContain(Buffer.from(SECRET).toString('base64').slice(0, 16));
    expect(view).not.toContain(Buffer.from(`c:${SECRET}`).toString('base64')); // a Basic credential echoed back
  }
}

async function failureOf(
  scheme: SecuritySchemeDescriptor,
  auth: AuthOptions,
  security?: readonly SecurityRequirement[],
): Promise<unknown> {
  const api = createApi({ s: scheme }, [{ s: [] }], [{ url: 'http://127.0.0.1:1/' }]);
  const authenticator = createAuthenticator(api, auth, { fetch, clock: createFakeClock(), warn: () => {} });
  const error = await authenticator.apply(createRequest('http://127.0.0.1:1/x'), createContext(security)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeDefined();
  return error;
}

const oauth = (
  tokenPath: string,
  flow: 'clientCredentials' | 'password' | 'authorizationCode' = 'clientCredentials',
): SecuritySchemeDescriptor => ({
  type: 'oauth2',
  option: 's',
  env: 'TESTAPI_S',
  flows: {
    [flow]: { tokenUrl: `${echo.url}${tokenPath}`, authorizationUrl: `${echo.url}/auth`, scopes: [] },
  },
});

describe('no secret in thrown errors', () => {
  it.each([
    [
      'apiKey header with a newline',
      { type: 'apiKey', in: 'header', name: 'X-Key', option: 's', env: 'E' },
      { s: `${SECRET}\r\nX-Evil: 1` },
    ],
    [
      'apiKey cookie with a lone surrogate',
      { type: 'apiKey', in: 'cookie', name: 'k', option: 's', env: 'E' },
      { s: `${SECRET}\uD800` },
    ],
    [
      'basic with ":" in the username',
      { type: 'http', scheme: 'basic', option: 's', env: 'E' },
      { s: { username: `a:${SECRET}`, password: SECRET } },
    ],
    [
      'basic with a control character',
      { type: 'http', scheme: 'basic', option: 's', env: 'E' },
      { s: { username: 'a', password: `${SECRET}\u0000` } },
    ],
    ['bearer with non-ASCII', { type: 'http', scheme: 'bearer', option: 's', env: 'E' }, { s: `${SECRET}€` }],
    ['negotiate with CRLF', { type: 'http', scheme: 'negotiate', option: 's', env: 'E' }, { s: `${SECRET}\r\n` }],
    [
      'oauth static token with a newline',
      { type: 'oauth2', option: 's', env: 'E', flows: { implicit: { authorizationUrl: 'https://as/a', scopes: [] } } },
      { s: { accessToken: `${SECRET}\n` } },
    ],
  ] as const)('%s', async (_, scheme, auth) => {
    expectNoSecret(await failureOf(scheme, auth));
  });

  it.each([
    ['client credentials, secret in Basic', '/token', 'clientCredentials', { clientId: 'c', clientSecret: SECRET }],
    [
      'client credentials, secret in the body',
      '/token',
      'clientCredentials',
      { clientId: 'c', clientSecret: SECRET, clientAuthMethod: 'client_secret_post' },
    ],
    [
      'client credentials, 503',
      '/down',
      'clientCredentials',
      { clientId: 'c', clientSecret: SECRET, clientAuthMethod: 'client_secret_post' },
    ],
    ['client credentials, non-JSON 200', '/garbage', 'clientCredentials', { clientId: 'c', clientSecret: SECRET }],
    ['refresh token', '/token', 'authorizationCode', { clientId: 'c', refreshToken: SECRET }],
    ['password grant', '/token', 'password', { clientId: 'c', username: 'u', password: SECRET }],
    [
      'secret from a function',
      '/token',
      'clientCredentials',
      { clientId: 'c', clientSecret: () => Promise.resolve(SECRET), clientAuthMethod: 'client_secret_post' },
    ],
  ] as const)('token endpoint echoing the request: %s', async (_, path, flow, settings) => {
    expectNoSecret(await failureOf(oauth(path, flow), { s: settings }));
  });

  it('authorization code exchange: code and verifier echoed, state mismatch', async () => {
    const api = createApi({ s: oauth('/token', 'authorizationCode') });
    const auth = createAuthenticator(api, { s: { clientId: 'c', clientSecret: SECRET } }, { fetch, clock: createFakeClock() });
    const request = await auth.oauth.createAuthorizationUrl({ redirectUri: 'http://127.0.0.1:9/cb', state: SECRET });
    const exchange = {
      code: SECRET,
      state: SECRET,
      expectedState: request.state,
      codeVerifier: `${SECRET}-${'v'.repeat(30)}`,
      redirectUri: 'http://127.0.0.1:9/cb',
    };
    expectNoSecret(await auth.oauth.exchangeCode(exchange).catch((e: unknown) => e));
    expectNoSecret(
      await auth.oauth.exchangeCode({ ...exchange, state: 'other', expectedState: SECRET }).catch((e: unknown) => e),
    );
  });

  it('missing credentials name variables, not the values configured for other schemes', async () => {
    const api = createApi({
      a: { type: 'apiKey', in: 'header', name: 'X-A', option: 'a', env: 'TESTAPI_A' },
      b: { type: 'http', scheme: 'bearer', option: 'b', env: 'TESTAPI_B' },
    });
    const auth = createAuthenticator(api, { a: SECRET }, { fetch, clock: createFakeClock() });
    const error = await auth
      .apply(createRequest('http://127.0.0.1:1/'), createContext([{ a: [], b: [] }]))
      .catch((e: unknown) => e);
    expect((error as Error).message).toContain('TESTAPI_B');
    expectNoSecret(error);
  });
});
