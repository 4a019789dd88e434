import { describe, expect, it } from 'vitest';
import {
  resolveNextPageRequest,
  withPagination,
  type NextPageRequest,
  type PageResult,
} from '../../../runtime/pagination/pagination.js';

/** Stands in for ApiPromise: lazy, memoized, PromiseLike, with withResponse(). */
class FakeApiPromise<T> implements PromiseLike<T> {
  private started: Promise<{ data: T; response: Response }> | undefined;
  constructor(private readonly send: () => Promise<{ data: T; response: Response }>) {}
  withResponse(): Promise<{ data: T; response: Response }> {
    this.started ??= this.send();
    return this.started;
  }
  then<A = T, B = never>(
    ok?: ((value: T) => A | PromiseLike<A>) | null,
    fail?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): PromiseLike<A | B> {
    return this.withResponse()
      .then((r) => r.data)
      .then(ok, fail);
  }
}

type Page = { items: number[]; next: number | null };

function makeCall() {
  const sent: string[] = [];
  const serve = (url: URL): { data: Page; response: Response; url: URL } => {
    sent.push(url.search);
    const at = Number(url.searchParams.get('cursor') ?? '0');
    const data: Page = { items: [at, at + 1], next: at + 2 < 6 ? at + 2 : null };
    return { data, response: new Response(JSON.stringify(data)), url };
  };
  const firstUrl = new URL('https://api.test/items?limit=2');
  const promise = new FakeApiPromise<Page>(() => Promise.resolve(serve(firstUrl)));
  const call = withPagination<FakeApiPromise<Page>, Page, number>(
    promise,
    { style: 'cursor', cursorParam: 'cursor', nextCursorPath: ['next'], itemsPath: ['items'] },
    {
      first: () => promise.withResponse().then((r): PageResult<Page> => ({ ...r, url: firstUrl })),
      fetchPage: (next: NextPageRequest) => Promise.resolve(serve(resolveNextPageRequest(firstUrl, next).url)),
    },
  );
  return { call, sent };
}

describe('withPagination', () => {
  it('awaiting gives the first page; iterating gives every item; the first request is shared', async () => {
    const { call, sent } = makeCall();
    expect(await call).toEqual({ items: [0, 1], next: 2 });
    const all: number[] = [];
    for await (const item of call) all.push(item);
    expect(all).toEqual([0, 1, 2, 3, 4, 5]);
    expect(sent).toEqual(['?limit=2', '?limit=2&cursor=2', '?limit=2&cursor=4']);
  });

  it('keeps the promise methods and adds pages() and items() with limits', async () => {
    const { call } = makeCall();
    expect(call).toBeInstanceOf(FakeApiPromise);
    expect(typeof call.withResponse).toBe('function');
    const pageSizes: number[] = [];
    for await (const page of call.pages({ maxPages: 2 })) pageSizes.push(page.data.items.length);
    expect(pageSizes).toEqual([2, 2]);
    const some: number[] = [];
    for await (const item of call.items({ maxItems: 3 })) some.push(item);
    expect(some).toEqual([0, 1, 2]);
  });

  it('adds nothing enumerable', () => {
    const { call } = makeCall();
    expect(Object.keys(call)).not.toContain('pages');
    expect(JSON.stringify(Object.keys(call))).not.toContain('items');
  });
});

describe('resolveNextPageRequest', () => {
  it('overrides query parameters on the first URL and keeps the others', () => {
    const first = new URL('https://api.test/items?limit=10&offset=0&q=a+b');
    expect(resolveNextPageRequest(first, { kind: 'query', query: { offset: '10' } })).toEqual({
      url: new URL('https://api.test/items?limit=10&offset=10&q=a+b'),
      withCredentials: true,
    });
    expect(first.searchParams.get('offset')).toBe('0');
  });

  it('drops credentials for a cross-origin link', () => {
    const next: NextPageRequest = { kind: 'url', url: new URL('https://cdn.test/p2'), crossOrigin: true };
    expect(resolveNextPageRequest(new URL('https://api.test/'), next).withCredentials).toBe(false);
  });
});
