/**
 * Where the circuit breaker and the rate limiter keep their per-key state (`cb:<origin>`,
 * `rl:<origin>`). The default lives in memory and is bounded; a shared store (Redis, a Durable
 * Object, …) can be plugged in so several processes share one breaker and one bucket per origin.
 *
 * Values are plain JSON-compatible objects. Readers validate what they get back, so a shared store
 * holding garbage (or an older shape) degrades to "no state" instead of a crash.
 */

export interface StateStore {
  get(key: string): Promise<unknown>;
  /** Stores `value`; with `ttlMs`, the entry disappears after that long (absent = fresh state). */
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  delete?(key: string): Promise<void>;
  /**
   * Atomic read-modify-write: applies `fn` to the current value and stores its result, with no
   * other update of the same key in between (a Redis store would use WATCH/MULTI or a Lua script).
   * When a store lacks it, `updateState` serializes updates per key within this process only.
   */
  update?(key: string, fn: (current: unknown) => unknown, ttlMs?: number): Promise<unknown>;
  /**
   * Stores `value` only when `key` holds nothing, atomically (Redis: `SET key value PX ttl NX`), and
   * says whether it did. Webhook replay protection records seen message ids with it.
   */
  setIfAbsent?(key: string, value: unknown, ttlMs: number): Promise<boolean>;
}

export interface MemoryStateStoreOptions {
  /** Most entries kept; the least recently used is evicted beyond it. Default 10,000. */
  maxEntries?: number | undefined;
  /** Time source for TTLs; defaults to Date.now. */
  now?: (() => number) | undefined;
}

interface Entry {
  value: unknown;
  expiresAt: number;
  /** The insertion count when the entry last moved to the most-recent end. */
  stamp: number;
}

/**
 * An in-memory, LRU-bounded StateStore whose `update` is atomic (it runs synchronously).
 *
 * The breaker and the limiter read and write their entry on every call, so recency is kept
 * cheaply: an entry moves to the most-recent end (a Map delete + set) only when it has fallen
 * into the older half, and a write to a live entry updates it in place. Eviction still takes the
 * least recently moved entry; an entry used at least once every `maxEntries / 2` insertions is
 * never evicted.
 */
export function createMemoryStateStore(options: MemoryStateStoreOptions = {}): StateStore & {
  readonly size: number;
} {
  const maxEntries = Math.max(1, options.maxEntries ?? 10_000);
  const refreshAfter = Math.max(1, Math.floor(maxEntries / 2));
  const now = options.now ?? (() => Date.now());
  const entries = new Map<string, Entry>();
  let insertions = 0;

  const touch = (key: string, entry: Entry): void => {
    if (insertions - entry.stamp < refreshAfter) return;
    // Map keeps insertion order: re-inserting marks the entry as most recently used.
    entries.delete(key);
    entries.set(key, entry);
    entry.stamp = ++insertions;
  };
  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt !== Infinity && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const read = (key: string): unknown => {
    const entry = live(key);
    if (entry === undefined) return undefined;
    touch(key, entry);
    return entry.value;
  };
  const write = (key: string, value: unknown, ttlMs?: number): void => {
    const expiresAt = ttlMs !== undefined && Number.isFinite(ttlMs) && ttlMs > 0 ? now() + ttlMs : Infinity;
    const entry = live(key);
    if (entry !== undefined) {
      entry.value = value;
      entry.expiresAt = expiresAt;
      touch(key, entry);
      return;
    }
    entries.set(key, { value, expiresAt, stamp: ++insertions });
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next();
      if (oldest.done === true) break;
      entries.delete(oldest.value);
    }
  };

  return {
    get size() {
      return entries.size;
    },
    get: (key) => Promise.resolve(read(key)),
    set: (key, value, ttlMs) => Promise.resolve(write(key, value, ttlMs)),
    delete: (key) => Promise.resolve(void entries.delete(key)),
    setIfAbsent: (key, value, ttlMs) => {
      if (live(key) !== undefined) return Promise.resolve(false);
      write(key, value, ttlMs);
      return Promise.resolve(true);
    },
    // No `await` between read and write: nothing else can run in between, so the update is atomic.
    // A throw inside `fn` rejects the promise (executor semantics).
    update: (key, fn, ttlMs) =>
      new Promise<unknown>((resolve) => {
        const next = fn(read(key));
        write(key, next, ttlMs);
        resolve(next);
      }),
  };
}

const localLocks = new WeakMap<StateStore, Map<string, Promise<unknown>>>();

/**
 * Atomically replaces the state under `key` with `fn(current)` and returns the new state. Uses the
 * store's own `update` when it has one; otherwise chains updates of one key within this process.
 */
export function updateState<T>(store: StateStore, key: string, fn: (current: unknown) => T, ttlMs?: number): Promise<T> {
  if (store.update !== undefined) {
    let result: T | undefined;
    let ran = false;
    return store
      .update(
        key,
        (current) => {
          result = fn(current);
          ran = true;
          return result;
        },
        ttlMs,
      )
      .then(() => {
        if (!ran) throw new Error(`StateStore.update did not run the update function for ${key}`);
        return result as T;
      });
  }
  let locks = localLocks.get(store);
  if (locks === undefined) {
    locks = new Map();
    localLocks.set(store, locks);
  }
  const previous = locks.get(key) ?? Promise.resolve();
  const next = previous.then(
    () => runUpdate(store, key, fn, ttlMs),
    () => runUpdate(store, key, fn, ttlMs),
  );
  locks.set(key, next);
  const cleanup = (): void => {
    if (locks?.get(key) === next) locks.delete(key);
  };
  next.then(cleanup, cleanup);
  return next;
}

async function runUpdate<T>(store: StateStore, key: string, fn: (current: unknown) => T, ttlMs?: number): Promise<T> {
  const next = fn(await store.get(key));
  await store.set(key, next, ttlMs);
  return next;
}

/** True for a plain object (not null, not an array): the only shape the readers accept. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A finite number from a stored record, or `fallback`. */
export function readNumber(record: Record<string, unknown>, key: string, fallback: number): number {
  const value = record[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
