/**
 * Redis killed mid-run: calls go on with local state (fail-open) within the store's bounded time, a
 * `stateStore` event reports the fallback, no promise rejects unhandled, and once Redis is back the
 * state is written there again. Run with both supported clients at their default queueing.
 */
import { Redis } from 'ioredis';
import { createClient as createNodeRedis } from 'redis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ObserveEvent } from '../../../runtime/index.js';
import { fromIoredis, fromNodeRedis, redisStore, type RedisClientLike } from '../../../runtime/index.js';
import { json, makeClient, makeOp, startServer, type TestServer } from '../support/client.js';
import { startRedis, type RedisServer } from './redis-server.js';

interface Connection {
  client: RedisClientLike;
  close(): Promise<void>;
}

const connect: Record<string, (port: number) => Promise<Connection>> = {
  async ioredis(port) {
    const redis = new Redis(port, '127.0.0.1', { retryStrategy: () => 50 });
    redis.on('error', () => undefined);
    return { client: fromIoredis(redis), close: async () => void redis.disconnect() };
  },
  async 'node-redis'(port) {
    const redis = createNodeRedis({ url: `redis://127.0.0.1:${port}`, socket: { reconnectStrategy: () => 50 } });
    redis.on('error', () => undefined);
    await redis.connect();
    return { client: fromNodeRedis(redis), close: async () => void redis.destroy() };
  },
};

let redis: RedisServer;
let api: TestServer;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

beforeEach(async () => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
  [redis, api] = await Promise.all([startRedis(), startServer((_req, res) => json(res, 200, { ok: true }))]);
});
afterEach(async () => {
  process.off('unhandledRejection', onUnhandled);
  await Promise.all([redis.stop(), api.close()]);
});

async function keysIn(port: number, pattern: string): Promise<string[]> {
  const probe = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 1 });
  try {
    return await probe.keys(pattern);
  } finally {
    probe.disconnect();
  }
}

describe.each(Object.keys(connect))('Redis killed mid-test (%s)', (kind) => {
  it('continues on local state, reports the fallback, and shares again after the restart', async () => {
    const connection = await connect[kind]!(redis.port);
    const store = redisStore(connection.client, { prefix: `kill-${kind}`, operationTimeoutMs: 1000, retryIntervalMs: 200 });
    const events: ObserveEvent[] = [];
    const client = makeClient(api.origin, {
      stateStore: store,
      rateLimit: { requestsPerSecond: 1000 },
      circuitBreaker: {},
      onEvent: (e) => events.push(e),
    });
    const call = (): Promise<number> =>
      client
        .request(makeOp(), undefined)
        .withResponse()
        .then(({ response }) => response.status);
    try {
      for (let i = 0; i < 5; i += 1) expect(await call()).toBe(200);
      const shared = await keysIn(redis.port, `kill-${kind}:*`);
      expect(shared.some((k) => k.includes(':rl:'))).toBe(true);
      expect(shared.some((k) => k.includes(':cb:'))).toBe(true);

      await redis.kill();
      const outcomes: number[] = [];
      const latencies: number[] = [];
      for (let i = 0; i < 20; i += 1) {
        const t0 = performance.now();
        outcomes.push(await call());
        latencies.push(performance.now() - t0);
      }
      console.log(`${kind}: 20 calls with Redis down, slowest ${Math.max(...latencies).toFixed(0)} ms (store timeout 1000 ms)`);
      expect(outcomes).toEqual(Array(20).fill(200));
      expect(events.filter((e) => e.type === 'stateStore' && e.status === 'fallback')).toHaveLength(1);
      expect(client.metrics.snapshot().stateStoreFallbacks).toBe(1);
      expect(store.stats.local).toBeGreaterThan(0);

      await redis.restart();
      let restored = false;
      for (let i = 0; i < 200 && !restored; i += 1) {
        await call();
        restored = events.some((e) => e.type === 'stateStore' && e.status === 'restored');
        if (!restored) await new Promise((r) => setTimeout(r, 50));
      }
      expect(restored).toBe(true);
      await call();
      // The restarted Redis started empty: the limiter's and breaker's keys are there again.
      const again = await keysIn(redis.port, `kill-${kind}:*`);
      expect(again.some((k) => k.includes(':rl:'))).toBe(true);
      expect(again.some((k) => k.includes(':cb:'))).toBe(true);
      expect(unhandled).toEqual([]);
    } finally {
      await connection.close();
    }
  }, 30_000);
});
