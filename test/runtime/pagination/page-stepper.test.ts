import { describe, expect, it } from 'vitest';
import { createPageStepper } from '../../../runtime/pagination/strategy.js';
import {
  PaginationError,
  PaginationLoopError,
  extractItems,
  readPath,
  type PaginationSpec,
} from '../../../runtime/pagination/pagination.js';

const page = (data: unknown, url = 'https://api.test/v1/items', headers: Record<string, string> = {}) => ({
  data,
  response: new Response(null, { headers }),
  url: new URL(url),
});

describe('createPageStepper', () => {
  it('offset: stops on an empty page', () => {
    const step = createPageStepper({ style: 'offset', offsetParam: 'skip', itemsPath: ['items'] });
    expect(step.next(page({ items: [1, 2] }), [1, 2])).toEqual({ kind: 'query', query: { skip: '2' } });
    expect(step.next(page({ items: [] }), [])).toBeUndefined();
  });

  it('offset: a page smaller than an earlier one is the last', () => {
    const step = createPageStepper({ style: 'offset', offsetParam: 'offset', itemsPath: [] });
    expect(step.next(page([1, 2, 3], 'https://api.test/x?offset=30'), [1, 2, 3])).toEqual({
      kind: 'query',
      query: { offset: '33' },
    });
    expect(step.next(page([4]), [4])).toBeUndefined();
  });

  it('page: 0-based APIs start from firstPage', () => {
    const step = createPageStepper({ style: 'page', pageParam: 'page', itemsPath: [], firstPage: 0 });
    expect(step.next(page([1]), [1])).toEqual({ kind: 'query', query: { page: '1' } });
  });

  it('cursor: hasMore false stops even with a cursor', () => {
    const spec: PaginationSpec = {
      style: 'cursor',
      cursorParam: 'after',
      nextCursorPath: ['last_id'],
      hasMorePath: ['has_more'],
      itemsPath: ['data'],
    };
    expect(createPageStepper(spec).next(page({ data: [1], last_id: 'x', has_more: false }), [1])).toBeUndefined();
    expect(createPageStepper(spec).next(page({ data: [1], last_id: 'x', has_more: true }), [1])).toEqual({
      kind: 'query',
      query: { after: 'x' },
    });
  });

  it('cursor: an empty page with a cursor continues (Slack sends those)', () => {
    const spec: PaginationSpec = {
      style: 'cursor',
      cursorParam: 'cursor',
      nextCursorPath: ['meta', 'next'],
      itemsPath: ['data'],
    };
    expect(createPageStepper(spec).next(page({ data: [], meta: { next: 'c2' } }), [])).toEqual({
      kind: 'query',
      query: { cursor: 'c2' },
    });
  });

  it.each([[null], [''], [undefined], [{}]])('cursor: %j ends iteration', (cursor) => {
    const spec: PaginationSpec = { style: 'cursor', cursorParam: 'cursor', nextCursorPath: ['next'], itemsPath: [] };
    expect(createPageStepper(spec).next(page({ next: cursor }), [])).toBeUndefined();
  });

  it('cursor: numeric cursors become strings; $lastItem on an empty page stops', () => {
    const spec: PaginationSpec = { style: 'cursor', cursorParam: 'since_id', nextCursorPath: ['$lastItem', 'id'], itemsPath: [] };
    expect(createPageStepper(spec).next(page([{ id: 1 }, { id: 42 }]), [{ id: 1 }, { id: 42 }])).toEqual({
      kind: 'query',
      query: { since_id: '42' },
    });
    expect(createPageStepper(spec).next(page([]), [])).toBeUndefined();
  });

  it('cursor: the cursor the first request sent counts as seen', () => {
    const spec: PaginationSpec = { style: 'cursor', cursorParam: 'cursor', nextCursorPath: ['next'], itemsPath: [] };
    const step = createPageStepper(spec);
    expect(() => step.next(page({ next: 'abc' }, 'https://api.test/x?cursor=abc'), [])).toThrow(PaginationLoopError);
  });

  it('nextUrl: resolves relative links against the page URL, drops the fragment', () => {
    const step = createPageStepper({ style: 'nextUrl', nextUrlPath: ['next'], itemsPath: [] });
    const next = step.next(page({ next: '../v2/items?page=2#frag' }, 'https://api.test/v1/items'), []);
    expect(next).toMatchObject({ kind: 'url', crossOrigin: false });
    expect(next?.kind === 'url' && next.url.href).toBe('https://api.test/v2/items?page=2');
  });

  it.each([
    ['https to http on the same host', 'http://api.test/v1/items?page=2'],
    ['another port', 'https://api.test:8443/v1/items?page=2'],
    ['another host', 'https://evil.test/v1/items?page=2'],
  ])('nextUrl: %s is crossOrigin', (_, link) => {
    const step = createPageStepper({ style: 'nextUrl', nextUrlPath: ['next'], itemsPath: [] });
    expect(step.next(page({ next: link }), [])).toMatchObject({ kind: 'url', crossOrigin: true });
  });

  it('nextUrl: without a known page URL, absolute links are treated as foreign and relative ones fail', () => {
    const spec: PaginationSpec = { style: 'nextUrl', nextUrlPath: ['next'], itemsPath: [] };
    const bare = (data: unknown) => ({ data, response: new Response(null) });
    expect(createPageStepper(spec).next(bare({ next: 'https://api.test/2' }), [])).toMatchObject({ crossOrigin: true });
    expect(() => createPageStepper(spec).next(bare({ next: '/2' }), [])).toThrow(PaginationError);
  });

  it.each([['javascript:alert(1)'], ['file:///etc/passwd'], ['data:text/plain,x']])('nextUrl: refuses %s', (link) => {
    const step = createPageStepper({ style: 'nextUrl', nextUrlPath: ['next'], itemsPath: [] });
    expect(() => step.next(page({ next: link }), [])).toThrow(/only http\(s\)/);
  });

  it('nextUrl: a link back to the first page is a loop', () => {
    const step = createPageStepper({ style: 'nextUrl', nextUrlPath: ['next'], itemsPath: [] });
    expect(() => step.next(page({ next: 'https://api.test/v1/items' }), [])).toThrow(PaginationLoopError);
  });

  it('linkHeader: reads rel="next" from the response', () => {
    const step = createPageStepper({ style: 'linkHeader', itemsPath: [] });
    const next = step.next(page([], 'https://api.test/x?page=1', { link: '</x?page=2>; rel="next"' }), []);
    expect(next?.kind === 'url' && next.url.href).toBe('https://api.test/x?page=2');
    expect(step.next(page([], 'https://api.test/x?page=2'), [])).toBeUndefined();
  });

  it('never leaks the cursor or link into the error message', () => {
    const step = createPageStepper({ style: 'cursor', cursorParam: 'cursor', nextCursorPath: ['next'], itemsPath: [] });
    step.next(page({ next: 'sk_live_secret' }), []);
    let message = '';
    try {
      step.next(page({ next: 'sk_live_secret' }), []);
    } catch (error) {
      message = `${String(error)} ${JSON.stringify(error)}`;
    }
    expect(message).toContain('same cursor');
    expect(message).not.toContain('sk_live');
  });
});

describe('extractItems and readPath', () => {
  it('reads own properties only', () => {
    expect(readPath({ a: { b: [1] } }, ['a', 'b'])).toEqual([1]);
    expect(readPath({}, ['constructor'])).toBeUndefined();
    expect(readPath({}, ['__proto__'])).toBeUndefined();
  });

  it('null or missing items are an empty page; a non-array is an error', () => {
    const spec: PaginationSpec = { style: 'linkHeader', itemsPath: ['data'] };
    expect(extractItems(spec, { data: null })).toEqual([]);
    expect(extractItems(spec, {})).toEqual([]);
    expect(() => extractItems(spec, { data: 'x' })).toThrow(PaginationError);
  });
});
