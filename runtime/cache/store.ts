/**
 * Where cached responses live. The interface is async so a shared store (Redis, KV, IndexedDB) can
 * be plugged in; the default keeps entries in memory with LRU eviction by count and by bytes.
 * Keys are SHA-256 hashes: neither URLs (which may carry API keys) nor credentials reach a store.
 */

/** One stored response. Plain data: a shared store can serialize it (encode `body` as base64). */
export interface CacheEntry {
  readonly status: number;
  readonly statusText: string;
  /** Header fields as sent, minus the ones that describe the transfer (see cache-control.ts). */
  readonly headers: readonly (readonly [string, string])[];
  /** The decoded body bytes. */
  readonly body: Uint8Array;
  /** The URL the response came from, restored as `Response.url`. */
  readonly url: string;
  /** Clock time (ms) the response was received or last revalidated. */
  readonly storedAt: number;
  /** The `Age` the response already had when received, in ms. */
  readonly initialAgeMs: number;
  /** Freshness lifetime in ms from `storedAt` minus `initialAgeMs`. */
  readonly lifetimeMs: number;
  /** `no-cache`: revalidate before every use. */
  readonly alwaysRevalidate: boolean;
  /** The request header values the response varies on (lower-cased name, normalized value or null). */
  readonly vary: readonly (readonly [string, string | null])[];
}

export interface CacheStore {
  get(key: string): Promise<CacheEntry | undefined>;
  set(key: string, entry: CacheEntry): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface MemoryCacheStoreOptions {
  /** Most entries kept; the least recently used go first. Default 1,000. */
  maxEntries?: number;
  /** Most bytes kept (bodies + headers, approximately). Default 32 MiB. */
  maxBytes?: number;
}

export interface MemoryCacheStore extends CacheStore {
  /** Entries and approximate bytes held now. */
  size(): { entries: number; bytes: number };
  clear(): void;
}

/** Approximate memory an entry holds. */
export function measureEntry(key: string, entry: CacheEntry): number {
  let bytes = entry.body.byteLength + key.length + entry.url.length + 128;
  for (const [name, value] of entry.headers) bytes += name.length + value.length;
  return bytes;
}

export function createMemoryCacheStore(options: MemoryCacheStoreOptions = {}): MemoryCacheStore {
  const maxEntries = options.maxEntries ?? 1000;
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const entries = new Map<string, { entry: CacheEntry; bytes: number }>();
  let bytes = 0;

  const remove = (key: string): void => {
    const held = entries.get(key);
    if (held === undefined) return;
    entries.delete(key);
    bytes -= held.bytes;
  };

  return {
    get(key) {
      const held = entries.get(key);
      if (held === undefined) return Promise.resolve(undefined);
      entries.delete(key);
      entries.set(key, held);
      return Promise.resolve(held.entry);
    },
    set(key, entry) {
      remove(key);
      const size = measureEntry(key, entry);
      // An entry bigger than the whole budget would evict everything and still not fit.
      if (size > maxBytes || maxEntries <= 0) return Promise.resolve();
      entries.set(key, { entry, bytes: size });
      bytes += size;
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries && bytes <= maxBytes) break;
        remove(oldest);
      }
      return Promise.resolve();
    },
    delete(key) {
      remove(key);
      return Promise.resolve();
    },
    size: () => ({ entries: entries.size, bytes }),
    clear() {
      entries.clear();
      bytes = 0;
    },
  };
}
