/**
 * `paginate(client, op, params)` end to end: the runtime client against loopback servers paging the same 23
 * items in every style, with credentials that must reach every same-origin page and no other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InternalServerError } from '../../../runtime/errors/errors.js';
import type { PageItem, PagedPromise } from '../../../runtime/pagination/paged-promise.js';
import { PaginationLoopError } from '../../../runtime/pagination/pagination.js';
import { paginate } from '../../../runtime/client/pagination-step.js';
import type { ApiDescriptor, OperationDescriptor, PaginationDescriptor } from '../../../runtime/client/descriptor.js';
import { json, makeApi, makeClient, makeOp, rejectionOf, startServer, type TestServer } from '../support/client.js';
import { ITEMS, startPagingServer, type Item, type PagingServer } from '../pagination/paging-server.js';

const bearerApi: ApiDescriptor = {
  ...makeApi(),
  security: [{ bearer: [] }],
  securitySchemes: { bearer: { option: 'bearer', env: 'PAGING_TEST_BEARER', type: 'http', scheme: 'bearer' } },
};

let server: PagingServer;
let foreign: PagingServer;

beforeAll(async () => {
  server = await startPagingServer();
  foreign = await startPagingServer();
  server.setForeignOrigin(foreign.origin);
  foreign.setForeignOrigin(foreign.origin);
});
afterAll(async () => {
  await server.close();
  await foreign.close();
});

const limit = { name: 'limit', in: 'query', style: 'form', explode: true } as const;

function listOp(path: string, pagination: PaginationDescriptor, extra: Partial<OperationDescriptor> = {}): OperationDescriptor {
  return makeOp({
    id: `list${path.replace(/\W/g, '')}`,
    path,
    params: [limit],
    responses: { '200': ['application/json'] },
    pagination,
    ...extra,
  });
}

const client = () => makeClient(server.origin, { auth: { bearer: 'secret-token' } }, undefined, bearerApi);

async function collect<T>(iterable: AsyncIterable<T>, bound = 100): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) {
    out.push(value);
    if (out.length >= bound) throw new Error('iteration did not end');
  }
  return out;
}

const hits = (path: string, on: PagingServer = server): number => on.hits.get(path) ?? 0;

describe('client.paginate over every style', () => {
  const styles: [string, OperationDescriptor][] = [
    ['offset', listOp('/offset', { style: 'offset', offsetParam: 'offset', limitParam: 'limit', itemsPath: ['data'] })],
    ['page', listOp('/page', { style: 'page', pageParam: 'page', sizeParam: 'per_page', itemsPath: ['results'] })],
    [
      'cursor',
      listOp('/cursor', {
        style: 'cursor',
        cursorParam: 'cursor',
        nextCursorPath: ['response_metadata', 'next_cursor'],
        itemsPath: ['channels'],
      }),
    ],
    [
      'cursor from the last item (Stripe)',
      listOp('/stripe', {
        style: 'cursor',
        cursorParam: 'starting_after',
        nextCursorPath: ['$lastItem', 'id'],
        hasMorePath: ['has_more'],
        itemsPath: ['data'],
      }),
    ],
    [
      'relative next URL in the body',
      listOp('/next', { style: 'nextUrl', nextUrlPath: ['links', 'next'], itemsPath: ['values'] }),
    ],
    ['Link header', listOp('/link', { style: 'linkHeader', itemsPath: [] })],
  ];

  it.each(styles)('%s: every item once, in order, credentials on every page', async (_, op) => {
    const before = server.auth.get(op.path)?.length ?? 0;
    const items = await collect(paginate<unknown, Item>(client(), op, { limit: 5 }));
    expect(items.map((item) => item.id)).toEqual(ITEMS.map((item) => item.id));
    const sent = server.auth.get(op.path)?.slice(before) ?? [];
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.every((value) => value === 'Bearer secret-token')).toBe(true);
  });
});

describe('the first page', () => {
  const offsetOp = listOp('/offset', { style: 'offset', offsetParam: 'offset', limitParam: 'limit', itemsPath: ['data'] });

  it('awaiting gives the first page as request() does, and iterating after it does not send it again', async () => {
    const start = hits('/offset');
    const call = paginate<{ data: Item[]; total: number }, Item>(client(), offsetOp, { limit: 5 });
    const page = await call;
    expect(page).toEqual(await client().request(offsetOp, { limit: 5 }));
    expect(page.data.map((item) => item.n)).toEqual([1, 2, 3, 4, 5]);
    const items = await collect(call);
    expect(items).toHaveLength(23);
    // request() above: 1; paginate: 5 pages of 5, 5, 5, 5, 3 items.
    expect(hits('/offset') - start).toBe(1 + 5);
  });

  it('a second iteration reuses the first page and fetches the later pages again', async () => {
    const start = hits('/offset');
    const call = paginate<unknown, Item>(client(), offsetOp, { limit: 10 });
    expect(await collect(call)).toHaveLength(23);
    expect(await collect(call)).toHaveLength(23);
    expect(hits('/offset') - start).toBe(1 + 2 + 2);
  });

  it('keeps withResponse() and safe(), and is typed as the generated code expects', async () => {
    type Page = { data: Item[]; total: number };
    const call: PagedPromise<Page, PageItem<Page, ['data']>, { message: string }> = paginate(client(), offsetOp, { limit: 2 });
    const { data, response, requestId } = await call.withResponse();
    expect(response.status).toBe(200);
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(data.data).toHaveLength(2);
    const safe = await call.safe();
    expect(safe.ok && safe.data.total).toBe(23);
    const first: Item | undefined = (await collect(call.items({ maxItems: 1 })))[0];
    expect(first?.id).toBe('item_01');
  });

  it('pages({ maxPages }) and items({ maxItems }) stop early without fetching more', async () => {
    const start = hits('/offset');
    const call = paginate<{ data: Item[] }, Item>(client(), offsetOp, { limit: 5 });
    const pages = await collect(call.pages({ maxPages: 2 }));
    expect(pages.map((page) => page.data.data.length)).toEqual([5, 5]);
    expect(pages[1]?.url?.searchParams.get('offset')).toBe('5');
    expect(hits('/offset') - start).toBe(2);
    const items = await collect(call.items({ maxItems: 7 }));
    expect(items.map((item) => item.n)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(hits('/offset') - start).toBe(3);
  });
});

describe('credentials follow the origin', () => {
  it('a next link to another origin is followed without the Authorization header', async () => {
    const op = listOp('/cross', { style: 'nextUrl', nextUrlPath: ['next'], itemsPath: ['items'] });
    const items = await collect(paginate<unknown, Item>(client(), op, undefined).items({ maxItems: 6 }));
    expect(items.map((item) => item.n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(server.auth.get('/cross')).toEqual(['Bearer secret-token']);
    expect(foreign.auth.get('/cross')).toEqual([null, null]);
  });

  it('API-key query parameters and hand-set credential headers are stripped; other headers stay', async () => {
    const other = await startServer((_req, res) => json(res, 200, { items: [3], next: null }));
    const first = await startServer((_req, res) =>
      json(res, 200, { items: [1, 2], next: `${other.origin}/more?api_key=echoed&keep=1` }),
    );
    try {
      const api: ApiDescriptor = {
        ...makeApi(),
        security: [{ key: [] }],
        securitySchemes: { key: { option: 'key', env: 'PAGING_TEST_KEY', type: 'apiKey', in: 'query', name: 'api_key' } },
      };
      const paging = makeClient(
        first.origin,
        { auth: { key: 'k-secret' }, headers: { Authorization: 'Bearer by-hand', 'X-Tenant': 't1' } },
        undefined,
        api,
      );
      const op = listOp('/items', { style: 'nextUrl', nextUrlPath: ['next'], itemsPath: ['items'] }, { params: [] });
      expect(await collect(paginate<unknown, number>(paging, op, undefined))).toEqual([1, 2, 3]);
      const sentFirst = first.requests[0];
      const sentOther = other.requests[0];
      expect(new URL(sentFirst?.url ?? '', first.origin).searchParams.get('api_key')).toBe('k-secret');
      expect(sentFirst?.headers.authorization).toBe('Bearer by-hand');
      const otherUrl = new URL(sentOther?.url ?? '', other.origin);
      expect(otherUrl.pathname).toBe('/more');
      expect(otherUrl.searchParams.has('api_key')).toBe(false);
      expect(otherUrl.searchParams.get('keep')).toBe('1');
      expect(sentOther?.headers.authorization).toBeUndefined();
      expect(sentOther?.headers['x-tenant']).toBe('t1');
      expect(JSON.stringify(sentOther)).not.toContain('k-secret');
      // The page URLs handed to the caller are the ones asked, before the API key was added.
      const pages = await collect(paginate(paging, op, undefined).pages());
      expect(pages.map((page) => page.url?.searchParams.has('api_key'))).toEqual([false, false]);
    } finally {
      await first.close();
      await other.close();
    }
  });
});

describe('failures while paging', () => {
  it('a repeated cursor ends with PaginationLoopError after the first page was delivered', async () => {
    const op = listOp('/loop', { style: 'cursor', cursorParam: 'cursor', nextCursorPath: ['next_cursor'], itemsPath: ['items'] });
    const seen: Item[] = [];
    const error = await rejectionOf(
      (async () => {
        for await (const item of paginate<unknown, Item>(client(), op, undefined)) {
          seen.push(item);
          if (seen.length > 10) break;
        }
      })(),
    );
    expect(error).toBeInstanceOf(PaginationLoopError);
    expect(seen.map((item) => item.n)).toEqual([1, 2, 1, 2]);
  });

  it('an error status on a later page is thrown as its typed error', async () => {
    const failing = await startServer((req, res) => {
      const page = new URL(req.url ?? '/', 'http://x').searchParams.get('page');
      if (page === '2') return json(res, 500, { message: 'boom' });
      json(res, 200, { results: [{ n: 1 }, { n: 2 }] });
    });
    try {
      const op = listOp(
        '/p',
        { style: 'page', pageParam: 'page', itemsPath: ['results'] },
        { responses: { '200': ['application/json'], default: ['application/json'] } },
      );
      const seen: unknown[] = [];
      const error = await rejectionOf(
        (async () => {
          for await (const item of paginate(makeClient(failing.origin), op, undefined)) seen.push(item);
        })(),
      );
      expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
      expect(error).toBeInstanceOf(InternalServerError);
      expect(failing.requests).toHaveLength(2);
    } finally {
      await failing.close();
    }
  });
});

describe('operations that are not paginated', () => {
  let plain: TestServer;
  beforeAll(async () => {
    plain = await startServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/array') return json(res, 200, [{ n: 1 }, { n: 2 }]);
      if (path === '/search') return json(res, 200, { hits: [{ n: 3 }, { n: 4 }], next_cursor: 'more' });
      if (path === '/empty') {
        res.writeHead(204);
        return void res.end();
      }
      return json(res, 200, { n: 5 });
    });
  });
  afterAll(() => plain.close());

  it('awaiting gives the body; iterating yields an array body element by element', async () => {
    const op = makeOp({ path: '/array' });
    const call = paginate<{ n: number }[], { n: number }>(makeClient(plain.origin), op, undefined);
    expect(await call).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await collect(call)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await collect(call.items({ maxItems: 1 }))).toEqual([{ n: 1 }]);
    expect(plain.requests.filter((r) => r.url === '/array')).toHaveLength(1);
  });

  it('an object body is one item; an empty body is none; pages() has exactly one page', async () => {
    const client = makeClient(plain.origin);
    expect(await collect(paginate(client, makeOp({ path: '/one' }), undefined))).toEqual([{ n: 5 }]);
    const empty = makeOp({ path: '/empty', responses: { '204': [] } });
    expect(await collect(paginate(client, empty, undefined))).toEqual([]);
    expect(await collect(paginate(client, makeOp({ path: '/one' }), undefined).pages())).toHaveLength(1);
  });

  it('a POST with declared pagination is one page: its items, and never re-sent', async () => {
    const op = makeOp({
      id: 'search',
      method: 'POST',
      path: '/search',
      pagination: { style: 'cursor', cursorParam: 'cursor', nextCursorPath: ['next_cursor'], itemsPath: ['hits'] },
    });
    const before = plain.requests.length;
    expect(await collect(paginate(makeClient(plain.origin), op, undefined))).toEqual([{ n: 3 }, { n: 4 }]);
    expect(plain.requests.length - before).toBe(1);
  });
});
