/**
 * How each kind of fetch is driven (transport/wire.ts) and what a buffered response looks like
 * afterwards (transport/buffered-body.ts), on a real loopback server.
 */
import * as undici from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClientOptions } from '../../../runtime/client/options.js';
import { createUndiciFetch } from '../../../runtime/transport/undici-fetch.js';
import { json, makeClient, makeOp, startServer, type TestServer } from '../support/client.js';

let server: TestServer;
const agent = new undici.Agent({ connections: 4 });
beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url === '/moved') return res.writeHead(302, { location: '/pet' }).end();
    return json(res, 200, { name: 'Rex' });
  });
});
afterAll(async () => {
  await agent.close();
  await server.close();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const pet = makeOp({ path: '/pet' });
const moved = makeOp({ path: '/moved' });

describe('which call each fetch gets', () => {
  it('the platform fetch is called as fetch(url, init), with the signal and redirect: manual in init', async () => {
    const real = globalThis.fetch;
    const calls: Array<{ input: unknown; init: RequestInit | undefined }> = [];
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ input, init });
      return real(input, init);
    });
    expect(await makeClient(server.origin).request(moved, undefined)).toEqual({ name: 'Rex' });
    expect(calls).toHaveLength(2);
    for (const { input, init } of calls) {
      expect(typeof input).toBe('string');
      expect(init?.redirect).toBe('manual');
      expect(init?.signal).toBeInstanceOf(AbortSignal);
    }
    expect(calls.map(({ input }) => new URL(String(input)).pathname)).toEqual(['/moved', '/pet']);
  });

  it('the undici transport builds no AbortController: its sender takes the attempt as a callback', async () => {
    const fetchOverUndici = createUndiciFetch(undici, { dispatcher: agent });
    const client = makeClient(server.origin, { fetch: fetchOverUndici });
    expect(await client.request(pet, undefined)).toEqual({ name: 'Rex' }); // warm: agent connected
    const Real = AbortController;
    let built = 0;
    vi.stubGlobal(
      'AbortController',
      class extends Real {
        constructor() {
          super();
          built += 1;
        }
      },
    );
    expect(await client.request(moved, undefined)).toEqual({ name: 'Rex' });
    expect(built).toBe(0);
    // The platform fetch can only be cancelled through a signal: ours per attempt, and fetch's own.
    expect(await makeClient(server.origin).request(moved, undefined)).toEqual({ name: 'Rex' });
    expect(built).toBeGreaterThanOrEqual(2);
  });

  it("the caller's own fetch gets a Request that carries the signal and redirect: manual", async () => {
    const seen: Request[] = [];
    // A wrapper that reads only its Request: an init would be lost on it.
    const own = (input: RequestInfo | URL): Promise<Response> => {
      if (!(input instanceof Request)) throw new TypeError('expected a Request');
      seen.push(input);
      return fetch(input);
    };
    expect(await makeClient(server.origin, { fetch: own }).request(moved, undefined)).toEqual({ name: 'Rex' });
    expect(seen.map((request) => [new URL(request.url).pathname, request.redirect])).toEqual([
      ['/moved', 'manual'],
      ['/pet', 'manual'],
    ]);
  });
});

const TRANSPORTS: Array<[string, ClientOptions]> = [
  ['the platform fetch', {}],
  ['the undici transport', { fetch: createUndiciFetch(undici, { dispatcher: agent }) }],
];

describe.each(TRANSPORTS)('a buffered response over %s', (_transport, transport) => {
  it('an onResponse hook gets a body it can read, and the call still returns the data', async () => {
    const read: unknown[] = [];
    const client = makeClient(server.origin, {
      ...transport,
      hooks: {
        onResponse: [
          async (response) => {
            read.push(await response.clone().json());
            read.push(await response.text());
          },
        ],
      },
    });
    expect(await client.request(pet, undefined)).toEqual({ name: 'Rex' });
    expect(read).toEqual([{ name: 'Rex' }, '{"name":"Rex"}']);
  });

  it('withResponse() hands back the response with its status, headers and url, its body already read', async () => {
    const { data, response } = await makeClient(server.origin, transport).request(pet, undefined).withResponse();
    expect(data).toEqual({ name: 'Rex' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/json/);
    expect(new URL(response.url).pathname).toBe('/pet');
    expect(response.bodyUsed || response.body === null).toBe(true);
  });
});
