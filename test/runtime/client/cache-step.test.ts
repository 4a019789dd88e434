/**
 * The response cache wired into the client, against a loopback server that counts every request:
 * fresh hits send nothing, stale entries are revalidated, and credentials never share an entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../../../runtime/auth/index.js';
import { createMemoryCacheStore, hashIdentity } from '../../../runtime/cache/cache.js';
import type { ClientOptions } from '../../../runtime/client/client.js';
import type { ApiDescriptor, OperationDescriptor, RequestContext } from '../../../runtime/client/descriptor.js';
import { startCacheServer, type CacheServer } from '../cache/cache-server.js';
import { frozenClock, makeApi, makeClient, makeOp } from '../support/client.js';

let server: CacheServer;
beforeAll(async () => {
  server = await startCacheServer();
});
afterAll(() => server.close());

const bearerApi: ApiDescriptor = {
  ...makeApi(),
  security: [{ bearer: [] }],
  securitySchemes: { bearer: { option: 'bearer', env: 'CACHE_TEST_BEARER', type: 'http', scheme: 'bearer' } },
};

const get = (path: string): OperationDescriptor =>
  makeOp({ id: `get${path.replace(/\W/g, '')}`, path, responses: { '200': ['application/json'] } });
const client = (options: ClientOptions = {}, api: ApiDescriptor = makeApi()) =>
  makeClient(server.origin, options, undefined, api);
type Body = { path?: string; n: number; auth?: string | null };

describe('off unless asked', () => {
  it('without `cache` every call reaches the server', async () => {
    const c = client();
    const before = server.hits('/fresh');
    await c.request(get('/fresh'), undefined);
    await c.request(get('/fresh'), undefined);
    expect(server.hits('/fresh') - before).toBe(2);
  });

  it('`cache: true` on the call enables it on a client without one; `cache: false` bypasses', async () => {
    const c = client();
    const before = server.hits('/private');
    const first = await c.request<Body>(get('/private'), undefined, { cache: true });
    const second = await c.request<Body>(get('/private'), undefined, { cache: true });
    expect(second).toEqual(first);
    expect(server.hits('/private') - before).toBe(1);
    const cached = client({ cache: true });
    await cached.request(get('/private'), undefined);
    await cached.request(get('/private'), undefined, { cache: false });
    expect(server.hits('/private') - before).toBe(3);
  });
});

describe('freshness', () => {
  it('a fresh entry answers without a request, with the same data and an Age header', async () => {
    const c = client({ cache: true });
    const before = server.hits('/fresh');
    const first = await c.request<Body>(get('/fresh'), undefined);
    const { data, response } = await c.request<Body>(get('/fresh'), undefined).withResponse();
    expect(data).toEqual(first);
    expect(response.headers.get('age')).not.toBeNull();
    expect(server.hits('/fresh') - before).toBe(1);
    // Nothing was sent for the hit: the metrics count one request.
    expect(c.metrics.snapshot().requests).toBe(1);
  });

  it('a response without freshness information is kept for the default 5 minutes (client clock)', async () => {
    const clock = frozenClock();
    const c = client({ cache: true, clock });
    const before = server.hits('/plain');
    await c.request(get('/plain'), undefined);
    clock.set(clock.now() + 299_000);
    await c.request(get('/plain'), undefined);
    expect(server.hits('/plain') - before).toBe(1);
    clock.set(clock.now() + 2_000);
    const third = await c.request<Body>(get('/plain'), undefined);
    expect(server.hits('/plain') - before).toBe(2);
    expect(third.n).toBe(server.hits('/plain'));
  });

  it('`ttlMs` changes that default', async () => {
    const clock = frozenClock();
    const c = client({ cache: { ttlMs: 1_000 }, clock });
    const before = server.hits('/plain');
    await c.request(get('/plain'), undefined);
    clock.set(clock.now() + 1_500);
    await c.request(get('/plain'), undefined);
    expect(server.hits('/plain') - before).toBe(2);
  });

  it('no-store is never cached', async () => {
    const c = client({ cache: true });
    const before = server.hits('/no-store');
    await c.request(get('/no-store'), undefined);
    await c.request(get('/no-store'), undefined);
    expect(server.hits('/no-store') - before).toBe(2);
    expect(server.conditional('/no-store')).toBe(0);
  });
});

describe('revalidation', () => {
  it('a stale entry sends If-None-Match and reuses the stored body on 304', async () => {
    const c = client({ cache: true });
    const hitsBefore = server.hits('/etag');
    const conditionalBefore = server.conditional('/etag');
    const first = await c.request<Body>(get('/etag'), undefined);
    const { data, response } = await c.request<Body>(get('/etag'), undefined).withResponse();
    expect(server.hits('/etag') - hitsBefore).toBe(2);
    expect(server.conditional('/etag') - conditionalBefore).toBe(1);
    expect(response.status).toBe(200);
    expect(data).toEqual(first);
    // The 304's headers were merged in: the counter it sent is the second request's.
    expect(response.headers.get('x-revalidated')).toBe(String(server.hits('/etag')));
  });

  it('If-Modified-Since after max-age runs out (fake clock)', async () => {
    const clock = frozenClock();
    const c = client({ cache: true, clock });
    const before = server.conditional('/last-modified');
    const first = await c.request<Body>(get('/last-modified'), undefined);
    clock.set(clock.now() + 6_000);
    expect(await c.request<Body>(get('/last-modified'), undefined)).toEqual(first);
    expect(server.conditional('/last-modified') - before).toBe(1);
  });

  it("a caller's own If-None-Match bypasses the cache and sees the server's 304", async () => {
    const c = client({ cache: true });
    await c.request(get('/etag'), undefined);
    const op = makeOp({ path: '/etag', responses: { '200': ['application/json'], '304': [] } });
    const { response } = await c.request(op, undefined, { headers: { 'If-None-Match': '"v1"' } }).withResponse();
    expect(response.status).toBe(304);
  });

  it('a successful POST to a URL forgets its cached GET', async () => {
    const c = client({ cache: true });
    const before = server.hits('/fresh');
    await c.request(get('/fresh'), undefined);
    await c.request(get('/fresh'), undefined);
    expect(server.hits('/fresh') - before).toBe(1);
    await c.request(
      makeOp({ id: 'touch', method: 'POST', path: '/fresh', responses: { '201': ['application/json'] } }),
      undefined,
    );
    await c.request(get('/fresh'), undefined);
    expect(server.hits('/fresh') - before).toBe(3);
  });
});

describe('credentials never share an entry', () => {
  it('a rotating credential gets its own entries: a, b, a → two requests, each answered for its token', async () => {
    const tokens = ['a', 'b', 'a'];
    let i = 0;
    const c = client({ cache: true, auth: { bearer: () => tokens[i] ?? 'x' } }, bearerApi);
    const before = server.hits('/who');
    const seen: (string | null | undefined)[] = [];
    for (; i < tokens.length; i++) seen.push((await c.request<Body>(get('/who'), undefined)).auth);
    expect(seen).toEqual(['Bearer a', 'Bearer b', 'Bearer a']);
    expect(server.hits('/who') - before).toBe(2);
  });

  it('two clients on one shared store: different credentials miss, the same credential hits', async () => {
    const store = createMemoryCacheStore();
    const alice = client({ cache: { store }, auth: { bearer: 'alice' } }, bearerApi);
    const bob = client({ cache: { store }, auth: { bearer: 'bob' } }, bearerApi);
    const aliceAgain = client({ cache: { store }, auth: { bearer: 'alice' } }, bearerApi);
    const before = server.hits('/who');
    expect((await alice.request<Body>(get('/who'), undefined)).auth).toBe('Bearer alice');
    expect((await bob.request<Body>(get('/who'), undefined)).auth).toBe('Bearer bob');
    expect((await aliceAgain.request<Body>(get('/who'), undefined)).auth).toBe('Bearer alice');
    expect(server.hits('/who') - before).toBe(2);
    expect(store.size().entries).toBe(2);
  });

  it('a credential header set by hand is part of the identity too', async () => {
    const c = client({ cache: true });
    const before = server.hits('/who');
    const one = await c.request<Body>(get('/who'), undefined, { headers: { Authorization: 'Bearer one' } });
    const two = await c.request<Body>(get('/who'), undefined, { headers: { Authorization: 'Bearer two' } });
    expect([one.auth, two.auth]).toEqual(['Bearer one', 'Bearer two']);
    expect(server.hits('/who') - before).toBe(2);
  });

  it('Authenticator.identity() lists what apply() writes; nothing for `security: []`', async () => {
    const auth = (token: string) => createAuthenticator(bearerApi, { bearer: token }, { fetch, clock: frozenClock() });
    const ctx = (op: OperationDescriptor): RequestContext => ({ operation: op, requestId: 'r' });
    const a = await auth('tok-a').identity(ctx(get('/who')));
    const b = await auth('tok-b').identity(ctx(get('/who')));
    expect(a).toContain('header:authorization:Bearer tok-a');
    expect(await hashIdentity(a)).not.toBe(await hashIdentity(b));
    expect(await auth('tok-a').identity(ctx(makeOp({ security: [] })))).toEqual([]);
  });
});
