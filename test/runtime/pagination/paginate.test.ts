import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PaginationLoopError,
  paginate,
  pages,
  resolveNextPageRequest,
  type NextPageRequest,
  type PageResult,
  type PaginationSpec,
} from '../../../runtime/pagination/pagination.js';
import { ITEMS, startPagingServer, type Item, type PagingServer } from './paging-server.js';

let server: PagingServer;
let foreign: PagingServer;

beforeAll(async () => {
  server = await startPagingServer();
  foreign = await startPagingServer();
  server.setForeignOrigin(foreign.origin);
});
afterAll(async () => {
  await server.close();
  await foreign.close();
});

/** A tiny client: credentials only on the first page's origin, exactly as the real client must. */
function source(path: string): {
  first: () => Promise<PageResult<unknown>>;
  fetchPage: (next: NextPageRequest) => Promise<PageResult<unknown>>;
  requests: NextPageRequest[];
} {
  const firstUrl = new URL(path, server.origin);
  const requests: NextPageRequest[] = [];
  const get = async (url: URL, withCredentials: boolean): Promise<PageResult<unknown>> => {
    const response = await fetch(url, { headers: withCredentials ? { authorization: 'Bearer secret' } : {} });
    return { data: (await response.json()) as unknown, response, url };
  };
  return {
    first: () => get(firstUrl, true),
    fetchPage: (next) => {
      requests.push(next);
      const { url, withCredentials } = resolveNextPageRequest(firstUrl, next);
      return get(url, withCredentials);
    },
    requests,
  };
}

async function collect(spec: PaginationSpec, path: string, limits = {}): Promise<Item[]> {
  const { first, fetchPage } = source(path);
  const items: Item[] = [];
  for await (const item of paginate<unknown, Item>(spec, first, fetchPage, limits)) items.push(item);
  return items;
}

const styles: [string, PaginationSpec, string, number][] = [
  ['offset/limit', { style: 'offset', offsetParam: 'offset', limitParam: 'limit', itemsPath: ['data'] }, '/offset?limit=5', 5],
  // A limit above the server's cap: the short-page rule must not stop after the first page.
  [
    'offset, limit capped by the server',
    { style: 'offset', offsetParam: 'offset', limitParam: 'limit', itemsPath: ['data'] },
    '/offset?limit=1000',
    3,
  ],
  ['offset with no limit sent', { style: 'offset', offsetParam: 'offset', itemsPath: ['data'] }, '/offset', 5],
  ['page/per_page', { style: 'page', pageParam: 'page', sizeParam: 'per_page', itemsPath: ['results'] }, '/page?per_page=5', 5],
  [
    'cursor in response_metadata.next_cursor',
    { style: 'cursor', cursorParam: 'cursor', nextCursorPath: ['response_metadata', 'next_cursor'], itemsPath: ['channels'] },
    '/cursor?limit=4',
    6,
  ],
  [
    'starting_after = last item id, has_more',
    {
      style: 'cursor',
      cursorParam: 'starting_after',
      nextCursorPath: ['$lastItem', 'id'],
      hasMorePath: ['has_more'],
      itemsPath: ['data'],
    },
    '/stripe?limit=5',
    5,
  ],
  [
    'relative next URL in the body',
    { style: 'nextUrl', nextUrlPath: ['links', 'next'], itemsPath: ['values'] },
    '/next?limit=6',
    4,
  ],
  ['Link header rel="next"', { style: 'linkHeader', itemsPath: [] }, '/link?per_page=4', 6],
];

describe('paginate against a loopback server', () => {
  it.each(styles)('%s: every item, in order, in the expected number of requests', async (_, spec, path, requests) => {
    const before = server.hits.get(new URL(path, server.origin).pathname) ?? 0;
    expect(await collect(spec, path)).toEqual(ITEMS);
    expect((server.hits.get(new URL(path, server.origin).pathname) ?? 0) - before).toBe(requests);
  });

  it('starts from the offset the caller sent', async () => {
    const spec: PaginationSpec = { style: 'offset', offsetParam: 'offset', itemsPath: ['data'] };
    expect(await collect(spec, '/offset?offset=20&limit=2')).toEqual(ITEMS.slice(20));
  });

  it('pages() yields each page with its response', async () => {
    const { first, fetchPage } = source('/page?per_page=10');
    const sizes: number[] = [];
    for await (const page of pages({ style: 'page', pageParam: 'page', itemsPath: ['results'] }, first, fetchPage)) {
      expect(page.response.status).toBe(200);
      sizes.push((page.data as { results: unknown[] }).results.length);
    }
    expect(sizes).toEqual([10, 10, 3]);
  });

  it('maxPages and maxItems stop cleanly without extra requests', async () => {
    const spec: PaginationSpec = { style: 'offset', offsetParam: 'offset', itemsPath: ['data'] };
    const byPages = source('/offset?limit=5');
    const seen: Item[] = [];
    for await (const item of paginate<unknown, Item>(spec, byPages.first, byPages.fetchPage, { maxPages: 2 })) seen.push(item);
    expect(seen).toEqual(ITEMS.slice(0, 10));
    expect(byPages.requests).toHaveLength(1);

    const byItems = source('/offset?limit=5');
    const some: Item[] = [];
    for await (const item of paginate<unknown, Item>(spec, byItems.first, byItems.fetchPage, { maxItems: 7 })) some.push(item);
    expect(some).toEqual(ITEMS.slice(0, 7));
    expect(byItems.requests).toHaveLength(1);
  });

  it('breaking out of for-await sends no further request', async () => {
    const spec: PaginationSpec = { style: 'page', pageParam: 'page', itemsPath: ['results'] };
    const { first, fetchPage, requests } = source('/page?per_page=5');
    for await (const item of paginate<unknown, Item>(spec, first, fetchPage)) {
      if (item.n === 3) break;
    }
    expect(requests).toHaveLength(0);
  });

  it('the same cursor twice is a PaginationLoopError after that page, not an endless loop', async () => {
    const spec: PaginationSpec = {
      style: 'cursor',
      cursorParam: 'cursor',
      nextCursorPath: ['next_cursor'],
      itemsPath: ['items'],
    };
    const { first, fetchPage } = source('/loop');
    const seen: Item[] = [];
    const error = await (async () => {
      for await (const item of paginate<unknown, Item>(spec, first, fetchPage)) seen.push(item);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationLoopError);
    expect((error as PaginationLoopError).code).toBe('PAGINATION_LOOP');
    expect((error as PaginationLoopError).pagesRead).toBe(2);
    expect(seen).toHaveLength(4);
  });

  it('a loop beyond maxPages is never reached', async () => {
    const spec: PaginationSpec = {
      style: 'cursor',
      cursorParam: 'cursor',
      nextCursorPath: ['next_cursor'],
      itemsPath: ['items'],
    };
    const { first, fetchPage } = source('/loop');
    const seen: unknown[] = [];
    for await (const item of paginate(spec, first, fetchPage, { maxPages: 2 })) seen.push(item);
    expect(seen).toHaveLength(4);
  });

  it('a next link to another origin is flagged crossOrigin and sent without credentials', async () => {
    const spec: PaginationSpec = { style: 'nextUrl', nextUrlPath: ['next'], itemsPath: ['items'] };
    const { first, fetchPage, requests } = source('/cross');
    const seen: Item[] = [];
    for await (const item of paginate<unknown, Item>(spec, first, fetchPage, { maxPages: 2 })) seen.push(item);
    expect(requests[0]).toMatchObject({ kind: 'url', crossOrigin: true });
    expect(seen.map((item) => item.n)).toEqual([1, 2, 3, 4]);
    expect(server.auth.get('/cross')).toEqual(['Bearer secret']);
    expect(foreign.auth.get('/cross')).toEqual([null]);
  });

  it('a same-origin next link keeps credentials', async () => {
    const spec: PaginationSpec = { style: 'linkHeader', itemsPath: [] };
    const { first, fetchPage, requests } = source('/link?per_page=4');
    for await (const _ of paginate(spec, first, fetchPage, { maxPages: 2 })) void _;
    expect(requests).toEqual([expect.objectContaining({ kind: 'url', crossOrigin: false })]);
    expect(server.auth.get('/link')?.slice(-2)).toEqual(['Bearer secret', 'Bearer secret']);
  });
});
