/**
 * With `naming: 'camelCase'` and `dates: 'Date'`, payload types say camelCase and Date: the
 * generated handler converts each verified payload from its wire form before the handler sees it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/generate.js';
import { fixturesDir, generatedDir } from '../support/paths.js';
import { typecheck } from '../support/typecheck.js';

let dir = '';

beforeAll(async () => {
  dir = generatedDir('e2e', 'webhooks-transform');
  await generate({ spec: path.join(fixturesDir, 'webhooks', 'openapi.yaml'), out: dir, naming: 'camelCase', dates: 'Date' });
}, 60_000);

describe('webhook payloads with naming and date transforms', () => {
  it('arrive converted: camelCase properties, Date values', async () => {
    const runtime = (await import(/* @vite-ignore */ path.join(dir, 'runtime', 'index.ts'))) as {
      signWebhook(options: object): Promise<Record<string, string>>;
    };
    const mod = (await import(/* @vite-ignore */ path.join(dir, 'webhooks.gen.ts'))) as {
      createWebhookHandler(options: object): (request: Request) => Promise<Response>;
    };
    const secret = 'whsec_' + btoa('transform-secret-key');
    const seen: unknown[] = [];
    const receive = mod.createWebhookHandler({
      secret,
      logger: false,
      on: { userCreated: (payload: unknown) => void seen.push(payload) },
    });
    const deliver = async (createdAt: string) => {
      const body = JSON.stringify({ type: 'user.created', data: { id: 'u_1', email: 'a@b.test', created_at: createdAt } });
      const headers = await runtime.signWebhook({ scheme: 'standard-webhooks', secret, body });
      return (await receive(new Request('https://hooks.example/', { method: 'POST', headers, body }))).status;
    };
    expect(await deliver('2026-12-04T19:00:00Z')).toBe(200);
    expect(seen).toEqual([
      { type: 'user.created', data: { id: 'u_1', email: 'a@b.test', createdAt: new Date('2026-12-04T19:00:00Z') } },
    ]);
    expect(await deliver('not a date')).toBe(400);
    expect(seen).toHaveLength(1);
  });

  it('type-check strictly with the converted types', async () => {
    writeFileSync(
      path.join(dir, 'consumer.ts'),
      `import { createWebhookHandler } from './index.js';
export const receive = createWebhookHandler({
  on: { userCreated: (payload) => { const when: Date | undefined = payload.data.createdAt; void when; } },
});
`,
    );
    const errors = await typecheck(dir, ['consumer.ts', 'index.ts']);
    expect(errors.map((e) => `${e.file}:${e.line} ${e.code} ${e.message}`)).toEqual([]);
  }, 120_000);
});
