/**
 * `paginate(client, op, params)`: a call that is awaitable (the first page, exactly as `request()` gives it)
 * and async-iterable over every item of every page (runtime/pagination.ts decides what comes next).
 *
 * - The first request is sent once, when the call is made. Awaiting it and iterating share it:
 *   every iteration starts from that same first page, and fetches the pages after it anew.
 * - A next page is the operation's request again with query overrides (offset, page, cursor), or
 *   the absolute URL the server gave (next-URL body field, `Link: rel="next"`). A URL on another
 *   origin is sent without credentials: no authenticator, and credential headers and API-key query
 *   parameters removed (the same rule as a cross-origin redirect, SECURITY-CASES 18).
 * - Each page is its own logical request (fresh request id, its own retries, cache, hooks).
 * - Operations without `pagination`, and non-GET ones (re-sending them is not safe to assume), are
 *   a single page: iterating yields the items at `pagination.itemsPath` when it is declared, else
 *   the elements of an array body, else the body itself as one item (nothing for an empty body).
 */
import { ApiPromise } from './api-promise.js';
import type { PagedPromise } from '../pagination/paged-promise.js';
import {
  extractItems,
  resolveNextPageRequest,
  withPagination,
  type PageResult,
  type Paginated,
  type PaginationLimits,
} from '../pagination/pagination.js';
import type { OperationDescriptor } from './descriptor.js';
import type { Client, PageRun, PageTarget, RequestOptions } from './options.js';

export type { PageRun, PageTarget } from './options.js';
import { collectAll, type CollectOptions } from '../pagination/collect-all.js';

/** Where a page is requested: the URL and whether the API's credentials may go with it. */
/** Runs the operation once: for the first page (no target) or for a next page. */
export type RunPage<T> = (target: PageTarget | undefined) => Promise<PageRun<T>>;

/**
 * A paginated call: what generated endpoint functions of paginated operations return. It lives
 * here, not on the client, so only a bundle that calls such an operation carries pagination.
 */
export function paginate<TPage, TItem, TError = unknown>(
  client: Client,
  op: OperationDescriptor,
  params: object | undefined,
  options: RequestOptions = {},
): PagedPromise<TPage, TItem, TError> {
  return createPagedPromise<TPage, TItem, TError>(op, (target) => client.execute<TPage>(op, params, options, target));
}

// A function declaration, not `<T>() =>`: generic arrows are reserved syntax in `.mts` files (moduleFormat 'mts').
function toPage<T>(run: PageRun<T>): PageResult<T> {
  return { data: run.data, response: run.response, url: run.url };
}

export function createPagedPromise<TPage, TItem, TError>(
  op: OperationDescriptor,
  runPage: RunPage<TPage>,
): PagedPromise<TPage, TItem, TError> {
  const first = runPage(undefined);
  const promise = new ApiPromise<TPage, TError>(() => first);
  const firstPage = (): Promise<PageRun<TPage>> => first;
  const spec = op.pagination;
  if (spec === undefined || op.method !== 'GET') {
    return withSinglePage<ApiPromise<TPage, TError>, TPage, TItem>(promise, firstPage, spec?.itemsPath);
  }
  return withPagination<ApiPromise<TPage, TError>, TPage, TItem>(promise, spec, {
    first: () => firstPage().then(toPage),
    fetchPage: async (next) => toPage(await runPage(resolveNextPageRequest((await firstPage()).url, next))),
  });
}

function itemsOf(data: unknown, itemsPath: readonly string[] | undefined): unknown[] {
  if (itemsPath !== undefined) return extractItems({ style: 'linkHeader', itemsPath }, data);
  if (Array.isArray(data)) return data;
  return data === undefined || data === null ? [] : [data];
}

/** The Paginated surface over one page (see the module comment for what its items are). */
function withSinglePage<P extends object, TPage, TItem>(
  promise: P,
  firstPage: () => Promise<PageRun<TPage>>,
  itemsPath: readonly string[] | undefined,
): P & Paginated<TPage, TItem> {
  async function* pages(limits: PaginationLimits = {}): AsyncGenerator<PageResult<TPage>, void, undefined> {
    if ((limits.maxPages ?? 1) <= 0 || (limits.maxItems ?? 1) <= 0) return;
    yield toPage(await firstPage());
  }
  async function* items(limits: PaginationLimits = {}): AsyncGenerator<TItem, void, undefined> {
    const maxItems = limits.maxItems ?? Infinity;
    let count = 0;
    for await (const page of pages(limits)) {
      for (const item of itemsOf(page.data, itemsPath)) {
        if (count >= maxItems) return;
        count++;
        yield item as TItem;
      }
    }
  }
  Object.defineProperties(promise, {
    items: { value: items, configurable: true, writable: true },
    pages: { value: pages, configurable: true, writable: true },
    all: { value: (options?: CollectOptions) => collectAll(items(), options), configurable: true, writable: true },
    [Symbol.asyncIterator]: { value: () => items()[Symbol.asyncIterator](), configurable: true, writable: true },
  });
  return promise as P & Paginated<TPage, TItem>;
}
