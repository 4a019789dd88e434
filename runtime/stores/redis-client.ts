/**
 * The few Redis commands the store needs, as a minimal interface the user's own client satisfies
 * through a small adapter: the runtime has no dependency on any Redis library.
 *
 * ```ts
 * import Redis from 'ioredis';
 * const store = redisStore(fromIoredis(new Redis(url, { maxRetriesPerRequest: 1 })), { prefix: 'myapp' });
 *
 * import { createClient } from 'redis'; // node-redis v5
 * const redis = await createClient({ url }).connect();
 * const store = redisStore(fromNodeRedis(redis), { prefix: 'myapp' });
 * ```
 */

/** What the Redis store calls. Every method may reject; the store bounds and absorbs that. */
export interface RedisClientLike {
  eval(script: string, keys: readonly string[], args: readonly string[]): Promise<unknown>;
  evalsha(sha1: string, keys: readonly string[], args: readonly string[]): Promise<unknown>;
  get(key: string): Promise<string | null>;
  /** SET with optional PX (ms) and NX; resolves true when the value was written. */
  set(key: string, value: string, options?: { px?: number | undefined; nx?: boolean | undefined }): Promise<boolean>;
  del(key: string): Promise<number>;
}

/** The slice of an `ioredis` client used (structural: no import of ioredis). */
export interface IoredisLike {
  eval(script: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  evalsha(sha1: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<unknown>;
  set(key: string, value: string, px: 'PX', milliseconds: number): Promise<unknown>;
  set(key: string, value: string, nx: 'NX'): Promise<unknown>;
  set(key: string, value: string, px: 'PX', milliseconds: number, nx: 'NX'): Promise<unknown>;
  del(...keys: string[]): Promise<number>;
}

/** The slice of a node-redis v5 client used (`createClient()` from `redis`). */
export interface NodeRedisLike {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  evalSha(sha1: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  get(key: string): Promise<unknown>;
  set(key: string, value: string, options?: { expiration?: { type: 'PX'; value: number }; condition?: 'NX' }): Promise<unknown>;
  del(key: string): Promise<number>;
}

/** Adapts an ioredis `Redis` (or `Cluster`) instance. */
export function fromIoredis(client: IoredisLike): RedisClientLike {
  return {
    eval: (script, keys, args) => client.eval(script, keys.length, ...keys, ...args),
    evalsha: (sha1, keys, args) => client.evalsha(sha1, keys.length, ...keys, ...args),
    get: (key) => client.get(key),
    async set(key, value, options = {}) {
      const px = options.px === undefined ? undefined : Math.max(1, Math.ceil(options.px));
      const nx = options.nx === true;
      let reply: unknown;
      if (px === undefined) reply = await (nx ? client.set(key, value, 'NX') : client.set(key, value));
      else reply = await (nx ? client.set(key, value, 'PX', px, 'NX') : client.set(key, value, 'PX', px));
      return reply === 'OK';
    },
    del: (key) => client.del(key),
  };
}

/** Adapts a node-redis v5 client (RESP2 or RESP3). */
export function fromNodeRedis(client: NodeRedisLike): RedisClientLike {
  return {
    eval: (script, keys, args) => client.eval(script, { keys: [...keys], arguments: [...args] }),
    evalsha: (sha1, keys, args) => client.evalSha(sha1, { keys: [...keys], arguments: [...args] }),
    async get(key) {
      const value = await client.get(key);
      return typeof value === 'string' ? value : null;
    },
    async set(key, value, options = {}) {
      const reply = await client.set(key, value, {
        ...(options.px === undefined ? {} : { expiration: { type: 'PX' as const, value: Math.max(1, Math.ceil(options.px)) } }),
        ...(options.nx === true ? { condition: 'NX' as const } : {}),
      });
      return reply === 'OK';
    },
    del: (key) => client.del(key),
  };
}

/** A script run with EVALSHA (one round trip), falling back to EVAL once when Redis lacks it. */
export interface ScriptRunner {
  run(script: string, keys: readonly string[], args: readonly string[]): Promise<unknown>;
}

export function createScriptRunner(client: RedisClientLike): ScriptRunner {
  const shas = new Map<string, Promise<string>>();
  const shaOf = (script: string): Promise<string> => {
    let sha = shas.get(script);
    if (sha === undefined) {
      sha = crypto.subtle
        .digest('SHA-1', new TextEncoder().encode(script))
        .then((digest) => Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join(''));
      shas.set(script, sha);
    }
    return sha;
  };
  return {
    async run(script, keys, args) {
      const sha = await shaOf(script);
      try {
        return await client.evalsha(sha, keys, args);
      } catch (error) {
        // After a Redis restart (or on first use) the script cache is empty: EVAL loads it again.
        if (!String((error as { message?: unknown } | null)?.message ?? error).includes('NOSCRIPT')) throw error;
        return client.eval(script, keys, args);
      }
    },
  };
}

/** The same client, counting each command sent (for the store's `roundTrips` statistic). */
export function countingClient(client: RedisClientLike, onCommand: () => void): RedisClientLike {
  return {
    eval: (script, keys, args) => (onCommand(), client.eval(script, keys, args)),
    evalsha: (sha1, keys, args) => (onCommand(), client.evalsha(sha1, keys, args)),
    get: (key) => (onCommand(), client.get(key)),
    set: (key, value, options) => (onCommand(), client.set(key, value, options)),
    del: (key) => (onCommand(), client.del(key)),
  };
}
