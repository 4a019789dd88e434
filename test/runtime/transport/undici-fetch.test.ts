/** createUndiciFetch with the real undici against a loopback server, alone and under the client. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as undici from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wireSendOf } from '../../../runtime/transport/wire.js';
import {
  ConnectionError,
  createRuntimeClient,
  stream,
  createUndiciFetch,
  NotFoundError,
  type ApiDescriptor,
  type OperationDescriptor,
  type ServerSentEvent,
} from '../../../runtime/index.js';

const routes = new Map<string, (req: IncomingMessage, res: ServerResponse, body: Buffer) => void>();
let server: Server;
let origin: string;
const agent = new undici.Agent({ connections: 8 });
const fetchOverUndici = createUndiciFetch(undici, { dispatcher: agent });

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const handler = routes.get(new URL(req.url ?? '/', 'http://x').pathname);
      if (handler === undefined) res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"no such pet"}');
      else handler(req, res, Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await agent.close();
});

describe('createUndiciFetch as fetch', () => {
  it('sends method, headers and body, and answers a Response with status, headers and JSON', async () => {
    routes.set('/echo', (req, res, body) => {
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          method: req.method,
          type: req.headers['content-type'],
          key: req.headers['x-key'],
          body: body.toString(),
        }),
      );
    });
    const response = await fetchOverUndici(`${origin}/echo`, {
      method: 'post',
      headers: { 'x-key': 'k1', 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(response.status).toBe(201);
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await response.json()).toEqual({ method: 'POST', type: 'application/json', key: 'k1', body: '{"a":1}' });
  });

  it.each([
    ['URLSearchParams', new URLSearchParams({ q: 'a b' }), 'q=a+b', 'application/x-www-form-urlencoded;charset=UTF-8'],
    ['bytes', new TextEncoder().encode('raw'), 'raw', undefined],
    ['Blob', new Blob(['blob'], { type: 'text/plain' }), 'blob', 'text/plain'],
    ['ReadableStream', new Blob(['streamed']).stream(), 'streamed', undefined],
  ])('sends a %s body', async (_, body, text, type) => {
    routes.set('/body', (req, res, received) =>
      res.end(JSON.stringify({ text: received.toString(), type: req.headers['content-type'] })),
    );
    const response = await fetchOverUndici(`${origin}/body`, { method: 'PUT', body, duplex: 'half' } as RequestInit);
    expect(await response.json()).toEqual({ text, ...(type === undefined ? {} : { type }) });
  });

  it('does not follow redirects (the runtime follows them itself, without credentials across origins)', async () => {
    routes.set('/moved', (_req, res) => res.writeHead(302, { location: '/elsewhere' }).end());
    const response = await fetchOverUndici(`${origin}/moved`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/elsewhere');
  });

  it('fails like fetch: TypeError with the socket error as cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await fetchOverUndici(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(JSON.stringify((error as TypeError & { cause: { code?: string } }).cause.code)).toContain('ECONNREFUSED');
  });
});

describe('createUndiciFetch under the client', () => {
  const api = (): ApiDescriptor => ({
    title: 'U',
    version: '1',
    envPrefix: 'U',
    servers: [{ url: origin }],
    security: [],
    securitySchemes: {},
  });
  const op = (path: string, responses: Record<string, string[]>): OperationDescriptor => ({
    id: 'op',
    method: 'GET',
    path,
    params: [],
    responses,
  });

  it('returns data, maps errors to typed errors, and streams events', async () => {
    routes.set('/pet', (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"name":"Rex"}'));
    routes.set('/events', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"n":1}\n\n');
      setTimeout(() => res.end('data: {"n":2}\n\n'), 10);
    });
    const client = createRuntimeClient(api(), { fetch: fetchOverUndici, retry: false });
    expect(await client.request(op('/pet', { '200': ['application/json'] }), undefined)).toEqual({ name: 'Rex' });
    await expect(client.request(op('/missing', { '200': ['application/json'] }), undefined)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const events: number[] = [];
    for await (const event of stream<ServerSentEvent<{ n: number }>>(
      client,
      op('/events', { '200': ['text/event-stream'] }),
      undefined,
      {},
      'json',
    ))
      events.push(event.data.n);
    expect(events).toEqual([1, 2]);
  });

  it('streams a body larger than the socket buffers, pausing and resuming it, and reads Latin-1 header bytes', async () => {
    const chunk = Buffer.alloc(65_536, 120);
    routes.set('/big', (_req, res) => {
      // A header value with the byte 0xE9 (é in ISO-8859-1, as HTTP reads field values).
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'x-name': Buffer.from([0x52, 0xe9]).toString('latin1') });
      let sent = 0;
      const more = (): void => {
        while (sent < 64) {
          sent += 1;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      more();
    });
    const client = createRuntimeClient(api(), { fetch: fetchOverUndici, retry: false });
    const { data, response } = await client
      .request<ReadableStream<Uint8Array>>(op('/big', { '200': ['application/octet-stream'] }), undefined, {
        responseType: 'stream',
      })
      .withResponse();
    expect(response.headers.get('x-name')).toBe('Ré');
    let total = 0;
    const reader = data.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      total += read.value.byteLength;
      await new Promise((resolve) => setTimeout(resolve, 1)); // a slow reader: undici must pause
    }
    expect(total).toBe(64 * 65_536);
  });

  it("its direct sender also follows a signal alone (an older runtime copy's init), and rejects with its reason", async () => {
    routes.set('/stall', () => undefined); // never answers
    const send = wireSendOf(fetchOverUndici);
    if (send === undefined) throw new Error('createUndiciFetch carries no direct sender');
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const pending = send(new URL(`${origin}/stall`), {
      method: 'GET',
      headers: new Headers(),
      body: null,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(reason), 20);
    await expect(pending).rejects.toBe(reason);
  });

  it('reports a refused connection as a ConnectionError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const client = createRuntimeClient(
      { ...api(), servers: [{ url: `http://127.0.0.1:${port}` }] },
      { fetch: fetchOverUndici, retry: false, circuitBreaker: false },
    );
    await expect(client.request(op('/x', { '200': ['application/json'] }), undefined)).rejects.toBeInstanceOf(ConnectionError);
  });
});
