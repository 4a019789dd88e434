/**
 * SECURITY-CASES 18: a redirect to another origin (two loopback servers: A redirects, B records) or
 * from https to http must not carry Authorization, cookies, API-key headers or API-key query
 * parameters — tested through the generated client of fixtures/security-18-20-auth-client.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadAuthClient, type AuthClient, type AuthClientModule } from '../support/auth-client.js';
import { sendJson, startHttpServer, type LoopbackServer, type RecordedRequest } from '../support/loopback-server.js';

const auth = {
  apiKeyHeader: 'key-header-18',
  apiKeyQuery: 'key-query-18',
  apiKeyCookie: 'key-cookie-18',
  bearerAuth: 'bearer-18',
  basicAuth: { username: 'user-18', password: 'pass-18' },
  oauth: { accessToken: 'access-18' },
};
const CREDENTIALS = Object.values({ ...auth, basicAuth: 'pass-18', oauth: 'access-18' });

let mod: AuthClientModule;
let a: LoopbackServer;
let b: LoopbackServer;
/** What A answers next: a redirect (status + Location built from B's URL), or 200. */
let redirect: { status: number; to: (request: RecordedRequest) => string } | undefined;

function answerA(request: RecordedRequest, response: ServerResponse): void {
  if (request.url.startsWith('/back')) return sendJson(response, 200, { id: 'back' });
  if (redirect === undefined) return sendJson(response, 200, { id: 'a' });
  response.writeHead(redirect.status, { location: redirect.to(request) });
  response.end();
}

/** Every credential the request carries, wherever it sits (headers, cookie, query). */
function credentialsIn(request: RecordedRequest): string[] {
  const haystack = `${request.url}\n${JSON.stringify(request.headers)}`;
  const found = CREDENTIALS.filter((c) => haystack.includes(c));
  if (request.headers.authorization !== undefined) found.push(`authorization: ${request.headers.authorization}`);
  if (request.headers.cookie !== undefined) found.push(`cookie: ${request.headers.cookie}`);
  if (request.headers['x-api-key'] !== undefined) found.push('x-api-key');
  if (new URL(request.url, 'http://x').searchParams.has('api_key')) found.push('api_key');
  return found;
}

function client(baseUrl: string, extra: Record<string, unknown> = {}): AuthClient {
  return mod.createClient({ baseUrl, auth, retry: false, circuitBreaker: false, rateLimit: false, ...extra });
}

beforeAll(async () => {
  mod = await loadAuthClient('redirect-client');
  a = await startHttpServer(answerA);
  b = await startHttpServer((_request, response) => sendJson(response, 200, { id: 'b' }));
}, 60_000);

afterAll(async () => {
  await a.close();
  await b.close();
});

beforeEach(() => {
  a.requests.length = 0;
  b.requests.length = 0;
  redirect = undefined;
});

describe('SECURITY 18: credentials never follow a redirect to another origin', () => {
  it.each([
    ['API keys (header, query, cookie)', 'getWithKeys', 302],
    ['bearer', 'getWithBearer', 301],
    ['basic', 'getWithBasic', 303],
    ['OAuth access token', 'getWithOAuth', 307],
    ['bearer, permanent redirect', 'getWithBearer', 308],
  ] as const)('%s: A sees them, B (other origin) does not (%s, %i)', async (_name, operation, status) => {
    redirect = { status, to: () => `${b.url}/landing?from=a` };
    await expect(client(a.url)[operation]()).resolves.toEqual({ id: 'b' });
    expect(a.requests).toHaveLength(1);
    expect(credentialsIn(a.requests[0]!).length).toBeGreaterThan(0);
    expect(b.requests).toHaveLength(1);
    expect(b.requests[0]!.url).toBe('/landing?from=a');
    expect(credentialsIn(b.requests[0]!)).toEqual([]);
  });

  it('a 307 POST replays its body to the other origin, without the keys', async () => {
    redirect = { status: 307, to: () => `${b.url}/landing` };
    await expect(client(a.url).postWithKeys({ body: { id: 'payload' } })).resolves.toEqual({ id: 'b' });
    expect(b.requests[0]).toMatchObject({ method: 'POST', body: '{"id":"payload"}' });
    expect(credentialsIn(b.requests[0]!)).toEqual([]);
  });

  it('keys dropped on the way out stay dropped when a second redirect comes back to the first origin', async () => {
    const bounce = await startHttpServer((_request, response) => {
      response.writeHead(302, { location: `${a.url}/back` });
      response.end();
    });
    try {
      redirect = { status: 302, to: () => `${bounce.url}/bounce` };
      await expect(client(a.url).getWithKeys()).resolves.toEqual({ id: 'back' });
      expect(bounce.requests).toHaveLength(1);
      expect(credentialsIn(bounce.requests[0]!)).toEqual([]);
      expect(a.requests.map((r) => r.url.split('?')[0])).toEqual(['/keys', '/back']);
      expect(credentialsIn(a.requests[1]!)).toEqual([]);
    } finally {
      await bounce.close();
    }
  });

  it('a same-origin redirect keeps them (the check above can see credentials at all)', async () => {
    redirect = { status: 302, to: () => `${a.url}/back` };
    await expect(client(a.url).getWithKeys()).resolves.toEqual({ id: 'back' });
    expect(a.requests).toHaveLength(2);
    expect(a.requests[1]!.headers['x-api-key']).toBe('key-header-18');
    expect(a.requests[1]!.headers.cookie).toContain('session_key=key-cookie-18');
  });

  it('https → http on the same host drops every credential (fetch stubbed: the https hop answers 302)', async () => {
    const seen: { url: string; headers: Headers }[] = [];
    const fetchStub = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      seen.push({ url: request.url, headers: new Headers(request.headers) });
      if (request.url.startsWith('https:')) {
        return new Response(null, { status: 302, headers: { location: request.url.replace(/^https:/, 'http:') } });
      }
      return Response.json({ id: 'plain' });
    };
    const insecure = client('https://api.example.test', { fetch: fetchStub, allowInsecureHttp: true });
    for (const operation of ['getWithKeys', 'getWithBearer', 'getWithBasic', 'getWithOAuth'] as const) {
      seen.length = 0;
      await expect(insecure[operation]()).resolves.toEqual({ id: 'plain' });
      expect(seen.map((s) => new URL(s.url).protocol)).toEqual(['https:', 'http:']);
      const [secure, plain] = seen;
      expect([...secure!.headers.keys()].some((k) => ['authorization', 'x-api-key', 'cookie'].includes(k))).toBe(true);
      expect(plain!.headers.get('authorization')).toBeNull();
      expect(plain!.headers.get('cookie')).toBeNull();
      expect(plain!.headers.get('x-api-key')).toBeNull();
      expect(new URL(plain!.url).searchParams.has('api_key')).toBe(false);
      expect(CREDENTIALS.filter((c) => `${plain!.url} ${JSON.stringify([...plain!.headers])}`.includes(c))).toEqual([]);
    }
  });

  it('without allowInsecureHttp, a redirect from https to plain http is refused with a typed error', async () => {
    const fetchStub = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      return request.url.startsWith('https:')
        ? new Response(null, { status: 302, headers: { location: 'http://api.example.test/keys' } })
        : Response.json({ id: 'should not be reached' });
    };
    const error = await client('https://api.example.test', { fetch: fetchStub })
      .getWithKeys()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(mod.isApiwrightError(error)).toBe(true);
  });
});
