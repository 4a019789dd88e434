/**
 * Pagination: every page, or every item of every page, behind one async iterator, for the five
 * styles a spec can declare (offset, page, cursor, next URL in the body, RFC 8288 `Link` header).
 *
 * The client supplies two functions: `first()` sends the call as the user made it, and
 * `fetchPage(next)` sends the follow-up request a `NextPageRequest` describes. This module decides
 * what comes next, when to stop, and refuses to loop.
 */
import { createPageStepper, extractItems, type NextPageRequest, type PageResult, type PaginationSpec } from './strategy.js';
import { collectAll, type CollectOptions } from './collect-all.js';

export { PaginationError, PaginationLimitError, PaginationLoopError, isPaginationError } from './errors.js';
export { parseLinkHeader, findLinkTarget, type LinkValue } from './link-header.js';
export { LAST_ITEM, extractItems, readPath, type NextPageRequest, type PageResult, type PaginationSpec } from './strategy.js';

/** Stops iteration cleanly (no error) after this many pages or items. */
export interface PaginationLimits {
  maxPages?: number;
  maxItems?: number;
}

export type FirstPage<TPage> = () => Promise<PageResult<TPage>>;
export type FetchPage<TPage> = (next: NextPageRequest) => Promise<PageResult<TPage>>;

interface WalkedPage<TPage> {
  page: PageResult<TPage>;
  items: unknown[];
}

async function* walk<TPage>(
  descriptor: PaginationSpec,
  first: FirstPage<TPage>,
  fetchPage: FetchPage<TPage>,
  limits: PaginationLimits,
): AsyncGenerator<WalkedPage<TPage>, void, undefined> {
  const maxPages = limits.maxPages ?? Infinity;
  const maxItems = limits.maxItems ?? Infinity;
  if (maxPages <= 0 || maxItems <= 0) return;
  const stepper = createPageStepper(descriptor);
  let page = await first();
  let pageCount = 0;
  let itemCount = 0;
  for (;;) {
    const items = extractItems(descriptor, page.data);
    // A bad pointer to the next page (loop, unusable link) fails after this page's items are
    // delivered, and not at all when a limit ends the iteration here anyway.
    let next: ReturnType<typeof stepper.next>;
    let failure: { error: unknown } | undefined;
    try {
      next = stepper.next(page, items);
    } catch (error) {
      failure = { error };
    }
    yield { page, items };
    pageCount++;
    itemCount += items.length;
    if (pageCount >= maxPages || itemCount >= maxItems) return;
    if (failure) throw failure.error;
    if (next === undefined) return;
    page = await fetchPage(next);
  }
}

/** Every page, starting with the first, until the last page or a limit. */
export async function* pages<TPage>(
  descriptor: PaginationSpec,
  first: FirstPage<TPage>,
  fetchPage: FetchPage<TPage>,
  limits: PaginationLimits = {},
): AsyncGenerator<PageResult<TPage>, void, undefined> {
  for await (const { page } of walk(descriptor, first, fetchPage, limits)) yield page;
}

/** Every item of every page, in order, until the last page or a limit. */
export async function* paginate<TPage, TItem>(
  descriptor: PaginationSpec,
  first: FirstPage<TPage>,
  fetchPage: FetchPage<TPage>,
  limits: PaginationLimits = {},
): AsyncGenerator<TItem, void, undefined> {
  const maxItems = limits.maxItems ?? Infinity;
  let itemCount = 0;
  for await (const { items } of walk(descriptor, first, fetchPage, limits)) {
    for (const item of items) {
      if (itemCount >= maxItems) return;
      itemCount++;
      yield item as TItem;
    }
  }
}

/** What a paginated call adds to its promise: `for await (const item of call)` and `call.pages()`. */
export interface Paginated<TPage, TItem> extends AsyncIterable<TItem> {
  /** Every item of every page (same as iterating the call itself), with limits. */
  items(limits?: PaginationLimits): AsyncIterable<TItem>;
  /** Every page with its response, with limits. */
  pages(limits?: PaginationLimits): AsyncIterable<PageResult<TPage>>;
  /** Every item in one array; more than `max` (default 10,000) is a PaginationLimitError. */
  all(options?: CollectOptions): Promise<TItem[]>;
}

export interface PageSource<TPage> {
  /** The call exactly as the user made it (ideally sharing the request the awaited promise sends). */
  first: FirstPage<TPage>;
  fetchPage: FetchPage<TPage>;
}

/**
 * Makes a call's promise (e.g. an `ApiPromise`) also async-iterable over every item. The promise
 * keeps its own methods (`withResponse`, `safe`); the object is returned for chaining.
 * Each iteration starts over from `first()`.
 */
export function withPagination<P extends object, TPage, TItem>(
  promise: P,
  descriptor: PaginationSpec,
  source: PageSource<TPage>,
): P & Paginated<TPage, TItem> {
  const items = (limits?: PaginationLimits): AsyncIterable<TItem> =>
    paginate<TPage, TItem>(descriptor, source.first, source.fetchPage, limits);
  const allPages = (limits?: PaginationLimits): AsyncIterable<PageResult<TPage>> =>
    pages<TPage>(descriptor, source.first, source.fetchPage, limits);
  const iterate = (): AsyncIterator<TItem> =>
    paginate<TPage, TItem>(descriptor, source.first, source.fetchPage)[Symbol.asyncIterator]();
  // Non-enumerable, so logging or spreading the promise shows nothing new.
  Object.defineProperties(promise, {
    items: { value: items, configurable: true, writable: true },
    pages: { value: allPages, configurable: true, writable: true },
    all: { value: (options?: CollectOptions) => collectAll(items(), options), configurable: true, writable: true },
    [Symbol.asyncIterator]: { value: iterate, configurable: true, writable: true },
  });
  return promise as P & Paginated<TPage, TItem>;
}

/**
 * The request for a next page, built from the first request's URL: query overrides are applied to
 * it; an absolute next link replaces it. `withCredentials` is false for a link to another origin
 * (RFC 6454 origin: scheme, host, port), so the client must not add auth headers or auth query params.
 */
export function resolveNextPageRequest(firstUrl: URL, next: NextPageRequest): { url: URL; withCredentials: boolean } {
  if (next.kind === 'url') return { url: new URL(next.url.href), withCredentials: !next.crossOrigin };
  const url = new URL(firstUrl.href);
  for (const [name, value] of Object.entries(next.query)) url.searchParams.set(name, value);
  return { url, withCredentials: true };
}
