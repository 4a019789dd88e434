/**
 * apiKey (header, query, cookie), http basic, bearer and other schemes against a loopback server that
 * accepts only the exact credential; requirement selection (OR of ANDs), `security: []`, env fallback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator, MissingCredentialError, type AuthOptions } from '../../../runtime/auth/index.js';
import type { SecurityRequirement, SecuritySchemeDescriptor } from '../../../runtime/client/descriptor.js';
import {
  createApi,
  createContext,
  createFakeClock,
  createRequest,
  sendJson,
  sendWithAuth,
  startLoopback,
  withEnv,
  type Loopback,
} from './support/harness.js';

const KEY = 'k3y/with=signs+and~tilde';
const schemes: Record<string, SecuritySchemeDescriptor> = {
  headerKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', option: 'headerKey', env: 'TESTAPI_HEADER_KEY' },
  queryKey: { type: 'apiKey', in: 'query', name: 'api_key', option: 'queryKey', env: 'TESTAPI_QUERY_KEY' },
  cookieKey: { type: 'apiKey', in: 'cookie', name: 'session_key', option: 'cookieKey', env: 'TESTAPI_COOKIE_KEY' },
  basicAuth: { type: 'http', scheme: 'basic', option: 'basicAuth', env: 'TESTAPI_BASIC_AUTH' },
  bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', option: 'bearerAuth', env: 'TESTAPI_BEARER_AUTH' },
  negotiate: { type: 'http', scheme: 'Negotiate', option: 'negotiate', env: 'TESTAPI_NEGOTIATE' },
  clientCert: { type: 'mutualTLS', option: 'clientCert', env: 'TESTAPI_CLIENT_CERT' },
};

interface Seen {
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
}
let server: Loopback;
let seen: Seen[] = [];
/** Path → the exact header/query/cookie the server requires; anything else is a 401. */
const expectations: Record<string, (s: Seen) => boolean> = {
  '/header': (s) => s.headers['x-api-key'] === KEY,
  '/query': (s) => s.query['api_key'] === KEY,
  '/cookie': (s) => s.headers['cookie'] === `theme=dark; session_key=${KEY}`,
  '/basic': (s) => s.headers['authorization'] === `Basic ${Buffer.from('aladdin:open sesame ✓', 'utf8').toString('base64')}`,
  '/bearer': (s) => s.headers['authorization'] === 'Bearer eyJ.token.value',
  '/negotiate': (s) => s.headers['authorization'] === 'Negotiate YIIB-ticket',
  '/both': (s) => s.headers['x-api-key'] === KEY && s.query['api_key'] === KEY,
  '/none': (s) =>
    s.headers['authorization'] === undefined && s.headers['x-api-key'] === undefined && Object.keys(s.query).length === 0,
};

beforeAll(async () => {
  server = await startLoopback((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const record: Seen = { path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers };
    seen.push(record);
    const ok = expectations[url.pathname]?.(record) ?? false;
    sendJson(res, ok ? 200 : 401, { ok });
  });
});
afterAll(() => server.close());

function authenticator(auth: AuthOptions | undefined, security: readonly SecurityRequirement[] = []) {
  return createAuthenticator(createApi(schemes, security), auth, {
    fetch,
    clock: createFakeClock(),
    env: (name) => process.env[name] || undefined,
  });
}

async function call(
  auth: ReturnType<typeof authenticator>,
  path: string,
  security?: readonly SecurityRequirement[],
  prefill?: (h: Headers) => void,
) {
  const request = createRequest(`${server.url}${path}`);
  prefill?.(request.headers);
  await auth.apply(request, createContext(security));
  const response = await fetch(request.url, { headers: request.headers });
  return response.status;
}

describe('each kind, exactly as the server expects it', () => {
  it.each([
    ['apiKey in header', '/header', { headerKey: [] }, { headerKey: KEY }],
    ['apiKey in query', '/query', { queryKey: [] }, { queryKey: KEY }],
    ['http basic (UTF-8)', '/basic', { basicAuth: [] }, { basicAuth: { username: 'aladdin', password: 'open sesame ✓' } }],
    ['http bearer (JWT format)', '/bearer', { bearerAuth: [] }, { bearerAuth: 'eyJ.token.value' }],
    ['other http scheme', '/negotiate', { negotiate: [] }, { negotiate: 'YIIB-ticket' }],
    ['async function source', '/bearer', { bearerAuth: [] }, { bearerAuth: () => Promise.resolve('eyJ.token.value') }],
  ] as const)('%s', async (_, path, requirement, options) => {
    expect(await call(authenticator(options), path, [requirement])).toBe(200);
  });

  it('apiKey in cookie is appended to existing cookies', async () => {
    const auth = authenticator({ cookieKey: KEY });
    expect(await call(auth, '/cookie', [{ cookieKey: [] }], (h) => h.set('Cookie', 'theme=dark'))).toBe(200);
  });

  it('applying twice (a retried attempt) does not duplicate query or cookie credentials', async () => {
    const auth = authenticator({ queryKey: KEY, cookieKey: KEY });
    const request = createRequest(`${server.url}/query`);
    const ctx = createContext([{ queryKey: [], cookieKey: [] }]);
    await auth.apply(request, ctx);
    await auth.apply(request, ctx);
    expect(request.url.searchParams.getAll('api_key')).toEqual([KEY]);
    expect(request.headers.get('cookie')).toBe(`session_key=${KEY}`);
  });
});

describe('which requirement is applied', () => {
  it('AND: every scheme of the chosen requirement is applied', async () => {
    expect(await call(authenticator({ headerKey: KEY, queryKey: KEY }), '/both', [{ headerKey: [], queryKey: [] }])).toBe(200);
  });

  it('OR: the first requirement whose schemes all have credentials wins', async () => {
    const auth = authenticator({ headerKey: KEY, queryKey: KEY });
    // bearerAuth has no credential, so the second alternative (both keys) is used.
    const security = [{ bearerAuth: [], headerKey: [] }, { headerKey: [], queryKey: [] }, { negotiate: [] }];
    expect(await call(auth, '/both', security)).toBe(200);
  });

  it('`security: []` sends nothing, even with credentials configured', async () => {
    const auth = authenticator({ headerKey: KEY, queryKey: KEY, bearerAuth: 'eyJ.token.value' });
    expect(await call(auth, '/none', [])).toBe(200);
  });

  it('undefined operation security falls back to the document default', async () => {
    const auth = authenticator({ headerKey: KEY }, [{ headerKey: [] }]);
    expect(await call(auth, '/header', undefined)).toBe(200);
  });

  it('an empty requirement makes auth optional', async () => {
    expect(await call(authenticator(undefined), '/none', [{ bearerAuth: [] }, {}])).toBe(200);
  });

  it('mutualTLS adds nothing and is always satisfied', async () => {
    expect(await call(authenticator(undefined), '/none', [{ clientCert: [] }])).toBe(200);
  });
});

describe('missing credentials', () => {
  it('fails the call (not construction) naming the schemes and env vars', async () => {
    const auth = authenticator(undefined); // constructing with nothing configured is fine
    const error = await auth
      .apply(createRequest(server.url), createContext([{ headerKey: [] }, { basicAuth: [] }], 'listPets'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingCredentialError);
    const missing = error as MissingCredentialError;
    expect(missing.code).toBe('MISSING_CREDENTIAL');
    expect(missing.message).toContain('listPets');
    expect(missing.message).toContain('auth.headerKey');
    expect(missing.message).toContain('TESTAPI_HEADER_KEY');
    expect(missing.message).toContain('TESTAPI_BASIC_AUTH_USERNAME and TESTAPI_BASIC_AUTH_PASSWORD');
    expect(missing.envVars).toEqual(['TESTAPI_HEADER_KEY', 'TESTAPI_BASIC_AUTH_USERNAME', 'TESTAPI_BASIC_AUTH_PASSWORD']);
    expect(missing.schemes).toEqual(['headerKey', 'basicAuth']);
    expect(missing.toJSON().error.code).toBe('MISSING_CREDENTIAL');
  });

  it('names undeclared schemes instead of crashing', async () => {
    const error = await authenticator({})
      .apply(createRequest(server.url), createContext([{ ghost: [] }]))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingCredentialError);
    expect((error as Error).message).toContain('"ghost" (not declared');
  });
});

describe('environment variables', () => {
  it('are read when the option is absent (apiKey, basic, bearer and its _TOKEN alias)', async () => {
    const restore = withEnv({
      TESTAPI_HEADER_KEY: KEY,
      TESTAPI_BASIC_AUTH_USERNAME: 'aladdin',
      TESTAPI_BASIC_AUTH_PASSWORD: 'open sesame ✓',
      TESTAPI_BEARER_AUTH: undefined,
      TESTAPI_BEARER_AUTH_TOKEN: 'eyJ.token.value',
    });
    try {
      const auth = createAuthenticator(createApi(schemes), undefined, { fetch, clock: createFakeClock() }); // default env reader
      expect(await call(auth, '/header', [{ headerKey: [] }])).toBe(200);
      expect(await call(auth, '/basic', [{ basicAuth: [] }])).toBe(200);
      expect(await call(auth, '/bearer', [{ bearerAuth: [] }])).toBe(200);
    } finally {
      restore();
    }
    const after = createAuthenticator(createApi(schemes), undefined, { fetch, clock: createFakeClock() });
    await expect(after.apply(createRequest(server.url), createContext([{ headerKey: [] }]))).rejects.toBeInstanceOf(
      MissingCredentialError,
    );
  });

  it('the option wins over the environment', async () => {
    const restore = withEnv({ TESTAPI_HEADER_KEY: 'from-env' });
    try {
      expect(await call(authenticator({ headerKey: KEY }), '/header', [{ headerKey: [] }])).toBe(200);
    } finally {
      restore();
    }
  });
});

describe('rotation and 401', () => {
  it('a function source is re-read after a 401 and the call retried once when it changed', async () => {
    let current = 'stale-key';
    const auth = authenticator({ headerKey: () => current });
    const ctx = createContext([{ headerKey: [] }]);
    const first = createRequest(`${server.url}/header`);
    await auth.apply(first, ctx);
    current = KEY; // rotated meanwhile
    expect(await auth.onUnauthorized(ctx)).toBe(true);
    expect(await auth.onUnauthorized(ctx)).toBe(false); // once per request
    expect((await sendWithAuth(auth, createContext([{ headerKey: [] }]), `${server.url}/header`)).status).toBe(200);
  });

  it('a static value is not retried after a 401', async () => {
    const auth = authenticator({ headerKey: 'wrong' });
    const ctx = createContext([{ headerKey: [] }]);
    await auth.apply(createRequest(`${server.url}/header`), ctx);
    expect(await auth.onUnauthorized(ctx)).toBe(false);
  });
});

describe('sensitive names', () => {
  it('lists every header and query parameter the authenticator may set', () => {
    const auth = authenticator(undefined);
    expect([...auth.sensitiveHeaders].sort()).toEqual(['Authorization', 'Cookie', 'X-API-Key']);
    const keysOnly = createAuthenticator(createApi({ q: schemes['queryKey'] as SecuritySchemeDescriptor }), undefined, {
      fetch,
      clock: createFakeClock(),
    });
    expect(keysOnly.sensitiveHeaders).toEqual([]);
    expect(keysOnly.sensitiveQueryParams).toEqual(['api_key']);
    expect(auth.sensitiveQueryParams).toEqual(['api_key']);
  });

  it('combining two Authorization schemes in one requirement is an error, not a silent overwrite', async () => {
    const auth = authenticator({ basicAuth: { username: 'a', password: 'b' }, bearerAuth: 't' });
    await expect(auth.apply(createRequest(server.url), createContext([{ basicAuth: [], bearerAuth: [] }]))).rejects.toThrow(
      /Authorization header/,
    );
  });
});

it('records what the server saw (sanity: requests really went out)', () => {
  expect(seen.length).toBeGreaterThan(5);
  seen = [];
});
