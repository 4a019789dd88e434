import net from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AbortError, ConfigurationError, ConnectionError, TimeoutError } from '../../../runtime/errors/errors.js';
import type { Authenticator } from '../../../runtime/auth/index.js';
import * as undici from 'undici';
import type { Client, ClientOptions } from '../../../runtime/client/options.js';
import { createUndiciFetch } from '../../../runtime/transport/undici-fetch.js';
import {
  fakeAuthenticator,
  json,
  makeClient as makeFetchClient,
  makeOp,
  rejectionOf,
  startServer,
  type TestServer,
} from '../support/client.js';

const SECRET = 'secret-token-123';
let server: TestServer;
let other: TestServer;

beforeAll(async () => {
  server = await startServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    switch (url.pathname) {
      case '/hang':
        return; // never answers
      case '/stall-body':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"partial":');
        return; // never finishes
      case '/reset':
        req.socket.destroy();
        return;
      case '/reset-mid-body':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"a":');
        setTimeout(() => req.socket.destroy(), 5);
        return;
      case '/same-origin':
        res.writeHead(302, { location: '/final?api_key=kept' });
        return res.end();
      case '/cross-origin':
        res.writeHead(307, { location: `${other.origin}/final?api_key=${SECRET}&page=2` });
        return res.end();
      case '/see-other':
        res.writeHead(303, { location: '/final' });
        return res.end();
      case '/moved':
        res.writeHead(Number(url.searchParams.get('status')), { location: '/final' });
        return res.end();
      case '/loop':
        res.writeHead(302, { location: `/loop?n=${Number(url.searchParams.get('n') ?? 0) + 1}` });
        return res.end();
      case '/to-insecure':
        res.writeHead(302, { location: 'http://insecure.example.test/final' });
        return res.end();
      default:
        return json(res, 200, { ok: true });
    }
  });
  other = await startServer((_req, res) => json(res, 200, { other: true }));
});
const agent = new undici.Agent({ connections: 8 });
afterAll(async () => {
  await agent.close();
  await server.close();
  await other.close();
});

/** Every test below runs over the platform's fetch and over the undici transport (its direct sender). */
const TRANSPORTS: Array<[string, ClientOptions]> = [
  ['the platform fetch', {}],
  ['the undici transport', { fetch: createUndiciFetch(undici, { dispatcher: agent }) }],
];

const op = (path: string, method: 'GET' | 'POST' | 'PUT' = 'GET') =>
  makeOp({ path, method, ...(method === 'GET' ? {} : { body: { mediaTypes: ['application/json'], required: false } }) });

/** Sends credentials in every place a redirect could leak them. */
const credentialed = (): Authenticator =>
  fakeAuthenticator({
    apply: async (request) => {
      request.headers.set('Authorization', `Bearer ${SECRET}`);
      request.headers.set('X-Api-Key', SECRET);
      request.headers.set('Cookie', `sid=${SECRET}`);
      request.url.searchParams.set('api_key', SECRET);
    },
    sensitiveHeaders: ['x-api-key'],
    sensitiveQueryParams: ['api_key'],
  });

describe.each(TRANSPORTS)('over %s', (_transport, transport) => {
  const makeClient = (baseUrl: string | undefined, options: ClientOptions = {}, authenticator?: Authenticator): Client =>
    makeFetchClient(baseUrl, { ...transport, ...options }, authenticator);

  describe('timeouts', () => {
    it('a server that never answers → TimeoutError after timeoutMs', async () => {
      const error = await rejectionOf(makeClient(server.origin, { timeoutMs: 50 }).request(op('/hang'), undefined));
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as Error).message).toBe('GET /hang timed out after 50 ms');
    });

    it('the per-attempt timeout also covers a body that stalls', async () => {
      const error = await rejectionOf(makeClient(server.origin, { timeoutMs: 50 }).request(op('/stall-body'), undefined));
      expect(error).toBeInstanceOf(TimeoutError);
    });

    it('the overall deadline ends an attempt early', async () => {
      const error = await rejectionOf(
        makeClient(server.origin, { timeoutMs: 10_000, deadlineMs: 40 }).request(op('/hang'), undefined),
      );
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as Error).message).toMatch(/deadline/);
    });

    it("a caller's AbortSignal.timeout() is a TimeoutError too", async () => {
      const error = await rejectionOf(
        makeClient(server.origin).request(op('/hang'), undefined, { signal: AbortSignal.timeout(30) }),
      );
      expect(error).toBeInstanceOf(TimeoutError);
    });
  });

  describe('cancellation', () => {
    it('an already aborted signal sends nothing', async () => {
      const before = server.requests.length;
      const controller = new AbortController();
      controller.abort();
      const error = await rejectionOf(makeClient(server.origin).request(op('/json'), undefined, { signal: controller.signal }));
      expect(error).toBeInstanceOf(AbortError);
      expect(server.requests.length).toBe(before);
    });

    it('aborting while waiting for headers → AbortError at once', async () => {
      const controller = new AbortController();
      const pending = makeClient(server.origin).request(op('/hang'), undefined, { signal: controller.signal });
      setTimeout(() => controller.abort(), 20);
      const error = await rejectionOf(pending);
      expect(error).toBeInstanceOf(AbortError);
      expect((error as AbortError).requestId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('aborting while the body is read → AbortError', async () => {
      const controller = new AbortController();
      const pending = makeClient(server.origin).request(op('/stall-body'), undefined, { signal: controller.signal });
      setTimeout(() => controller.abort(), 30);
      expect(await rejectionOf(pending)).toBeInstanceOf(AbortError);
    });

    it('aborting a streamed response body → AbortError from the stream', async () => {
      const controller = new AbortController();
      const stream = await makeClient(server.origin).request<ReadableStream<Uint8Array>>(op('/stall-body'), undefined, {
        signal: controller.signal,
        responseType: 'stream',
      });
      const reader = stream.getReader();
      await reader.read();
      setTimeout(() => controller.abort(), 10);
      expect(await rejectionOf(reader.read())).toBeInstanceOf(AbortError);
    });
  });

  describe('connection failures', () => {
    async function closedPort(): Promise<number> {
      const probe = net.createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      const { port } = probe.address() as net.AddressInfo;
      await new Promise<void>((resolve) => probe.close(() => resolve()));
      return port;
    }

    it('refused: the server was never reached, so outcomeUnknown is false even for a POST', async () => {
      const port = await closedPort();
      const error = await rejectionOf(makeClient(`http://127.0.0.1:${port}`).request(op('/x', 'POST'), { body: { a: 1 } }));
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as ConnectionError).outcomeUnknown).toBe(false);
      expect((error as Error).message).toMatch(/ECONNREFUSED/);
    });

    it('reset after the request was sent: unknown for a POST with a body, known for a GET', async () => {
      const post = await rejectionOf(makeClient(server.origin).request(op('/reset', 'POST'), { body: { a: 1 } }));
      expect(post).toBeInstanceOf(ConnectionError);
      expect((post as ConnectionError).outcomeUnknown).toBe(true);
      const get = await rejectionOf(makeClient(server.origin).request(op('/reset'), undefined));
      expect((get as ConnectionError).outcomeUnknown).toBe(false);
    });

    it('a failing custom fetch whose message carries the URL never leaks its query into ours', async () => {
      const failing = async (): Promise<Response> => {
        throw new TypeError(`request to https://api.example.test/x?api_key=${SECRET} failed, reason: socket hang up`);
      };
      const error = await rejectionOf(makeClient('https://api.example.test', { fetch: failing }).request(op('/x'), undefined));
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as Error).message).toBe(
        'GET /x could not complete the request (request to https://api.example.test failed, reason: socket hang up)',
      );
      expect(inspect(error, { depth: 10 })).not.toContain(SECRET);
    });

    it('reset in the middle of the body → ConnectionError, never a partial object', async () => {
      const error = await rejectionOf(makeClient(server.origin).request(op('/reset-mid-body'), undefined));
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as Error).message).toMatch(/while reading the response/);
    });
  });

  describe('redirects', () => {
    const headersOf = (s: TestServer) => s.requests.at(-1)?.headers ?? {};

    it('same origin: followed with credentials kept', async () => {
      await expect(makeClient(server.origin, {}, credentialed()).request(op('/same-origin'), undefined)).resolves.toEqual({
        ok: true,
      });
      const final = server.requests.at(-1);
      expect(final?.url).toBe('/final?api_key=kept');
      expect(final?.headers.authorization).toBe(`Bearer ${SECRET}`);
      expect(final?.headers['x-api-key']).toBe(SECRET);
    });

    it('cross origin: Authorization, Cookie, API-key header and API-key query param are dropped', async () => {
      const client = makeClient(server.origin, {}, credentialed());
      await expect(client.request(op('/cross-origin'), undefined)).resolves.toEqual({ other: true });
      const landed = other.requests.at(-1);
      expect(landed?.url).toBe('/final?page=2');
      expect(landed?.headers.authorization).toBeUndefined();
      expect(landed?.headers.cookie).toBeUndefined();
      expect(landed?.headers['x-api-key']).toBeUndefined();
      expect(landed?.headers['x-request-id']).toBe(headersOf(server)['x-request-id']);
      expect(JSON.stringify(landed)).not.toContain(SECRET);
    });

    it('https → http downgrade drops credentials too', async () => {
      const seen: Request[] = [];
      const fakeFetch = async (input: RequestInfo | URL): Promise<Response> => {
        const request = input as Request;
        seen.push(request);
        if (request.url.startsWith('https://')) {
          return new Response(null, { status: 302, headers: { location: `http://localhost:9/landing?api_key=${SECRET}` } });
        }
        return new Response('{}', { headers: { 'content-type': 'application/json' } });
      };
      const client = makeClient('https://api.example.test', { fetch: fakeFetch }, credentialed());
      await client.request(op('/start'), undefined);
      expect(seen.map((r) => r.url)).toEqual([`https://api.example.test/start?api_key=${SECRET}`, 'http://localhost:9/landing']);
      const landed = seen[1];
      expect(landed?.headers.get('authorization')).toBeNull();
      expect(landed?.headers.get('cookie')).toBeNull();
      expect(landed?.headers.get('x-api-key')).toBeNull();
      expect(landed?.redirect).toBe('manual');
    });

    it('303 after POST becomes GET without a body', async () => {
      await makeClient(server.origin).request(op('/see-other', 'POST'), { body: { a: 1 } });
      const final = server.requests.at(-1);
      expect(final?.method).toBe('GET');
      expect(final?.url).toBe('/final');
      expect(final?.body.byteLength).toBe(0);
      expect(final?.headers['content-type']).toBeUndefined();
    });

    it.each([
      [301, 'POST', 'GET', ''],
      [302, 'POST', 'GET', ''],
      [307, 'POST', 'POST', '{"a":1}'],
      [308, 'PUT', 'PUT', '{"a":1}'],
    ] as const)('%i after %s → %s with body %j', async (status, method, wantMethod, wantBody) => {
      await makeClient(server.origin).request(op(`/moved?status=${status}`, method), { body: { a: 1 } });
      const final = server.requests.at(-1);
      expect(final?.url).toBe('/final');
      expect(final?.method).toBe(wantMethod);
      expect(final?.body.toString()).toBe(wantBody);
    });

    it('307 replays a body a hook replaced', async () => {
      const client = makeClient(server.origin, {
        hooks: { onRequest: [(request) => new Request(request, { body: '{"hooked":true}' })] },
      });
      await client.request(op('/moved?status=307', 'POST'), { body: { a: 1 } });
      expect(server.requests.at(-1)?.body.toString()).toBe('{"hooked":true}');
    });

    it('stops after 10 redirects', async () => {
      const before = server.requests.length;
      const error = await rejectionOf(makeClient(server.origin).request(op('/loop'), undefined));
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as Error).message).toMatch(/redirected more than 10 times/);
      expect(server.requests.length - before).toBe(11);
    });

    it('refuses a redirect to plain http on a non-loopback host', async () => {
      const error = await rejectionOf(makeClient(server.origin).request(op('/to-insecure'), undefined));
      expect(error).toBeInstanceOf(ConfigurationError);
    });
  });
});
