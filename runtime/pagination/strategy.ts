/**
 * The five pagination styles as one pure step: given the page just read, what to request next
 * (or nothing: the last page). State lives in a small object per iteration, so loops are detected.
 */
import type { PaginationDescriptor } from '../client/descriptor.js';
import { PaginationError, PaginationLoopError } from './errors.js';
import { findLinkTarget } from './link-header.js';

/**
 * `PaginationDescriptor` plus what the runtime also understands. Proposed for client/descriptor.ts:
 * `firstPage` on the page style (the number of the first page when the caller sends none; default 1).
 */
export type PaginationSpec =
  | Exclude<PaginationDescriptor, { readonly style: 'page' }>
  | (Extract<PaginationDescriptor, { readonly style: 'page' }> & { readonly firstPage?: number });

/** Path segment that reads from the last item of the page instead of the body (`starting_after` cursors). */
export const LAST_ITEM = '$lastItem';

/** One page as the client read it. */
export interface PageResult<TPage> {
  data: TPage;
  response: Response;
  /** The URL this page was requested from, when `response.url` may be empty (synthetic or mocked responses). */
  url?: URL;
}

/**
 * How to ask for the next page. `query`: the first request again, with these query parameters
 * replaced. `url`: an absolute URL the server gave; when `crossOrigin` is true it points away from
 * the first page's origin and MUST be sent without credentials (same rule as a cross-origin redirect).
 */
export type NextPageRequest =
  | { readonly kind: 'query'; readonly query: Readonly<Record<string, string>> }
  | { readonly kind: 'url'; readonly url: URL; readonly crossOrigin: boolean };

/** Reads `path` from `value` through own properties only (a spec-given path never walks a prototype). */
export function readPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** The items of a page: `itemsPath` ([] = the body itself). Missing or null is an empty page. */
export function extractItems(spec: PaginationSpec, data: unknown): unknown[] {
  const items = readPath(data, spec.itemsPath);
  if (items === undefined || items === null) return [];
  if (!Array.isArray(items)) {
    const where = spec.itemsPath.length === 0 ? 'the response body' : `"${spec.itemsPath.join('.')}"`;
    throw new PaginationError(`Expected an array of items at ${where}, got ${typeof items}.`);
  }
  return items;
}

/** The URL a page came from: the caller's, else the response's (empty for synthetic responses). */
export function pageUrl(page: PageResult<unknown>): URL | undefined {
  if (page.url) return page.url;
  try {
    return page.response.url ? new URL(page.response.url) : undefined;
  } catch {
    return undefined;
  }
}

export interface PageStepper {
  /** What to request after `page` (whose items are `items`), or undefined when it was the last page. */
  next(page: PageResult<unknown>, items: readonly unknown[]): NextPageRequest | undefined;
}

/** A fresh stepper for one iteration. */
export function createPageStepper(spec: PaginationSpec): PageStepper {
  let pagesRead = 0;
  let origin: string | undefined;
  let position: number | undefined;
  let largestPage = 0;
  const seen = new Set<string>();

  const loop = (what: string): never => {
    throw new PaginationLoopError(`The server sent the same ${what} twice; stopping instead of looping forever.`, { pagesRead });
  };

  // Offset and page sizes: servers cap the page size below the requested limit, so a page is
  // "short" (the last) only when empty or smaller than an earlier page, never by the requested limit.
  const isLastCountedPage = (count: number): boolean => {
    const last = count === 0 || (largestPage > 0 && count < largestPage);
    largestPage = Math.max(largestPage, count);
    return last;
  };

  const follow = (page: PageResult<unknown>, raw: unknown): NextPageRequest | undefined => {
    if (typeof raw !== 'string' || raw.trim() === '') return undefined;
    const base = pageUrl(page);
    let url: URL;
    try {
      url = base ? new URL(raw.trim(), base) : new URL(raw.trim());
    } catch {
      throw new PaginationError(
        base ? 'The next-page link is not a valid URL.' : 'The next-page link is relative and the page URL is unknown.',
      );
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new PaginationError(`The next-page link uses ${url.protocol}, only http(s) is followed.`);
    }
    url.hash = '';
    if (seen.has(url.href)) loop('next-page link');
    seen.add(url.href);
    // Unknown first origin: treat every absolute link as foreign, so credentials are never leaked.
    return { kind: 'url', url, crossOrigin: origin === undefined || url.origin !== origin };
  };

  return {
    next(page, items) {
      pagesRead++;
      const url = pageUrl(page);
      if (pagesRead === 1) {
        origin = url?.origin;
        if (url) {
          const first = new URL(url.href);
          first.hash = '';
          seen.add(first.href);
        }
      }
      switch (spec.style) {
        case 'offset': {
          position ??= readNumber(url, spec.offsetParam) ?? 0;
          if (isLastCountedPage(items.length)) return undefined;
          position += items.length;
          return { kind: 'query', query: { [spec.offsetParam]: String(position) } };
        }
        case 'page': {
          position ??= readNumber(url, spec.pageParam) ?? spec.firstPage ?? 1;
          if (isLastCountedPage(items.length)) return undefined;
          position += 1;
          return { kind: 'query', query: { [spec.pageParam]: String(position) } };
        }
        case 'cursor': {
          if (pagesRead === 1) {
            const sent = url?.searchParams.get(spec.cursorParam);
            if (sent) seen.add(sent);
          }
          if (spec.hasMorePath && readPath(page.data, spec.hasMorePath) === false) return undefined;
          const cursor = readCursor(spec.nextCursorPath, page.data, items);
          if (cursor === undefined) return undefined;
          if (seen.has(cursor)) loop('cursor');
          seen.add(cursor);
          return { kind: 'query', query: { [spec.cursorParam]: cursor } };
        }
        case 'nextUrl':
          return follow(page, readPath(page.data, spec.nextUrlPath));
        case 'linkHeader':
          return follow(page, findLinkTarget(page.response.headers.get('link'), 'next'));
      }
    },
  };
}

function readNumber(url: URL | undefined, name: string): number | undefined {
  const raw = url?.searchParams.get(name);
  if (raw === null || raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** The next cursor as a string, or undefined for "no more pages" (absent, null, empty). */
function readCursor(path: readonly string[], data: unknown, items: readonly unknown[]): string | undefined {
  const value = path[0] === LAST_ITEM ? readPath(items.at(-1), path.slice(1)) : readPath(data, path);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value !== '') return value;
  return undefined;
}
