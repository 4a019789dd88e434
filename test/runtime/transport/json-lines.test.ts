import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AbortError, ParseError, TimeoutError } from '../../../runtime/errors/errors.js';
import { isJsonLinesMediaType, parseJsonLines } from '../../../runtime/transport/json-lines.js';

const routes = new Map<string, (res: ServerResponse) => void>();
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const handler = routes.get(req.url ?? '/');
    if (handler === undefined) res.writeHead(404).end();
    else handler(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function body(path: string): Promise<ReadableStream<Uint8Array>> {
  const response = await fetch(base + path);
  if (response.body === null) throw new Error('no body');
  return response.body;
}

const LINES = 100_000;

describe('parseJsonLines over a real socket', () => {
  it(`streams ${LINES.toLocaleString('en')} lines one by one, holding at most one line (maxLineLength 200)`, async () => {
    routes.set('/many', (res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      let i = 0;
      const pump = (): void => {
        while (i < LINES) {
          const line = `${JSON.stringify({ id: i, name: `item ${i}`, tags: ['a', 'b'] })}\n`;
          i++;
          if (!res.write(line)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      pump();
    });
    let count = 0;
    let idSum = 0;
    for await (const item of parseJsonLines(await body('/many'), { maxLineLength: 200 })) {
      count++;
      idSum += (item as { id: number }).id;
    }
    expect(count).toBe(LINES);
    expect(idSum).toBe((LINES * (LINES - 1)) / 2);
  });

  it('names the line of a malformed record in a ParseError', async () => {
    routes.set('/broken', (res) => {
      res.writeHead(200, { 'content-type': 'application/jsonl' });
      res.end('{"a":1}\r\n\n{"a":2}\n{"a": nope}\n{"a":4}\n');
    });
    const seen: unknown[] = [];
    const run = async (): Promise<void> => {
      for await (const item of parseJsonLines(await body('/broken'))) seen.push(item);
    };
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).message).toContain('Line 4');
    expect(seen).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('reads RFC 7464 JSON text sequences and a last line without a newline', async () => {
    routes.set('/seq', (res) => {
      res.writeHead(200, { 'content-type': 'application/json-seq' });
      res.end('\u001e{"a":1}\n\u001e[1,2]\n\u001e"last"');
    });
    const seen: unknown[] = [];
    for await (const item of parseJsonLines(await body('/seq'))) seen.push(item);
    expect(seen).toEqual([{ a: 1 }, [1, 2], 'last']);
  });

  it('refuses a line longer than maxLineLength', async () => {
    routes.set('/long', (res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.end(`"${'x'.repeat(10_000)}"\n`);
    });
    const run = async (): Promise<void> => {
      for await (const _ of parseJsonLines(await body('/long'), { maxLineLength: 1000 })) void _;
    };
    await expect(run()).rejects.toBeInstanceOf(ParseError);
  });

  it.each([
    ['application/x-ndjson', true],
    ['application/jsonl; charset=utf-8', true],
    ['application/json-seq', true],
    ['application/json', false],
    ['text/event-stream', false],
  ])('%s is JSON Lines: %s', (mediaType, want) => expect(isJsonLinesMediaType(mediaType)).toBe(want));
});

describe("parseJsonLines and a caller's AbortSignal.timeout()", () => {
  it('a real server that stalls mid-stream ends in the runtime’s TimeoutError, not AbortError', async () => {
    routes.set('/stalls', (res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.write('{"n":1}\n');
    });
    const seen: unknown[] = [];
    const run = async (): Promise<void> => {
      for await (const value of parseJsonLines(await body('/stalls'), { signal: AbortSignal.timeout(100) })) seen.push(value);
    };
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).not.toBeInstanceOf(AbortError);
    expect(seen).toEqual([{ n: 1 }]);
  });
});
