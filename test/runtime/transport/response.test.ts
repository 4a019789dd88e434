import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, ParseError, ResponseTooLargeError, type ApiError } from '../../../runtime/errors/errors.js';
import { isParseError } from '../../../runtime/errors/guards.js';
import { buildAcceptHeader } from '../../../runtime/transport/response.js';
import * as undici from 'undici';
import type { Client, ClientOptions } from '../../../runtime/client/options.js';
import { createUndiciFetch } from '../../../runtime/transport/undici-fetch.js';
import { makeClient as makeFetchClient, makeOp, rejectionOf, startServer, type TestServer } from '../support/client.js';

const PNG = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
let server: TestServer;

beforeAll(async () => {
  server = await startServer((req, res) => {
    const send = (status: number, type: string | null, body: string | Buffer): void => {
      const headers: Record<string, string | number> = { 'content-length': Buffer.byteLength(body) };
      if (type !== null) headers['content-type'] = type;
      res.writeHead(status, headers);
      res.end(body);
    };
    switch (req.url) {
      case '/json':
        return send(200, 'application/json; charset=utf-8', '{"id":"p_1","tags":["a"]}');
      case '/vnd-json':
        return send(200, 'application/vnd.acme.pet+json', '{"id":"p_2"}');
      case '/untyped-json':
        return send(200, null, '{"id":"p_3"}');
      case '/text':
        return send(200, 'text/plain; charset=utf-8', 'héllo');
      case '/csv':
        return send(200, 'text/csv', 'a,b\n1,2\n');
      case '/png':
        return send(200, 'image/png', PNG);
      case '/empty-json':
        return send(200, 'application/json', '');
      case '/no-content':
        res.writeHead(204);
        return res.end();
      case '/created':
        return send(201, 'application/json', '{"created":true}');
      case '/invalid-json':
        return send(200, 'application/json', `{"id": "p_1", oops ${'x'.repeat(400)}`);
      case '/html-as-json':
        return send(200, 'application/json', `<!DOCTYPE html><html><body>${'Login required '.repeat(30)}</body></html>`);
      case '/html-page':
        return send(200, 'text/html', '<html><body>maintenance</body></html>');
      case '/not-found':
        return send(404, 'application/problem+json', '{"title":"Not Found","detail":"No pet p_9"}');
      case '/error-html':
        return send(502, 'text/html', '<html>Bad Gateway</html>');
      case '/big-declared':
        // Declares 10 GB, sends a little, then waits: the client must refuse on the header alone.
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10 * 1024 ** 3) });
        res.write('{"a":');
        return;
      case '/big-error':
        res.writeHead(500, { 'content-type': 'application/json', 'content-length': String(10 * 1024 ** 3) });
        res.write('{"a":');
        return;
      case '/endless': {
        // No Content-Length and a body that never ends, bounded so the test cannot run away.
        res.writeHead(200, { 'content-type': 'application/json' });
        let sent = 0;
        const chunk = Buffer.alloc(16 * 1024, 0x20);
        const timer = setInterval(() => {
          if (res.destroyed || sent > 400) return clearInterval(timer);
          sent += 1;
          res.write(chunk);
        }, 1);
        res.on('close', () => clearInterval(timer));
        return;
      }
      default:
        return send(500, 'text/plain', 'unexpected');
    }
  });
});
const agent = new undici.Agent({ connections: 8 });
afterAll(async () => {
  await agent.close();
  await server.close();
});

/** Every test below runs over the platform's fetch and over the undici transport (its direct sender). */
const TRANSPORTS: Array<[string, ClientOptions]> = [
  ['the platform fetch', {}],
  ['the undici transport', { fetch: createUndiciFetch(undici, { dispatcher: agent }) }],
];

describe.each(TRANSPORTS)('over %s', (_transport, transport) => {
  const makeClient = (baseUrl: string, options: ClientOptions = {}): Client =>
    makeFetchClient(baseUrl, { ...transport, ...options });

  const get = (
    path: string,
    responses: Record<string, string[]> = { '200': ['application/json'], default: ['application/json'] },
  ) => makeOp({ path, responses });
  const call = (
    path: string,
    options: Parameters<ReturnType<typeof makeClient>['request']>[2] = {},
    responses?: Record<string, string[]>,
  ) => makeClient(server.origin, { maxResponseBytes: 64 * 1024 }).request(get(path, responses), undefined, options);

  describe('success bodies', () => {
    it('parses JSON, +json types, and JSON without a Content-Type when JSON is declared', async () => {
      await expect(call('/json')).resolves.toEqual({ id: 'p_1', tags: ['a'] });
      await expect(call('/vnd-json')).resolves.toEqual({ id: 'p_2' });
      await expect(call('/untyped-json')).resolves.toEqual({ id: 'p_3' });
    });

    it('reads text/* as a string and other types as a Blob', async () => {
      await expect(call('/text', {}, { '200': ['text/plain'] })).resolves.toBe('héllo');
      await expect(call('/csv', {}, { '200': ['text/csv'] })).resolves.toBe('a,b\n1,2\n');
      const blob = (await call('/png', {}, { '200': ['image/png'] })) as Blob;
      expect(blob).toBeInstanceOf(Blob);
      expect(blob.type).toBe('image/png');
      expect(Buffer.from(await blob.arrayBuffer())).toEqual(PNG);
    });

    it('honours responseType', async () => {
      expect(await call('/json', { responseType: 'text' })).toBe('{"id":"p_1","tags":["a"]}');
      expect(new Uint8Array((await call('/png', { responseType: 'arrayBuffer' })) as ArrayBuffer)).toEqual(new Uint8Array(PNG));
      expect(await ((await call('/json', { responseType: 'blob' })) as Blob).text()).toBe('{"id":"p_1","tags":["a"]}');
      await expect(call('/text', { responseType: 'json' })).rejects.toBeInstanceOf(ParseError);
      const stream = (await call('/png', { responseType: 'stream' })) as ReadableStream<Uint8Array>;
      expect(Buffer.from(await new Response(stream).arrayBuffer())).toEqual(PNG);
    });

    it('gives undefined for 204, HEAD and an empty JSON body', async () => {
      await expect(call('/no-content')).resolves.toBeUndefined();
      await expect(call('/empty-json')).resolves.toBeUndefined();
      await expect(
        makeClient(server.origin).request(makeOp({ method: 'HEAD', path: '/json' }), undefined),
      ).resolves.toBeUndefined();
    });

    it('treats an undeclared 2xx as success', async () => {
      await expect(call('/created')).resolves.toEqual({ created: true });
    });
  });

  describe('ParseError', () => {
    it('invalid JSON carries the status and a short snippet', async () => {
      const error = await rejectionOf(call('/invalid-json'));
      expect(error).toBeInstanceOf(ParseError);
      const parse = error as ParseError;
      expect(parse.status).toBe(200);
      expect(parse.snippet?.startsWith('{"id": "p_1", oops')).toBe(true);
      expect(parse.snippet?.length).toBeLessThanOrEqual(200);
      expect(parse.message).toBe('GET /invalid-json returned 200 with invalid JSON');
      expect(parse.requestId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('HTML under application/json, or text/html where JSON was declared', async () => {
      for (const path of ['/html-as-json', '/html-page']) {
        const error = await rejectionOf(call(path));
        expect(isParseError(error), path).toBe(true);
        expect((error as ParseError).message).toMatch(/HTML or XML where JSON was expected/);
        expect((error as ParseError).snippet?.length).toBeLessThanOrEqual(200);
      }
    });
  });

  describe('error bodies', () => {
    it('are parsed for the ApiError, with the server message in the error message', async () => {
      const error = (await rejectionOf(call('/not-found'))) as ApiError;
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.body).toEqual({ title: 'Not Found', detail: 'No pet p_9' });
      expect(error.message).toBe('GET /not-found returned 404 Not Found: No pet p_9');
    });

    it('are read and parsed even when the caller asked for a stream', async () => {
      const error = (await rejectionOf(call('/not-found', { responseType: 'stream' }))) as ApiError;
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error.body).toEqual({ title: 'Not Found', detail: 'No pet p_9' });
    });

    it('keep HTML as text and never put it in the message', async () => {
      const error = (await rejectionOf(call('/error-html'))) as ApiError;
      expect(error.status).toBe(502);
      expect(error.body).toBe('<html>Bad Gateway</html>');
      expect(error.message).toBe('GET /error-html returned 502 Bad Gateway');
    });

    it('an oversized error body keeps the status and drops the body', async () => {
      const error = (await rejectionOf(call('/big-error'))) as ApiError;
      expect(error.status).toBe(500);
      expect(error.body).toBeUndefined();
    });
  });

  describe('maxResponseBytes', () => {
    it('rejects a larger Content-Length before reading', async () => {
      const error = await rejectionOf(call('/big-declared'));
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(isParseError(error)).toBe(true);
      expect((error as ResponseTooLargeError).limitBytes).toBe(64 * 1024);
    });

    it('counts a streamed body without Content-Length and stops at the limit, returning nothing partial', async () => {
      const error = await rejectionOf(call('/endless'));
      expect(error).toBeInstanceOf(ResponseTooLargeError);
    });

    it('applies to responseType stream as the caller reads', async () => {
      const stream = (await call('/endless', { responseType: 'stream' })) as ReadableStream<Uint8Array>;
      const reader = stream.getReader();
      let failure: unknown;
      for (let i = 0; i < 1000; i += 1) {
        try {
          const { done } = await reader.read();
          if (done) break;
        } catch (error) {
          failure = error;
          break;
        }
      }
      expect(failure).toBeInstanceOf(ResponseTooLargeError);
    });
  });

  describe('Accept header', () => {
    it('lists success media types first, then error ones at a lower q, deduplicated', () => {
      const op = makeOp({
        responses: {
          '200': ['application/json', 'application/xml'],
          '2XX': ['application/json'],
          '404': ['application/problem+json'],
          default: ['application/json', 'text/plain'],
        },
      });
      expect(buildAcceptHeader(op)).toBe('application/json, application/xml, application/problem+json;q=0.9, text/plain;q=0.9');
    });

    it('falls back to JSON then anything when nothing is declared', () => {
      expect(buildAcceptHeader(makeOp({ responses: { '204': [] } }))).toBe('application/json, */*;q=0.8');
    });

    it('is sent on the wire', async () => {
      await call('/json');
      expect(server.requests.at(-1)?.headers.accept).toBe('application/json');
    });
  });
});
