/** Short phrases shared by the text and Markdown renderers of the inspect report. */
import type { InspectOperation } from './inspect-report.js';

type Pagination = NonNullable<InspectOperation['pagination']>;

function bodyPath(segments: readonly string[]): string {
  return segments.length === 0 ? 'the body' : `body.${segments.join('.')}`;
}

/** e.g. `cursor: ?after ← body.next_cursor while body.has_more; items in body.data`. */
export function describePagination(pagination: Pagination): string {
  const items = `items in ${bodyPath(pagination.itemsPath)}`;
  switch (pagination.style) {
    case 'offset':
      return `offset: ?${pagination.offsetParam}${pagination.limitParam === undefined ? '' : ` & ?${pagination.limitParam}`}; ${items}`;
    case 'page': {
      const first = pagination.firstPage === undefined ? '' : ` from ${pagination.firstPage}`;
      return `page: ?${pagination.pageParam}${first}${pagination.sizeParam === undefined ? '' : ` & ?${pagination.sizeParam}`}; ${items}`;
    }
    case 'cursor': {
      const next =
        pagination.nextCursorPath[0] === '$lastItem'
          ? `the last item's ${pagination.nextCursorPath.slice(1).join('.')}`
          : bodyPath(pagination.nextCursorPath);
      const more = pagination.hasMorePath === undefined ? '' : ` while ${bodyPath(pagination.hasMorePath)}`;
      return `cursor: ?${pagination.cursorParam} ← ${next}${more}; ${items}`;
    }
    case 'nextUrl':
      return `next URL: ${bodyPath(pagination.nextUrlPath)}; ${items}`;
    case 'linkHeader':
      return `Link header rel="next"; ${items}`;
  }
}

export function describeAuth(auth: InspectOperation['auth']): string {
  if (!auth.required) return auth.alternatives.length === 0 ? 'none' : 'optional';
  return auth.alternatives
    .map((alternative) =>
      alternative.map((use) => (use.scopes.length === 0 ? use.scheme : `${use.scheme} [${use.scopes.join(', ')}]`)).join(' + '),
    )
    .join(' or ');
}

export function describeRetry(retry: InspectOperation['retry']): string {
  switch (retry.reason) {
    case 'idempotent-method':
      return 'retried (idempotent method)';
    case 'idempotency-header':
      return `retried with the same ${retry.idempotencyHeader ?? 'idempotency'} key`;
    case 'not-idempotent':
      return 'not retried once sent (no idempotency key)';
  }
}

export function describeRateLimit(rateLimit: NonNullable<InspectOperation['rateLimit']>): string {
  const parts: string[] = [];
  if (rateLimit.statuses.length > 0) parts.push(rateLimit.statuses.join(', '));
  if (rateLimit.headers.length > 0) parts.push(rateLimit.headers.join(', '));
  for (const [key, value] of Object.entries(rateLimit.extensions)) parts.push(`${key}: ${JSON.stringify(value)}`);
  return parts.join('; ');
}

/** Media type → how many operations use it, most used first. */
export function countMediaTypes(lists: readonly (readonly string[])[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const list of lists) for (const mediaType of new Set(list)) counts.set(mediaType, (counts.get(mediaType) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
