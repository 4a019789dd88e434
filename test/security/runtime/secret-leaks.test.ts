/**
 * SECURITY-CASES 20: a distinctive secret in every kind of credential (API key in header, query and
 * cookie; basic password; bearer token; OAuth 2.0 client secret, access token and refresh token),
 * a logger capturing every record, the console watched, then calls that fail every way (401, 500
 * with retries, connection refused, timeout, token endpoint refusals, a credential that cannot be
 * sent). Everything the client printed or threw — messages, stacks, `toJSON()`, `util.inspect(error,
 * { depth: 10 })` (and with showHidden), log records, metrics — must not contain any secret, in any
 * encoding a request uses (raw, base64 in Basic, percent-encoded).
 */
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadAuthClient, rejectionOf, type AuthClient, type AuthClientModule } from '../support/auth-client.js';
import { createManualClock } from '../support/manual-clock.js';
import { closedPortUrl, sendJson, startHttpServer, waitFor, type LoopbackServer } from '../support/loopback-server.js';

const MARK = 'Zq7xS3cr3t';
const secrets = {
  apiKeyHeader: `${MARK}-header`,
  apiKeyQuery: `${MARK}-query`,
  apiKeyCookie: `${MARK}-cookie`,
  bearer: `${MARK}-bearer`,
  basicPassword: `${MARK}-basic`,
  clientSecret: `${MARK}-client-secret`,
  accessToken: `${MARK}-access-token`,
  refreshToken: `${MARK}-refresh-token`,
};
const CLIENT_ID = 'leak-test-client';

/** Every form a secret takes on the wire: raw, percent-encoded, and inside Basic credentials. */
const needles = [
  MARK,
  encodeURIComponent(MARK),
  Buffer.from(`leak-user:${secrets.basicPassword}`).toString('base64'),
  Buffer.from(`${CLIENT_ID}:${secrets.clientSecret}`).toString('base64'),
  Buffer.from(`${encodeURIComponent(CLIENT_ID)}:${encodeURIComponent(secrets.clientSecret)}`).toString('base64'),
];

let mod: AuthClientModule;
let api: LoopbackServer;
/** How the API answers next: status per path, or `hang` to never answer. */
let answer: { status: number; hang?: boolean } = { status: 200 };
/** How the token endpoint answers. */
let tokenAnswer: { status: number; body: unknown } = {
  status: 200,
  body: { access_token: 'fresh-token', token_type: 'Bearer', expires_in: 3600 },
};
const printed: string[] = [];

const logger = {
  debug: (record: Record<string, unknown>) => printed.push(`debug ${JSON.stringify(record)} ${inspect(record, { depth: 10 })}`),
  info: (record: Record<string, unknown>) => printed.push(`info ${JSON.stringify(record)} ${inspect(record, { depth: 10 })}`),
  warn: (record: Record<string, unknown>) => printed.push(`warn ${JSON.stringify(record)} ${inspect(record, { depth: 10 })}`),
  error: (record: Record<string, unknown>) => printed.push(`error ${JSON.stringify(record)} ${inspect(record, { depth: 10 })}`),
};

function auth(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiKeyHeader: secrets.apiKeyHeader,
    apiKeyQuery: secrets.apiKeyQuery,
    apiKeyCookie: secrets.apiKeyCookie,
    bearerAuth: secrets.bearer,
    basicAuth: { username: 'leak-user', password: secrets.basicPassword },
    oauth: {
      clientId: CLIENT_ID,
      clientSecret: secrets.clientSecret,
      accessToken: secrets.accessToken,
      refreshToken: secrets.refreshToken,
      tokenUrl: `${api.url}/token`,
    },
    ...overrides,
  };
}

function makeClient(extra: Record<string, unknown> = {}): AuthClient {
  return mod.createClient({
    baseUrl: api.url,
    auth: auth(),
    logger,
    retry: false,
    circuitBreaker: false,
    rateLimit: false,
    ...extra,
  });
}

/** Everything an error shows to a person or a log pipeline. */
function describeError(error: Error & Record<string, unknown>): string {
  const toJSON = typeof error['toJSON'] === 'function' ? JSON.stringify((error['toJSON'] as () => unknown)()) : '';
  return [
    String(error),
    error.message,
    error.stack ?? '',
    toJSON,
    inspect(error, { depth: 10 }),
    inspect(error, { depth: 10, showHidden: true }),
  ].join('\n');
}

function leaksIn(text: string): string[] {
  return needles.filter((needle) => text.includes(needle));
}

beforeAll(async () => {
  mod = await loadAuthClient('secret-leak-client');
  api = await startHttpServer((request, response) => {
    if (request.url.startsWith('/token')) return sendJson(response, tokenAnswer.status, tokenAnswer.body);
    if (answer.hang) return; // never answers; the test's fake clock fires the timeout
    // An honest server: it never echoes a credential back.
    sendJson(
      response,
      answer.status,
      answer.status === 200 ? { id: 'ok' } : { title: 'failed', status: answer.status, detail: 'see logs' },
      {
        'www-authenticate': 'Bearer realm="leak-test", error="invalid_token"',
        'x-request-id': 'server-side-id',
      },
    );
  });
}, 60_000);

afterAll(async () => {
  await api.close();
});

beforeEach(() => {
  answer = { status: 200 };
  tokenAnswer = { status: 200, body: { access_token: 'fresh-token', token_type: 'Bearer', expires_in: 3600 } };
  printed.length = 0;
  api.requests.length = 0;
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation(
      (...args: unknown[]) => void printed.push(`console.${method} ${args.map((a) => inspect(a, { depth: 10 })).join(' ')}`),
    );
  }
  return () => vi.restoreAllMocks();
});

describe('SECURITY 20: no credential in anything the client prints or throws', () => {
  it('the secrets really are sent (so a leak would be visible)', async () => {
    const client = makeClient();
    await Promise.all([client.getWithKeys(), client.getWithBearer(), client.getWithBasic(), client.getWithOAuth()]);
    const wire = JSON.stringify(api.requests);
    expect(needles.filter((n) => wire.includes(n)).length).toBeGreaterThanOrEqual(2);
    for (const value of [secrets.apiKeyHeader, secrets.apiKeyQuery, secrets.apiKeyCookie, secrets.bearer, secrets.accessToken])
      expect(wire).toContain(value);
  });

  it.each([
    ['401 on API keys', 'getWithKeys', 401, 'AuthenticationError'],
    ['401 on bearer', 'getWithBearer', 401, 'AuthenticationError'],
    ['401 on basic', 'getWithBasic', 401, 'AuthenticationError'],
    ['403 on API keys', 'getWithKeys', 403, 'PermissionDeniedError'],
    ['500 on API keys, retried', 'getWithKeys', 500, 'InternalServerError'],
    ['503 on bearer, retried', 'getWithBearer', 503, 'InternalServerError'],
  ] as const)('%s', async (_name, operation, status, errorName) => {
    answer = { status };
    const client = makeClient({ retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 }, clock: createManualClock() });
    const error = await rejectionOf(client[operation]());
    expect(error.name).toBe(errorName);
    if (status >= 500) expect(api.requests.length).toBe(3);
    expect(printed.length).toBeGreaterThan(0);
    expect(leaksIn(describeError(error))).toEqual([]);
    expect(leaksIn(printed.join('\n'))).toEqual([]);
    expect(leaksIn(JSON.stringify(client.runtime.metrics.snapshot()))).toEqual([]);
  });

  it('401 on OAuth: the refresh (with client secret and refresh token) is refused by the token endpoint', async () => {
    answer = { status: 401 };
    tokenAnswer = { status: 400, body: { error: 'invalid_grant', error_description: 'refresh token revoked' } };
    const error = await rejectionOf(makeClient().getWithOAuth());
    expect(mod.isApiwrightError(error)).toBe(true);
    expect(api.requests.some((r) => r.url.startsWith('/token'))).toBe(true);
    expect(leaksIn(describeError(error))).toEqual([]);
    expect(leaksIn(printed.join('\n'))).toEqual([]);
  });

  it.each([
    ['invalid_client', 401, { error: 'invalid_client', error_description: 'client authentication failed' }],
    ['a 500 from the token endpoint', 500, { message: 'token service down' }],
    ['a token endpoint answering HTML', 200, '<html>login</html>'],
  ])('client credentials grant refused: %s', async (_name, status, body) => {
    tokenAnswer = { status, body };
    const client = mod.createClient({
      baseUrl: api.url,
      auth: auth({ oauth: { clientId: CLIENT_ID, clientSecret: secrets.clientSecret, tokenUrl: `${api.url}/token` } }),
      logger,
      retry: false,
    });
    const error = await rejectionOf(client.getWithOAuth());
    expect(mod.isApiwrightError(error)).toBe(true);
    const tokenRequest = api.requests.find((r) => r.url.startsWith('/token'));
    expect(JSON.stringify(tokenRequest)).toMatch(new RegExp(`${MARK}|${needles[3]}|${needles[4]}`));
    expect(leaksIn(describeError(error))).toEqual([]);
    expect(leaksIn(printed.join('\n'))).toEqual([]);
  });

  it('connection refused', async () => {
    const client = mod.createClient({ baseUrl: await closedPortUrl(), auth: auth(), logger, retry: false });
    const error = await rejectionOf(client.getWithKeys());
    expect(error.name).toBe('ConnectionError');
    expect(leaksIn(describeError(error))).toEqual([]);
    expect(leaksIn(printed.join('\n'))).toEqual([]);
  });

  it('a timeout (the server never answers)', async () => {
    answer = { status: 200, hang: true };
    const clock = createManualClock();
    const call = rejectionOf(makeClient({ clock, timeoutMs: 30_000 }).getWithKeys());
    await waitFor(() => api.requests.length === 1 && clock.pending() > 0);
    clock.fireTimeouts();
    const error = await call;
    expect(error.name).toBe('TimeoutError');
    expect(leaksIn(describeError(error))).toEqual([]);
    expect(leaksIn(printed.join('\n'))).toEqual([]);
  });

  it('a credential that cannot travel in a header is refused without quoting it', async () => {
    const client = mod.createClient({
      baseUrl: api.url,
      auth: auth({ apiKeyHeader: `${MARK}-with\nnewline`, bearerAuth: `${MARK}-bearer\u0000` }),
      logger,
      retry: false,
    });
    for (const call of [client.getWithKeys(), client.getWithBearer()]) {
      const error = await rejectionOf(call);
      expect(error.name).toBe('InvalidCredentialError');
      expect(leaksIn(describeError(error))).toEqual([]);
    }
    expect(api.requests).toHaveLength(0);
    expect(leaksIn(printed.join('\n'))).toEqual([]);
  });

  it('the client object itself does not show its credentials', () => {
    const client = makeClient();
    expect(leaksIn(inspect(client, { depth: 10 }))).toEqual([]);
    expect(leaksIn(JSON.stringify(client.runtime.options))).toEqual([]);
  });
});
