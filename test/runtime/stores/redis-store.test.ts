/**
 * The Redis store against a real redis-server, through both adapters (ioredis, node-redis v5): the
 * minimal client contract, key namespacing, the Lua capabilities, sealed tokens, the script cache
 * being flushed, and bounded operations against a client that hangs or fails.
 */
import { Redis } from 'ioredis';
import { createClient as createNodeRedis } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromIoredis, fromNodeRedis, redisStore, type RedisClientLike, type StateStoreNotice } from '../../../runtime/index.js';
import { startRedis, type RedisServer } from './redis-server.js';

let server: RedisServer;
let raw: Redis;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  server = await startRedis();
  raw = new Redis(server.port, '127.0.0.1');
});
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
  raw.disconnect();
  await server.stop();
});

const adapters: Record<string, () => Promise<RedisClientLike>> = {
  async ioredis() {
    const redis = new Redis(server.port, '127.0.0.1');
    closers.push(async () => void redis.disconnect());
    return fromIoredis(redis);
  },
  async 'node-redis'() {
    const redis = await createNodeRedis({ url: server.url }).connect();
    closers.push(async () => void redis.destroy());
    return fromNodeRedis(redis);
  },
};

const settings = {
  failureThreshold: 2,
  resetTimeoutMs: 60_000,
  failureRateThreshold: 0.5,
  windowMs: 10_000,
  minimumCalls: 10,
  halfOpenMaxCalls: 1,
};

describe.each(Object.keys(adapters))('adapter %s', (kind) => {
  let client: RedisClientLike;
  beforeAll(async () => {
    client = await adapters[kind]!();
  });

  it('satisfies the minimal client contract: get, set with PX/NX, del, eval/evalsha', async () => {
    const key = `contract:${kind}`;
    expect(await client.set(key, 'a', { px: 60_000 })).toBe(true);
    expect(await client.set(key, 'b', { nx: true })).toBe(false);
    expect(await client.get(key)).toBe('a');
    expect(await raw.pttl(key)).toBeGreaterThan(0);
    expect(await client.eval("return redis.call('GET', KEYS[1]) .. ARGV[1]", [key], ['!'])).toBe('a!');
    await expect(client.evalsha('0'.repeat(40), [key], [])).rejects.toThrow(/NOSCRIPT/);
    expect(await client.del(key)).toBe(1);
    expect(await client.get(key)).toBeNull();
  });

  it('namespaces keys by prefix, API title and client name', async () => {
    const store = redisStore(client, { prefix: `ns-${kind}`, name: 'billing' }).shared.forApi('Pet Store');
    await store.set('k', { n: 1 });
    expect(await raw.get(`ns-${kind}:Pet+Store:billing:s:k`)).toBe('{"n":1}');
    expect(await store.get('k')).toEqual({ n: 1 });
    const other = redisStore(client, { prefix: `ns-${kind}`, name: 'shipping' }).shared.forApi('Pet Store');
    expect(await other.get('k')).toBeUndefined();
  });

  it('setIfAbsent is SET NX PX: the first caller wins, the id expires', async () => {
    const store = redisStore(client, { prefix: `replay-${kind}` });
    expect(await store.setIfAbsent('msg', 1, 50)).toBe(true);
    expect(await store.setIfAbsent('msg', 1, 50)).toBe(false);
    await new Promise((r) => setTimeout(r, 80));
    expect(await store.setIfAbsent('msg', 1, 50)).toBe(true);
  });

  it('GCRA: `burst` slots at once, then reservations one interval apart; none beyond maxWaitMs', async () => {
    const limiter = redisStore(client, { prefix: `gcra-${kind}` }).shared.rateLimit!;
    const burst = [
      await limiter.reserve('o', 1000, 3, 0),
      await limiter.reserve('o', 1000, 3, 0),
      await limiter.reserve('o', 1000, 3, 0),
    ];
    expect(burst).toEqual([0, 0, 0]);
    const refused = await limiter.reserve('o', 1000, 3, 500);
    expect(refused).toBeLessThan(-900); // minus the wait: nothing reserved
    const next = await limiter.reserve('o', 1000, 3, 10_000);
    expect(next).toBeGreaterThan(900);
    expect(next).toBeLessThanOrEqual(1000);
    const after = await limiter.reserve('o', 1000, 3, 10_000);
    expect(after! - next!).toBeGreaterThan(900); // the refused call took no slot
    expect(await limiter.pause('p', 5000)).toBe(true);
    expect(await limiter.reserve('p', 0, 1, 10_000)).toBeGreaterThan(4000); // a learned pause holds without a bucket too
    expect(await limiter.reserve('p', 0, 1, 1000)).toBeLessThan(-4000);
  });

  it('breaker: trips after the threshold, refuses with the time left, ignores stale generations', async () => {
    const breaker = redisStore(client, { prefix: `cb-${kind}` }).shared.breaker!;
    const first = await breaker.acquire('o', settings, 10);
    expect(first).toMatchObject({ admitted: true, generation: 10, probe: false, change: null });
    const second = await breaker.acquire('o', settings, 99); // the stored record wins over a new fresh generation
    expect(second?.generation).toBe(10);
    expect(await breaker.record('o', first!, 'failure', settings, 10)).toEqual({ change: null });
    expect(await breaker.record('o', first!, 'failure', settings, 10)).toEqual({ change: ['closed', 'open'] });
    expect(await breaker.record('o', second!, 'failure', settings, 10)).toEqual({ change: null }); // older generation
    const refused = await breaker.acquire('o', settings, 10);
    expect(refused).toMatchObject({ admitted: false });
    expect(refused!.retryAfterMs).toBeGreaterThan(59_000);
    expect(await breaker.state('o')).toBe('open');
  });

  it('retry budget: spends whole tokens, refills up to the capacity', async () => {
    const budget = redisStore(client, { prefix: `rb-${kind}` }).shared.retryBudget!;
    expect([await budget.spend('c', 2), await budget.spend('c', 2), await budget.spend('c', 2)]).toEqual([true, true, false]);
    await budget.refill('c', 0.5, 2);
    expect(await budget.spend('c', 2)).toBe(false);
    await budget.refill('c', 0.5, 2);
    expect(await budget.spend('c', 2)).toBe(true);
  });

  it('lock: one owner at a time; only the owner releases it', async () => {
    const lock = redisStore(client, { prefix: `lock-${kind}` }).shared.lock!;
    const owner = await lock.acquire('t', 5000);
    expect(typeof owner).toBe('string');
    expect(await lock.acquire('t', 5000)).toBeNull();
    await lock.release('t', 'someone-else');
    expect(await lock.acquire('t', 5000)).toBeNull();
    await lock.release('t', owner!);
    expect(typeof (await lock.acquire('t', 5000))).toBe('string');
  });

  it('tokens are sealed with AES-GCM when a key is given: Redis never holds the access token', async () => {
    const prefix = `tok-${kind}`;
    const tokens = redisStore(client, { prefix, tokenEncryptionKey: 'x'.repeat(32) }).shared.tokenStore!;
    await tokens.set('oauth', { accessToken: 'secret-access-token', tokenType: 'Bearer', refreshToken: 'secret-refresh' });
    const stored = await raw.get(`${prefix}:_:default:tok:oauth`);
    expect(stored).toMatch(/^aw1:/);
    expect(stored).not.toContain('secret');
    expect(await tokens.get('oauth')).toEqual({
      accessToken: 'secret-access-token',
      tokenType: 'Bearer',
      refreshToken: 'secret-refresh',
    });
    const wrongKey = redisStore(client, { prefix, tokenEncryptionKey: 'y'.repeat(32) }).shared.tokenStore!;
    expect(await wrongKey.get('oauth')).toBeUndefined();
  });

  it('cache entries round-trip with their body bytes', async () => {
    const cache = redisStore(client, { prefix: `http-${kind}` }).shared.cacheStore!;
    const entry = {
      status: 200,
      statusText: 'OK',
      headers: [['etag', '"v1"']] as [string, string][],
      body: new Uint8Array([0, 1, 2, 255]),
      url: 'https://api.example.test/things',
      storedAt: 1,
      initialAgeMs: 0,
      lifetimeMs: 1000,
      alwaysRevalidate: false,
      vary: [['accept', null]] as [string, string | null][],
    };
    await cache.set('h', entry);
    expect(await cache.get('h')).toEqual(entry);
  });

  it('reloads scripts after Redis forgot them (SCRIPT FLUSH, a restart)', async () => {
    const store = redisStore(client, { prefix: `flush-${kind}` });
    expect(await store.shared.rateLimit!.reserve('o', 10, 100, 0)).toBe(0);
    await raw.script('FLUSH');
    const before = store.stats.roundTrips;
    expect(await store.shared.rateLimit!.reserve('o', 10, 100, 0)).toBe(0);
    expect(store.stats.roundTrips - before).toBe(2); // EVALSHA refused, EVAL ran it
    expect(store.stats.fallbacks).toBe(0);
  });
});

describe('bounded store operations', () => {
  const hanging: RedisClientLike = {
    eval: () => new Promise(() => undefined),
    evalsha: () => new Promise(() => undefined),
    get: () => new Promise(() => undefined),
    set: () => new Promise(() => undefined),
    del: () => new Promise(() => undefined),
  };

  it('a Redis that never answers costs one timeout, then local state until the retry interval', async () => {
    const notices: StateStoreNotice[] = [];
    const store = redisStore(hanging, { operationTimeoutMs: 30, retryIntervalMs: 60_000, onNotice: (n) => notices.push(n) });
    expect(await store.shared.rateLimit!.reserve('o', 100, 1, 0)).toBeUndefined();
    expect(await store.shared.breaker!.acquire('o', settings, 1)).toBeUndefined();
    await store.set('k', 1);
    expect(await store.get('k')).toBe(1); // served by the local fallback
    expect(await store.setIfAbsent('id', 1, 1000)).toBe(true);
    expect(await store.setIfAbsent('id', 1, 1000)).toBe(false);
    expect(store.stats).toMatchObject({ timeouts: 1, fallbacks: 1, remote: 0 });
    expect(notices).toEqual([
      { status: 'fallback', operation: 'rateLimit.reserve', reason: 'StoreTimeoutError: timeout after 30 ms' },
    ]);
  });

  it('a failing Redis leaves no unhandled rejection and recovers when it answers again', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    let healthy = false;
    const failing: RedisClientLike = {
      eval: () => (healthy ? Promise.resolve(0) : Promise.reject(new Error('ECONNREFUSED'))),
      evalsha: () => (healthy ? Promise.resolve(0) : Promise.reject(new Error('ECONNREFUSED'))),
      get: () => (healthy ? Promise.resolve(null) : Promise.reject(new Error('ECONNREFUSED'))),
      set: () => (healthy ? Promise.resolve(true) : Promise.reject(new Error('ECONNREFUSED'))),
      del: () => (healthy ? Promise.resolve(1) : Promise.reject(new Error('ECONNREFUSED'))),
    };
    const notices: StateStoreNotice[] = [];
    const store = redisStore(failing, { operationTimeoutMs: 1000, retryIntervalMs: 0, onNotice: (n) => notices.push(n) });
    expect(await store.shared.rateLimit!.reserve('o', 100, 1, 0)).toBeUndefined();
    healthy = true;
    expect(await store.shared.rateLimit!.reserve('o', 100, 1, 0)).toBe(0);
    await new Promise((r) => setTimeout(r, 20));
    expect(notices.map((n) => n.status)).toEqual(['fallback', 'restored']);
    expect(unhandled).toEqual([]);
    process.off('unhandledRejection', onUnhandled);
  });
});
