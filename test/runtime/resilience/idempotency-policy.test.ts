/**
 * `idempotency: 'declared' | 'unsafe-methods' | false` against a loopback server that honours
 * `Idempotency-Key` the way Stripe does: the first attempt's effect is recorded, then it answers 503;
 * a retry with the same key replays the recorded result instead of a second effect.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createRuntimeClient,
  isApiError,
  type ApiDescriptor,
  type ClientOptions,
  type OperationDescriptor,
} from '../../../runtime/index.js';

let server: Server;
let origin: string;
let attempts: { method: string; key: string | undefined }[] = [];
let effects = 0;
const seenKeys = new Set<string>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const header = req.headers['idempotency-key'] ?? req.headers['x-request-key'];
    const key = typeof header === 'string' ? header : undefined;
    attempts.push({ method: req.method ?? '', key });
    req.resume();
    req.on('end', () => {
      if (key !== undefined && seenKeys.has(key)) {
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ effects, replayed: true }));
        return;
      }
      effects++;
      if (key !== undefined) seenKeys.add(key);
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '0' }).end('{"error":"try again"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  attempts = [];
  effects = 0;
  seenKeys.clear();
});

const createOrder: OperationDescriptor = {
  id: 'createOrder',
  method: 'POST',
  path: '/orders',
  params: [],
  body: { required: true, mediaTypes: ['application/json'] },
  responses: { '201': ['application/json'] },
};

function call(options: Pick<ClientOptions, 'idempotency' | 'idempotencyHeader'>) {
  const api: ApiDescriptor = {
    title: 'Shop',
    version: '1',
    envPrefix: 'SHOP',
    servers: [{ url: origin }],
    security: [],
    securitySchemes: {},
  };
  const client = createRuntimeClient(api, {
    ...options,
    retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 },
    circuitBreaker: false,
  });
  return client.request<{ effects: number; replayed: boolean }>(createOrder, { body: { sku: 'A1' } });
}

describe('idempotency policy on POST retries', () => {
  it("'unsafe-methods' adds Idempotency-Key to a POST, retries with the same key, and the server sees one effect", async () => {
    const result = await call({ idempotency: 'unsafe-methods' });
    expect(result).toEqual({ effects: 1, replayed: true });
    expect(attempts).toHaveLength(2);
    expect(attempts[0]?.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(attempts[1]?.key).toBe(attempts[0]?.key);
    expect(effects).toBe(1);
  });

  it("'unsafe-methods' uses the configured header name", async () => {
    await call({ idempotency: 'unsafe-methods', idempotencyHeader: 'X-Request-Key' });
    expect(attempts).toHaveLength(2);
    expect(attempts[0]?.key).toBeDefined();
    expect(effects).toBe(1);
  });

  it.each([['declared' as const], [false as const]])(
    '%s: a POST without a declared header gets no key and is sent once',
    async (policy) => {
      const error = await call({ idempotency: policy }).catch((e: unknown) => e);
      expect(isApiError(error) && error.status).toBe(503);
      expect(attempts).toEqual([{ method: 'POST', key: undefined }]);
      expect(effects).toBe(1);
    },
  );

  it('false wins over idempotencyHeader', async () => {
    await call({ idempotency: false, idempotencyHeader: 'Idempotency-Key' }).catch(() => undefined);
    expect(attempts).toEqual([{ method: 'POST', key: undefined }]);
  });
});
