/**
 * Stream companions (`<name>Stream`) of a --mocks client get item-by-item answers from the same
 * handlers: server-sent events or JSON Lines when the request's Accept asks for them, the JSON body
 * otherwise.
 */
import path from 'node:path';
import { setupServer } from 'msw/node';
import type { HttpHandler } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/generate.js';
import { fixturesDir, generatedDir } from '../support/paths.js';

type Streaming = AsyncIterable<{ data: unknown }> | AsyncIterable<unknown>;
interface StreamsClient {
  chat: {
    createCompletion(params: object): Promise<unknown>;
    createCompletionStream(params: object): Streaming;
  };
  logs: { tailLogsStream(params?: object): AsyncIterable<unknown> };
}

let client: StreamsClient;
let server: ReturnType<typeof setupServer>;

beforeAll(async () => {
  const dir = generatedDir('e2e', 'mocks-streams');
  await generate({ spec: path.join(fixturesDir, 'streams/openapi.yaml'), out: dir, mocks: true });
  // Generated above: variables keep tsc from resolving the modules before they exist.
  const index = './__generated__/mocks-streams/index.js';
  const mocksModule = './__generated__/mocks-streams/mocks.gen.js';
  const mod = (await import(/* @vite-ignore */ index)) as {
    createClient(options: object): StreamsClient;
  };
  const mocks = (await import(/* @vite-ignore */ mocksModule)) as {
    handlers(options?: object): HttpHandler[];
  };
  server = setupServer(...mocks.handlers({ seed: 2 }));
  server.listen({ onUnhandledRequest: 'error' });
  client = mod.createClient({ retry: false });
}, 60_000);
afterAll(() => server.close());

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('mocks for streamed responses', () => {
  it('answers the plain call with the JSON body', async () => {
    expect(await client.chat.createCompletion({ body: { prompt: 'hi' } })).toEqual({ text: expect.any(String) as string });
  });

  it('answers the stream companion with server-sent events', async () => {
    const events = (await collect(client.chat.createCompletionStream({ body: { prompt: 'hi', stream: true } }))) as {
      data: unknown;
    }[];
    expect(events).toHaveLength(3);
    for (const event of events) expect(event.data).toMatchObject({ delta: expect.any(String) as string });
  });

  it('answers a JSON Lines companion line by line', async () => {
    const records = await collect(client.logs.tailLogsStream());
    expect(records).toHaveLength(3);
    for (const record of records) expect(['debug', 'info', 'warn', 'error']).toContain((record as { level: string }).level);
  });
});
