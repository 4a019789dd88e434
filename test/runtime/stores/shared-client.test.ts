/**
 * Two replicas (two clients, each with its own Redis connection) sharing the response cache with
 * ETag revalidation, a pause learned from a 429, and the retry budget.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromIoredis, redisStore, type ClientOptions } from '../../../runtime/index.js';
import { json, makeClient, makeOp, startServer, type TestServer } from '../support/client.js';
import { startRedis, type RedisServer } from './redis-server.js';

let server: RedisServer;
const connections: Redis[] = [];

beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  for (const c of connections) c.disconnect();
  await server.stop();
});

/** A replica: its own connection, the same prefix (a generous store timeout: this machine is shared). */
function replica(origin: string, prefix: string, options: ClientOptions = {}) {
  const redis = new Redis(server.port, '127.0.0.1');
  connections.push(redis);
  return makeClient(origin, { stateStore: redisStore(fromIoredis(redis), { prefix, operationTimeoutMs: 5000 }), ...options });
}

const statusOf = (promise: { withResponse(): Promise<{ response: Response }> }): Promise<number | string> =>
  promise.withResponse().then(
    ({ response }) => response.status,
    (error: Error) => error.name,
  );

describe('shared response cache', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startServer((req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"', 'cache-control': 'max-age=0' });
        res.end();
        return;
      }
      json(res, 200, { n: 1 }, { etag: '"v1"', 'cache-control': 'max-age=0' });
    });
  });
  afterAll(() => api.close());

  it('an entry stored by one replica is revalidated with its ETag by another', async () => {
    const a = replica(api.origin, 'cache', { cache: true });
    const b = replica(api.origin, 'cache', { cache: true });
    expect(await a.request(makeOp(), undefined)).toEqual({ n: 1 });
    expect(await b.request(makeOp(), undefined)).toEqual({ n: 1 });
    expect(api.requests.map((r) => r.headers['if-none-match'])).toEqual([undefined, '"v1"']);
  });
});

describe('shared learned pause', () => {
  it('a 429 with Retry-After seen by one replica pauses the other', async () => {
    let first = true;
    const api = await startServer((_req, res) => {
      if (first) {
        first = false;
        json(res, 429, {}, { 'retry-after': '30' });
      } else json(res, 200, {});
    });
    try {
      const options: ClientOptions = { retry: false, rateLimit: { maxWaitMs: 1000 } };
      const a = replica(api.origin, 'pause', options);
      const b = replica(api.origin, 'pause', options);
      expect(await statusOf(a.request(makeOp(), undefined))).toBe('RateLimitError');
      expect(await statusOf(b.request(makeOp(), undefined))).toBe('RateLimitError'); // refused before sending
      expect(api.requests).toHaveLength(1);
    } finally {
      await api.close();
    }
  });
});

describe('shared retry budget', () => {
  it('two replicas together retry at most the budget capacity', async () => {
    const api = await startServer((_req, res) => json(res, 503, {}));
    try {
      const options: ClientOptions = {
        retry: { maxRetries: 5, baseDelayMs: 1, maxDelayMs: 1, budget: { capacity: 3 } },
        circuitBreaker: false,
      };
      const a = replica(api.origin, 'budget', options);
      const b = replica(api.origin, 'budget', options);
      for (let i = 0; i < 3; i += 1) {
        expect(await statusOf(a.request(makeOp(), undefined))).toMatch(/Error$/);
        expect(await statusOf(b.request(makeOp(), undefined))).toMatch(/Error$/);
      }
      expect(api.requests).toHaveLength(6 + 3); // six first attempts, three retries in all
    } finally {
      await api.close();
    }
  });
});
