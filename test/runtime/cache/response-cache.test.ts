import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CacheEntryMissingError,
  createMemoryCacheStore,
  createResponseCache,
  hashIdentity,
  type CacheRequest,
  type ResponseCache,
  type ResponseCacheOptions,
} from '../../../runtime/cache/cache.js';
import { startCacheServer, type CacheServer } from './cache-server.js';

let server: CacheServer;
beforeAll(async () => {
  server = await startCacheServer();
});
afterAll(() => server.close());

let now = 0;
const clock = { now: () => now };
beforeEach(() => {
  now = 1_700_000_000_000;
});

const ANON = 'anonymous';

/** The cache wired around fetch exactly as runtime/client/client.ts is meant to do it. */
async function send(
  cache: ResponseCache,
  path: string,
  init: { method?: string; headers?: Record<string, string>; identity?: string } = {},
): Promise<Response> {
  const request: CacheRequest = {
    method: init.method ?? 'GET',
    url: new URL(path, server.origin),
    headers: new Headers(init.headers),
  };
  const identity = init.identity ?? ANON;
  const hit = await cache.lookup(request, identity);
  if (hit.kind === 'fresh') return hit.response;
  const headers = new Headers(request.headers);
  if (hit.kind === 'stale') hit.conditionalHeaders.forEach((value, name) => headers.set(name, value));
  const response = await fetch(request.url, { method: request.method, headers });
  if (hit.kind === 'stale' && response.status === 304) return cache.revalidated(request, response, identity, hit.entry);
  return cache.store(request, response, identity);
}

const json = async (response: Response): Promise<Record<string, unknown>> => (await response.json()) as Record<string, unknown>;
const make = (options: ResponseCacheOptions = {}): ResponseCache => createResponseCache({ clock, ...options });

describe('createResponseCache', () => {
  it('a fresh hit sends no request and rebuilds status, headers, body and url', async () => {
    const cache = make();
    const first = await json(await send(cache, '/fresh'));
    now += 30_000;
    const second = await send(cache, '/fresh');
    expect(server.hits('/fresh')).toBe(1);
    expect(await json(second)).toEqual(first);
    expect(second.status).toBe(200);
    expect(second.headers.get('content-type')).toBe('application/json');
    expect(second.headers.get('age')).toBe('30');
    expect(second.url).toBe(`${server.origin}/fresh`);
  });

  it('max-age is respected with a fake clock, and private / s-maxage do not stop a private cache', async () => {
    const cache = make({ ttlMs: 1 });
    await send(cache, '/private');
    now += 59_999;
    await send(cache, '/private');
    expect(server.hits('/private')).toBe(1);
    now += 2;
    expect(await json(await send(cache, '/private'))).toMatchObject({ n: 2 });
    expect(server.hits('/private')).toBe(2);
  });

  it('no-cache revalidates every time; a 304 reuses the stored body and refreshes headers and freshness', async () => {
    const cache = make();
    const first = await json(await send(cache, '/etag'));
    const second = await send(cache, '/etag');
    expect(server.hits('/etag')).toBe(2);
    expect(server.conditional('/etag')).toBe(1);
    expect(second.status).toBe(200);
    expect(await json(second)).toEqual(first);
    expect(second.headers.get('x-revalidated')).toBe('2');
    // The 304 said max-age=10 and no longer no-cache: fresh for 10 s, then revalidated again.
    now += 9_000;
    await send(cache, '/etag');
    expect(server.hits('/etag')).toBe(2);
    now += 2_000;
    expect(await json(await send(cache, '/etag'))).toEqual(first);
    expect(server.conditional('/etag')).toBe(2);
  });

  it('Last-Modified alone revalidates with If-Modified-Since', async () => {
    const cache = make();
    const first = await json(await send(cache, '/last-modified'));
    now += 6_000;
    expect(await json(await send(cache, '/last-modified'))).toEqual(first);
    expect(server.conditional('/last-modified')).toBe(1);
  });

  it('no-store is never cached, nor is anything when the request says no-store', async () => {
    const cache = make();
    await send(cache, '/no-store');
    await send(cache, '/no-store');
    expect(server.hits('/no-store')).toBe(2);
    expect(server.conditional('/no-store')).toBe(0);
    await send(cache, '/plain', { headers: { 'cache-control': 'no-store' } });
    await send(cache, '/plain');
    expect(server.hits('/plain')).toBe(2);
  });

  it('without cache headers the default TTL applies', async () => {
    const cache = make({ ttlMs: 1_000 });
    const before = server.hits('/plain');
    await send(cache, '/plain');
    now += 999;
    await send(cache, '/plain');
    expect(server.hits('/plain') - before).toBe(1);
    now += 1;
    await send(cache, '/plain');
    expect(server.hits('/plain') - before).toBe(2);
  });

  it('Expires minus Date sets freshness; an invalid Expires is already stale', async () => {
    const cache = make();
    await send(cache, '/expires');
    now += 20_000;
    await send(cache, '/expires');
    expect(server.hits('/expires')).toBe(1);
    now += 20_000;
    await send(cache, '/expires');
    expect(server.hits('/expires')).toBe(2);
    await send(cache, '/bad-expires');
    await send(cache, '/bad-expires');
    expect(server.hits('/bad-expires')).toBe(2);
  });

  it('request Cache-Control no-cache and max-age skip a stored answer', async () => {
    const cache = make();
    await send(cache, '/fresh?r=1');
    now += 10_000;
    await send(cache, '/fresh?r=1', { headers: { 'cache-control': 'max-age=5' } });
    await send(cache, '/fresh?r=1', { headers: { pragma: 'no-cache' } });
    expect(server.hits('/fresh')).toBe(3 + 1);
  });

  it('Vary: a different Accept-Language never gets another language', async () => {
    const cache = make();
    expect(await json(await send(cache, '/vary', { headers: { 'accept-language': 'en' } }))).toMatchObject({ lang: 'en' });
    expect(await json(await send(cache, '/vary', { headers: { 'accept-language': '  en ' } }))).toMatchObject({
      lang: 'en',
      n: 1,
    });
    expect(await json(await send(cache, '/vary', { headers: { 'accept-language': 'fr' } }))).toMatchObject({ lang: 'fr' });
    // (Node's fetch sends `accept-language: *` when none is set; the point is: not the French answer.)
    expect(await json(await send(cache, '/vary'))).toMatchObject({ n: 3 });
    expect(server.hits('/vary')).toBe(3);
  });

  it('Vary: * is never cached', async () => {
    const cache = make();
    await send(cache, '/vary-star');
    await send(cache, '/vary-star');
    expect(server.hits('/vary-star')).toBe(2);
  });

  it('different identities never share an entry', async () => {
    const cache = make();
    const alice = await hashIdentity(['bearer', 'alice-token']);
    const bob = await hashIdentity(['bearer', 'bob-token']);
    const a = await json(await send(cache, '/who', { headers: { authorization: 'alice' }, identity: alice }));
    const b = await json(await send(cache, '/who', { headers: { authorization: 'bob' }, identity: bob }));
    expect(a).toMatchObject({ auth: 'alice' });
    expect(b).toMatchObject({ auth: 'bob' });
    expect(await json(await send(cache, '/who', { identity: alice }))).toEqual(a);
    expect(server.hits('/who')).toBe(2);
  });

  it('only GET/HEAD 200-class responses are stored; errors are not', async () => {
    const cache = make();
    await send(cache, '/error');
    await send(cache, '/error');
    expect(server.hits('/error')).toBe(2);
    const head = await send(cache, '/fresh?head', { method: 'HEAD' });
    expect(head.status).toBe(200);
    const headAgain = await send(cache, '/fresh?head', { method: 'HEAD' });
    expect(headAgain.body).toBeNull();
  });

  it('a successful POST invalidates the URL and its same-origin Location', async () => {
    const cache = make();
    const before = server.hits('/fresh');
    await send(cache, '/fresh');
    await send(cache, '/things');
    await send(cache, '/things', { method: 'POST' });
    await send(cache, '/fresh');
    expect(server.hits('/fresh') - before).toBe(2);
  });

  it('bodies above maxEntryBytes pass through intact and uncached, with or without Content-Length', async () => {
    const cache = make({ maxEntryBytes: 1_000 });
    for (const path of ['/sized?bytes=5000', '/sized?bytes=5000&chunked']) {
      expect((await (await send(cache, path)).text()).length).toBe(5000);
      expect((await (await send(cache, path)).text()).length).toBe(5000);
    }
    expect(server.hits('/sized')).toBe(4);
    expect((await (await send(cache, '/sized?bytes=600&chunked')).text()).length).toBe(600);
    expect((await (await send(cache, '/sized?bytes=600&chunked')).text()).length).toBe(600);
    expect(server.hits('/sized')).toBe(5);
  });

  it('a gzip response is stored decoded, and served without Content-Encoding and with its real length', async () => {
    const cache = make();
    const first = await send(cache, '/gzip');
    expect(first.headers.get('content-encoding')).toBeNull();
    const firstBody = await first.text();
    expect(JSON.parse(firstBody)).toEqual({ path: '/gzip', n: 1 });
    const hit = await send(cache, '/gzip');
    expect(server.hits('/gzip')).toBe(1);
    expect(hit.headers.get('content-encoding')).toBeNull();
    expect(hit.headers.get('content-length')).toBe(String(new TextEncoder().encode(firstBody).byteLength));
    expect(await hit.text()).toBe(firstBody);
  });

  it('a body that breaks mid-way fails for the caller as it would have, and is not cached', async () => {
    const cache = make();
    const response = await send(cache, '/broken');
    await expect(response.text()).rejects.toThrow();
    expect(
      (await cache.lookup({ method: 'GET', url: new URL('/broken', server.origin), headers: new Headers() }, ANON)).kind,
    ).toBe('miss');
  });

  it('a 304 for an entry that is gone and not passed is a typed error', async () => {
    const cache = make();
    const request: CacheRequest = { method: 'GET', url: new URL('/nothing', server.origin), headers: new Headers() };
    await expect(cache.revalidated(request, new Response(null, { status: 304 }), ANON)).rejects.toBeInstanceOf(
      CacheEntryMissingError,
    );
  });
});

describe('LRU eviction', () => {
  it('by entries: the least recently used goes first', async () => {
    const cache = make({ maxEntries: 2 });
    await send(cache, '/fresh?lru=a');
    await send(cache, '/fresh?lru=b');
    await send(cache, '/fresh?lru=a'); // touch a
    await send(cache, '/fresh?lru=c'); // evicts b
    const before = server.hits('/fresh');
    await send(cache, '/fresh?lru=a');
    expect(server.hits('/fresh')).toBe(before);
    await send(cache, '/fresh?lru=b');
    expect(server.hits('/fresh')).toBe(before + 1);
  });

  it('by bytes: big entries push out old ones, and one larger than the budget is not kept', async () => {
    const store = createMemoryCacheStore({ maxBytes: 5_000 });
    const cache = make({ store });
    await send(cache, '/sized?bytes=2000&k=1');
    await send(cache, '/sized?bytes=2000&k=2');
    expect(store.size().entries).toBe(2);
    await send(cache, '/sized?bytes=2000&k=3');
    expect(store.size().entries).toBe(2);
    expect(store.size().bytes).toBeLessThanOrEqual(5_000);
    const before = server.hits('/sized');
    await send(cache, '/sized?bytes=2000&k=1');
    expect(server.hits('/sized')).toBe(before + 1);
    await send(cache, '/sized?bytes=6000&k=big');
    expect(store.size().entries).toBe(2);
  });
});

describe('hashIdentity', () => {
  it('is a deterministic SHA-256 hex digest that never contains the secret', async () => {
    const id = await hashIdentity(['apiKey', 'sk_live_123']);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(id).toBe(await hashIdentity(['apiKey', 'sk_live_123']));
    expect(id).not.toContain('sk_live');
  });

  it('length-prefixes parts so different splits differ', async () => {
    expect(await hashIdentity(['ab', 'c'])).not.toBe(await hashIdentity(['a', 'bc']));
  });
});
