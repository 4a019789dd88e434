/**
 * The dev corpus' OpenAI spec: `createChatCompletion` answers JSON or `text/event-stream`, so the
 * generated client gets `createChatCompletionStream`, typed with the spec's stream chunk schema. A
 * consumer written against it type-checks strictly, and streams a completion from a loopback server
 * that sends chunks the way OpenAI does (JSON `data:` lines, then `data: [DONE]`).
 */
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/generate.js';
import { corpusDir, generatedDir } from '../support/paths.js';
import { typecheck } from '../support/typecheck.js';

const consumer = `import { createClient } from './client/index.js';

export async function streamCompletion(baseUrl: string): Promise<string[]> {
  const openai = createClient({ baseUrl, auth: { apiKeyAuth: 'sk-test' }, retry: false });
  const deltas: string[] = [];
  const stream = openai.chat.createChatCompletionStream({
    body: { model: 'gpt-test', messages: [{ role: 'user', content: 'Say hello' }], stream: true },
  });
  for await (const event of stream) {
    const choice = event.data.choices[0];
    const content: string | null | undefined = choice?.delta.content;
    if (typeof content === 'string') deltas.push(content);
  }
  return deltas;
}
`;

let server: Server;
let baseUrl: string;
let dir: string;
const received: { accept: string | undefined; authorization: string | undefined; body: unknown }[] = [];

function chunk(content: string): string {
  const data = {
    id: 'c1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-test',
    choices: [{ index: 0, delta: { content }, finish_reason: null }],
  };
  return `data: ${JSON.stringify(data)}\n\n`;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const part of req) chunks.push(part as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

beforeAll(async () => {
  dir = generatedDir('e2e', 'openai-stream');
  await generate({ spec: path.join(corpusDir, 'openai.yaml'), out: path.join(dir, 'client') });
  writeFileSync(path.join(dir, 'consumer.ts'), consumer);
  server = createServer((req, res) => {
    void readJson(req).then((body) => {
      received.push({ accept: req.headers.accept, authorization: req.headers.authorization, body });
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      // Byte by byte for the first chunk: the parser must not care where TCP cuts.
      const first = Buffer.from(chunk('Hel'));
      let i = 0;
      const drip = (): void => {
        if (i < first.length) {
          res.write(first.subarray(i, ++i));
          setImmediate(drip);
          return;
        }
        res.end(chunk('lo ') + chunk('wörld') + 'data: [DONE]\n\n');
      };
      drip();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}, 120_000);
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('OpenAI chat completion, streamed through a generated client', () => {
  it('type-checks strictly with typed chunks', async () => {
    expect(await typecheck(dir, ['consumer.ts', 'client/**/*.ts'])).toEqual([]);
  }, 120_000);

  it('streams the chunks from a loopback server as they arrive', async () => {
    const entry = path.join(dir, 'consumer.ts');
    const mod = (await import(/* @vite-ignore */ entry)) as { streamCompletion(baseUrl: string): Promise<string[]> };
    expect(await mod.streamCompletion(baseUrl)).toEqual(['Hel', 'lo ', 'wörld']);
    expect(received).toHaveLength(1);
    expect(received[0]?.accept).toBe('text/event-stream');
    expect(received[0]?.authorization).toBe('Bearer sk-test');
    expect(received[0]?.body).toMatchObject({ model: 'gpt-test', stream: true });
  });
});
