/** `stream(client, op, params)` through the whole pipeline, against a loopback server. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRuntimeClient,
  stream,
  NotFoundError,
  ParseError,
  type ApiDescriptor,
  type OperationDescriptor,
  type ServerSentEvent,
  type StreamOptions,
} from '../../../runtime/index.js';

const routes = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
let server: Server;
let origin: string;
const accepts: (string | undefined)[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    accepts.push(req.headers.accept);
    const handler = routes.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (handler === undefined) res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"nope"}');
    else handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function op(path: string, mediaTypes: string[]): OperationDescriptor {
  return { id: 'streamThing', method: 'POST', path, params: [], responses: { '200': mediaTypes, default: ['application/json'] } };
}
const api = (): ApiDescriptor => ({
  title: 'S',
  version: '1',
  envPrefix: 'S',
  servers: [{ url: origin }],
  security: [],
  securitySchemes: {},
});

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('client.stream', () => {
  it('decodes JSON event data, sends Accept for the declared stream type, and ends at [DONE]', async () => {
    routes.set('/chat', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
      res.write('data: {"delta":"Hel"}\n\n');
      setTimeout(() => res.end('data: {"delta":"lo"}\n\ndata: [DONE]\n\ndata: {"delta":"never"}\n\n'), 10);
    });
    accepts.length = 0;
    const client = createRuntimeClient(api(), { retry: false });
    const events = await collect(
      stream<ServerSentEvent<{ delta: string }>>(
        client,
        op('/chat', ['application/json', 'text/event-stream']),
        { body: {} },
        {},
        'json',
      ),
    );
    expect(events.map((e) => e.data.delta)).toEqual(['Hel', 'lo']);
    expect(accepts).toEqual(['text/event-stream']);
  });

  it('keeps data as text when the stream is untyped', async () => {
    routes.set('/text', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('event: note\ndata: plain words\n\n');
    });
    const client = createRuntimeClient(api(), { retry: false });
    const events = await collect(stream<ServerSentEvent<string>>(client, op('/text', ['text/event-stream']), undefined));
    expect(events).toEqual([{ event: 'note', data: 'plain words', id: '', retry: undefined }]);
  });

  it('reads a JSON Lines answer value by value', async () => {
    routes.set('/lines', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.end('{"n":1}\n{"n":2}\n');
    });
    const client = createRuntimeClient(api(), { retry: false });
    expect(await collect(stream(client, op('/lines', ['application/x-ndjson']), undefined, {}, 'json'))).toEqual([
      { n: 1 },
      { n: 2 },
    ]);
  });

  it('turns an error status into its typed error before any event', async () => {
    const client = createRuntimeClient(api(), { retry: false });
    await expect(collect(stream(client, op('/missing', ['text/event-stream']), undefined))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('explains a JSON answer where a stream was expected', async () => {
    routes.set('/not-streaming', (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"whole":true}'));
    const client = createRuntimeClient(api(), { retry: false });
    const error = await collect(stream(client, op('/not-streaming', ['text/event-stream']), undefined)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).message).toContain('stream: true');
  });

  it('reconnects through the pipeline with Last-Event-ID when asked to', async () => {
    const lastIds: (string | undefined)[] = [];
    routes.set('/resumable', (req, res) => {
      const last = req.headers['last-event-id'];
      lastIds.push(typeof last === 'string' ? last : undefined);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (last === undefined) {
        res.write('retry: 5\nid: a\ndata: 1\n\n');
        setTimeout(() => res.socket?.destroy(), 20);
      } else res.end('id: b\ndata: 2\n\n');
    });
    const client = createRuntimeClient(api(), { retry: false });
    const options: StreamOptions = { reconnect: { maxReconnects: 1 } };
    const events = await collect(
      stream<ServerSentEvent<number>>(client, op('/resumable', ['text/event-stream']), undefined, options, 'json'),
    );
    expect(events.map((e) => e.data)).toEqual([1, 2]);
    expect(lastIds).toEqual([undefined, 'a']);
  });
});
