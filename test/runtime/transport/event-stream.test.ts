import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../../runtime/client/descriptor.js';
import { AbortError, ParseError, TimeoutError } from '../../../runtime/errors/errors.js';
import { parseEventStream, type ServerSentEvent } from '../../../runtime/transport/event-stream.js';
import { reconnectingEventStream } from '../../../runtime/transport/event-stream-reconnect.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const routes = new Map<string, Handler>();
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const handler = routes.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (handler === undefined) res.writeHead(404).end();
    else handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Serves `bytes` split into the given chunk sizes, each flushed on its own after a short pause. */
function serveChunks(path: string, bytes: Uint8Array, chunkSize: number): void {
  routes.set(path, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    let offset = 0;
    const next = (): void => {
      if (offset >= bytes.length) {
        res.end();
        return;
      }
      res.write(bytes.subarray(offset, offset + chunkSize));
      offset += chunkSize;
      setImmediate(next);
    };
    next();
  });
}

async function body(path: string, headers: Record<string, string> = {}): Promise<ReadableStream<Uint8Array>> {
  const response = await fetch(base + path, { headers });
  if (response.body === null) throw new Error('no body');
  return response.body;
}

async function collect(stream: AsyncIterable<ServerSentEvent>): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

const sample =
  '\uFEFF: a comment\r\nevent: greeting\r\ndata: héllo 🌍\r\ndata: second line\r\nid: 7\r\n\r\n' +
  'data: {"n":1}\n\n' +
  'retry: 2500\rdata:no-space\r\r' +
  'id\nfield-without-colon\ndata\n\n' +
  'data: cut off at the end';

const expected: ServerSentEvent[] = [
  { event: 'greeting', data: 'héllo 🌍\nsecond line', id: '7', retry: undefined },
  { event: 'message', data: '{"n":1}', id: '7', retry: undefined },
  { event: 'message', data: 'no-space', id: '7', retry: 2500 },
  { event: 'message', data: '', id: '', retry: 2500 },
];

describe('parseEventStream over a real socket', () => {
  it.each([1, 2, 3, 7, 64, 4096])(
    'parses the same events with %i-byte chunks (split UTF-8, CR/LF/CRLF across chunks)',
    async (size) => {
      serveChunks(`/chunks-${size}`, new TextEncoder().encode(sample), size);
      expect(await collect(parseEventStream(await body(`/chunks-${size}`)))).toEqual(expected);
    },
  );

  it('stops with AbortError when the caller aborts mid-stream, and releases the connection', async () => {
    let closed = false;
    routes.set('/endless', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const timer = setInterval(() => res.write('data: tick\n\n'), 5);
      res.on('close', () => {
        closed = true;
        clearInterval(timer);
      });
    });
    const controller = new AbortController();
    const seen: string[] = [];
    const run = async (): Promise<void> => {
      for await (const event of parseEventStream(await body('/endless'), { signal: controller.signal })) {
        seen.push(event.data);
        if (seen.length === 3) controller.abort();
      }
    };
    await expect(run()).rejects.toBeInstanceOf(AbortError);
    expect(seen).toEqual(['tick', 'tick', 'tick']);
    await expect.poll(() => closed, { timeout: 5000 }).toBe(true);
  });

  it('fails with TimeoutError when the stream goes idle past idleTimeoutMs', async () => {
    routes.set('/idle', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: one\n\n');
    });
    const seen: string[] = [];
    const run = async (): Promise<void> => {
      for await (const event of parseEventStream(await body('/idle'), { idleTimeoutMs: 100 })) seen.push(event.data);
    };
    await expect(run()).rejects.toBeInstanceOf(TimeoutError);
    expect(seen).toEqual(['one']);
  });

  it('refuses an event larger than maxEventLength instead of buffering it', async () => {
    serveChunks('/huge', new TextEncoder().encode(`data: ${'x'.repeat(5000)}\n\n`), 512);
    await expect(collect(parseEventStream(await body('/huge'), { maxEventLength: 1000 }))).rejects.toBeInstanceOf(ParseError);
  });

  it('leaving the loop early cancels the response body', async () => {
    let closed = false;
    routes.set('/early', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const timer = setInterval(() => res.write('data: x\n\n'), 5);
      res.on('close', () => {
        closed = true;
        clearInterval(timer);
      });
    });
    for await (const event of parseEventStream(await body('/early'))) {
      expect(event.data).toBe('x');
      break;
    }
    await expect.poll(() => closed, { timeout: 5000 }).toBe(true);
  });
});

describe('reconnectingEventStream', () => {
  it('reconnects after a dropped connection with Last-Event-ID and honours retry:', async () => {
    const lastIds: (string | undefined)[] = [];
    routes.set('/drops', (req, res) => {
      const last = req.headers['last-event-id'];
      lastIds.push(typeof last === 'string' ? last : undefined);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (last === undefined) {
        res.write('retry: 20\nid: 1\ndata: first\n\nid: 2\ndata: second\n\n');
        setTimeout(() => res.socket?.destroy(), 20); // the connection drops mid-stream
      } else {
        res.end(`id: 3\ndata: after ${String(last)}\n\n`);
      }
    });
    const open = (lastEventId: string | undefined): Promise<ReadableStream<Uint8Array>> =>
      body('/drops', lastEventId === undefined ? {} : { 'last-event-id': lastEventId });
    const events = await collect(reconnectingEventStream(open, { maxReconnects: 2 }));
    expect(events.map((e) => [e.id, e.data])).toEqual([
      ['1', 'first'],
      ['2', 'second'],
      ['3', 'after 2'],
    ]);
    expect(lastIds).toEqual([undefined, '2']);
  });

  it('gives up after maxReconnects and rethrows the connection failure', async () => {
    let connections = 0;
    routes.set('/always-drops', (_req, res) => {
      connections++;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('retry: 1\ndata: hi\n\n');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    await expect(collect(reconnectingEventStream(() => body('/always-drops'), { maxReconnects: 2 }))).rejects.toBeInstanceOf(
      Error,
    );
    expect(connections).toBe(3);
  });
});

/** A clock that never waits: it records what was asked and lets the test fire the timers. */
function fakeClock() {
  const timers: { ms: number; fire: () => void }[] = [];
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => 0,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    timer: (ms, fire) => {
      const entry = { ms, fire };
      timers.push(entry);
      return () => void timers.splice(timers.indexOf(entry), 1);
    },
  };
  return { clock, timers, sleeps };
}

/** A body that sends `text` and then nothing, never ending. */
function silentAfter(text: string): ReadableStream<Uint8Array> {
  return new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode(text)) });
}

describe('timers run on the injected clock', () => {
  it('the idle timeout is the clock’s timer: firing it fails the stream with TimeoutError at once', async () => {
    const { clock, timers } = fakeClock();
    const hour = 3_600_000;
    const seen: string[] = [];
    const run = (async () => {
      for await (const event of parseEventStream(silentAfter('data: one\n\n'), { idleTimeoutMs: hour, clock })) {
        seen.push(event.data);
      }
    })();
    await expect.poll(() => timers.length).toBe(1);
    expect(timers[0]?.ms).toBe(hour);
    timers[0]?.fire();
    await expect(run).rejects.toBeInstanceOf(TimeoutError);
    expect([seen, timers]).toEqual([['one'], []]);
  });

  it('a reconnect waits through the clock’s sleep, for the retry the server asked', async () => {
    const { clock, sleeps } = fakeClock();
    let opens = 0;
    let pulls = 0;
    const open = (): Promise<ReadableStream<Uint8Array>> => {
      opens++;
      if (opens > 1) return Promise.resolve(new Response('data: back\n\n').body ?? silentAfter(''));
      return Promise.resolve(
        new ReadableStream({
          // One event, then the connection drops (an error while the queue is empty).
          pull(controller) {
            if (pulls++ === 0) controller.enqueue(new TextEncoder().encode('retry: 3600000\ndata: first\n\n'));
            else controller.error(new TypeError('terminated'));
          },
        }),
      );
    };
    const events = await collect(reconnectingEventStream(open, { clock, maxDelayMs: 7_200_000 }));
    expect([events.map((e) => e.data), sleeps]).toEqual([['first', 'back'], [3_600_000]]);
  });
});

describe("a caller's AbortSignal.timeout() over a real slow server", () => {
  it('ends the stream with the runtime’s TimeoutError, as a non-stream call would, and does not reconnect', async () => {
    let connections = 0;
    routes.set('/slow', (_req, res) => {
      connections++;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: one\n\n');
    });
    const seen: string[] = [];
    const run = async (signal: AbortSignal): Promise<void> => {
      const stream = reconnectingEventStream(() => body('/slow'), { signal, maxReconnects: 3, delayMs: 1 });
      for await (const event of stream) seen.push(event.data);
    };
    const error = await run(AbortSignal.timeout(100)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).not.toBeInstanceOf(AbortError);
    expect([seen, connections]).toEqual([['one'], 1]);
  });
});
