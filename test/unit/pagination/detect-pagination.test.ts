import { describe, expect, it } from 'vitest';
import { detectPagination, type PaginationInput, type SchemaView } from '../../../src/normalize/detect-pagination.js';

const str: SchemaView = { type: 'string' };
const int: SchemaView = { type: 'integer' };
const bool: SchemaView = { type: 'boolean' };
const item: SchemaView = { type: 'object', properties: { id: str, name: str } };
const list: SchemaView = { type: 'array', items: item };
const obj = (properties: Record<string, SchemaView>): SchemaView => ({ type: 'object', properties });
const q = (...names: string[]) => names.map((name) => ({ name }));

function given(partial: Partial<PaginationInput>): PaginationInput {
  return { method: 'GET', queryParams: [], responseSchema: undefined, responseHeaders: [], ...partial };
}

describe('detectPagination heuristics', () => {
  it.each([
    [
      'GitHub: array + Link header + page/per_page → linkHeader',
      given({ queryParams: q('per_page', 'page'), responseSchema: list, responseHeaders: ['Link'] }),
      { style: 'linkHeader', itemsPath: [] },
    ],
    [
      'GitHub-like without a Link header → page',
      given({ queryParams: q('per_page', 'page'), responseSchema: list }),
      { style: 'page', pageParam: 'page', sizeParam: 'per_page', itemsPath: [] },
    ],
    [
      'Link header and an object list with per_page → linkHeader on the array property',
      given({
        queryParams: q('per_page', 'page'),
        responseSchema: obj({ total_count: int, workflow_runs: list }),
        responseHeaders: ['link'],
      }),
      { style: 'linkHeader', itemsPath: ['workflow_runs'] },
    ],
    [
      'Slack: cursor + response_metadata.next_cursor',
      given({
        queryParams: q('token', 'limit', 'cursor'),
        responseSchema: obj({ ok: bool, channels: list, response_metadata: obj({ next_cursor: str }) }),
      }),
      { style: 'cursor', cursorParam: 'cursor', nextCursorPath: ['response_metadata', 'next_cursor'], itemsPath: ['channels'] },
    ],
    [
      'Asana: a string offset token handed back in next_page.offset → cursor, never counted up',
      given({
        queryParams: [
          { name: 'limit', schemaType: 'integer' },
          { name: 'offset', schemaType: 'string' },
        ],
        responseSchema: obj({ data: list, next_page: obj({ offset: str, path: str, uri: { type: 'string', format: 'uri' } }) }),
      }),
      { style: 'cursor', cursorParam: 'offset', nextCursorPath: ['next_page', 'offset'], itemsPath: ['data'] },
    ],
    [
      'Square: cursor in and out beside an errors array → cursor on the data array',
      given({
        queryParams: [
          { name: 'cursor', schemaType: 'string' },
          { name: 'limit', schemaType: 'integer' },
          { name: 'sort_order', schemaType: 'string' },
        ],
        responseSchema: obj({ errors: { type: 'array', items: obj({ code: str }) }, customers: list, cursor: str }),
      }),
      { style: 'cursor', cursorParam: 'cursor', nextCursorPath: ['cursor'], itemsPath: ['customers'] },
    ],
    [
      'cursor in, next_cursor deep in an envelope → cursor at that depth',
      given({
        queryParams: [{ name: 'cursor', schemaType: 'string' }],
        responseSchema: obj({ result: obj({ items: list, paging_info: obj({ next: obj({ next_cursor: str }) }) }) }),
      }),
      {
        style: 'cursor',
        cursorParam: 'cursor',
        nextCursorPath: ['result', 'paging_info', 'next', 'next_cursor'],
        itemsPath: ['result', 'items'],
      },
    ],
    [
      'Xero: page + pageSize beside a Warnings array → page',
      given({
        queryParams: [
          { name: 'page', schemaType: 'integer' },
          { name: 'pageSize', schemaType: 'integer' },
        ],
        responseSchema: obj({
          pagination: obj({ page: int }),
          Warnings: { type: 'array', items: obj({ Message: str }) },
          Invoices: list,
        }),
      }),
      { style: 'page', pageParam: 'page', sizeParam: 'pageSize', itemsPath: ['Invoices'] },
    ],
    [
      'Stripe: starting_after + has_more + item ids → $lastItem.id',
      given({
        queryParams: q('limit', 'starting_after', 'ending_before'),
        responseSchema: obj({ object: str, data: list, has_more: bool, url: str }),
      }),
      {
        style: 'cursor',
        cursorParam: 'starting_after',
        nextCursorPath: ['$lastItem', 'id'],
        hasMorePath: ['has_more'],
        itemsPath: ['data'],
      },
    ],
    [
      'OpenAI: after + last_id + has_more',
      given({
        queryParams: q('after', 'limit', 'order'),
        responseSchema: obj({ data: list, first_id: str, last_id: str, has_more: bool }),
      }),
      { style: 'cursor', cursorParam: 'after', nextCursorPath: ['last_id'], hasMorePath: ['has_more'], itemsPath: ['data'] },
    ],
    [
      'Google: pageToken + nextPageToken',
      given({ queryParams: q('pageSize', 'pageToken'), responseSchema: obj({ files: list, nextPageToken: str }) }),
      { style: 'cursor', cursorParam: 'pageToken', nextCursorPath: ['nextPageToken'], itemsPath: ['files'] },
    ],
    [
      'Box: marker + next_marker',
      given({ queryParams: q('marker', 'limit'), responseSchema: obj({ entries: list, next_marker: str, limit: int }) }),
      { style: 'cursor', cursorParam: 'marker', nextCursorPath: ['next_marker'], itemsPath: ['entries'] },
    ],
    [
      'a `next` with format uri beside a cursor param is a link, not the cursor',
      given({ queryParams: q('after'), responseSchema: obj({ values: list, next: { type: 'string', format: 'uri' } }) }),
      { style: 'nextUrl', nextUrlPath: ['next'], itemsPath: ['values'] },
    ],
    [
      'HAL _links.next.href',
      given({ responseSchema: obj({ items: list, links: obj({ next: obj({ href: str }) }) }) }),
      { style: 'nextUrl', nextUrlPath: ['links', 'next', 'href'], itemsPath: ['items'] },
    ],
    [
      'OData @odata.nextLink + value',
      given({ queryParams: q('$top', '$skip'), responseSchema: obj({ value: list, '@odata.nextLink': str }) }),
      { style: 'nextUrl', nextUrlPath: ['@odata.nextLink'], itemsPath: ['value'] },
    ],
    [
      'Spotify: paging object one level down, next URL beside the items',
      given({
        queryParams: q('limit', 'offset'),
        responseSchema: obj({ albums: obj({ items: list, next: str, offset: int, total: int }) }),
      }),
      { style: 'nextUrl', nextUrlPath: ['albums', 'next'], itemsPath: ['albums', 'items'] },
    ],
    [
      'offset/limit with a data array',
      given({ queryParams: q('limit', 'offset'), responseSchema: obj({ dags: list, total_entries: int }) }),
      { style: 'offset', offsetParam: 'offset', limitParam: 'limit', itemsPath: ['dags'] },
    ],
    [
      'Jira: startAt/maxResults typed string with numeric defaults',
      given({
        queryParams: [
          { name: 'startAt', schemaType: 'string', default: '0' },
          { name: 'maxResults', schemaType: 'string', default: '50' },
        ],
        responseSchema: obj({ values: list, isLast: bool }),
      }),
      { style: 'offset', offsetParam: 'startAt', limitParam: 'maxResults', itemsPath: ['values'] },
    ],
    [
      'Keycloak: first/max',
      given({
        queryParams: [
          { name: 'first', schemaType: 'integer' },
          { name: 'max', schemaType: 'integer' },
        ],
        responseSchema: list,
      }),
      { style: 'offset', offsetParam: 'first', limitParam: 'max', itemsPath: [] },
    ],
    [
      'page with a 0 minimum is 0-based',
      given({
        queryParams: [
          { name: 'page', schemaType: 'integer', minimum: 0 },
          { name: 'size', schemaType: 'integer' },
        ],
        responseSchema: obj({ content: list, totalPages: int }),
      }),
      { style: 'page', pageParam: 'page', sizeParam: 'size', itemsPath: ['content'], firstPage: 0 },
    ],
    [
      'page alone with page metadata in the response',
      given({ queryParams: q('page', 'query'), responseSchema: obj({ page: int, totalPages: int, results: list }) }),
      { style: 'page', pageParam: 'page', itemsPath: ['results'] },
    ],
    [
      'several arrays: the preferred name wins',
      given({ queryParams: q('offset', 'limit'), responseSchema: obj({ warnings: list, results: list }) }),
      { style: 'offset', offsetParam: 'offset', limitParam: 'limit', itemsPath: ['results'] },
    ],
  ])('%s', (_, input, want) => {
    const result = detectPagination(input);
    expect(result.descriptor).toEqual(want);
    expect(result.source).toBe('heuristic');
    expect(result.problems).toEqual([]);
  });

  it.each([
    ['a POST, however list-like', given({ method: 'POST', queryParams: q('offset', 'limit'), responseSchema: list })],
    ['a single object', given({ responseSchema: obj({ id: str, name: str }) })],
    ['a list with no paging params', given({ queryParams: q('q'), responseSchema: list })],
    ['offset without a limit, object response', given({ queryParams: q('offset'), responseSchema: obj({ data: list }) })],
    [
      '`start` typed as a date string',
      given({
        queryParams: [
          { name: 'start', schemaType: 'string' },
          { name: 'count', schemaType: 'integer' },
        ],
        responseSchema: list,
      }),
    ],
    ['several arrays, none preferred', given({ queryParams: q('offset', 'limit'), responseSchema: obj({ a: list, b: list }) })],
    [
      'a cursor param with no cursor field and no has_more',
      given({ queryParams: q('cursor'), responseSchema: obj({ things: list }) }),
    ],
    [
      '`since` is a filter, not a cursor',
      given({ queryParams: q('since'), responseSchema: obj({ events: list, cursor_time: str }) }),
    ],
    [
      'a string offset token the response never hands back (it cannot be counted up)',
      given({
        queryParams: [
          { name: 'offset', schemaType: 'string' },
          { name: 'limit', schemaType: 'integer' },
        ],
        responseSchema: obj({ data: list }),
      }),
    ],
    [
      'a cursor param with two unrelated deep cursor fields',
      given({
        queryParams: [{ name: 'cursor', schemaType: 'string' }],
        responseSchema: obj({ things: list, a: obj({ cursor: str }), b: obj({ cursor: str }) }),
      }),
    ],
    ['no response schema', given({ queryParams: q('page', 'per_page') })],
    ['a Link header on a single object', given({ responseSchema: obj({ id: str }), responseHeaders: ['Link'] })],
  ])('not paginated: %s', (_, input) => {
    expect(detectPagination(input).descriptor).toBeUndefined();
  });
});

describe('declared pagination (config override, x-apiwright-pagination)', () => {
  // Detected as nextUrl (meta.next); also looks like offset.
  const base = given({ queryParams: q('offset', 'limit'), responseSchema: obj({ data: list, meta: obj({ next: str }) }) });

  it('the override wins over the extension and the heuristics', () => {
    const result = detectPagination({
      ...base,
      extension: { style: 'offset' },
      override: { style: 'cursor', cursorParam: 'after', nextCursorPath: 'meta.next' },
    });
    expect(result).toEqual({
      descriptor: { style: 'cursor', cursorParam: 'after', nextCursorPath: ['meta', 'next'], itemsPath: ['data'] },
      source: 'override',
      reason: 'declared cursor',
      problems: [],
    });
  });

  it('omitted fields are filled from the detected candidate of the declared style', () => {
    const result = detectPagination({ ...base, extension: { style: 'offset' } });
    expect(result.descriptor).toEqual({ style: 'offset', offsetParam: 'offset', limitParam: 'limit', itemsPath: ['data'] });
    expect(result.source).toBe('extension');
  });

  it.each([[false], [{ style: 'none' }], [null]])('%j disables pagination', (declared) => {
    const result = detectPagination({ ...base, extension: declared });
    expect(result.descriptor).toBeUndefined();
    expect(result.source).toBe('extension');
  });

  it('true means "paginated, detect how"', () => {
    expect(detectPagination({ ...base, override: true }).descriptor?.style).toBe('nextUrl');
  });

  it.each([
    [{ style: 'sideways' }, /"style" must be one of none, offset, page, cursor, nextUrl, linkHeader/],
    ['offset', /expected false, true or an object/],
    [{ style: 'offset', offsetParm: 'offset' }, /unknown field\(s\) "offsetParm"/],
    [{ style: 'cursor', cursorParam: 'zzz' }, /needs "nextCursorPath"/],
    [{ style: 'cursor', cursorParam: 'after', nextCursorPath: ['__proto__', 'x'] }, /may not contain "__proto__"/],
    [{ style: 'nextUrl', nextUrlPath: ['a', '$lastItem'] }, /may not contain "\$lastItem"/],
    [{ style: 'page', pageParam: '' }, /"pageParam" must be a non-empty string/],
    [{ style: 'page', pageParam: 'p', firstPage: 0.5 }, /"firstPage" must be an integer/],
    [{ style: 'nextUrl', nextUrlPath: 7 }, /dotted string or an array/],
  ])('rejects %j with a clear problem and falls back to the next source', (declared, problem) => {
    const result = detectPagination({ ...base, override: declared });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/^config override: /);
    expect(result.problems[0]).toMatch(problem);
    expect(result.source).toBe('heuristic');
    expect(result.descriptor?.style).toBe('nextUrl');
  });

  it('a declaration on a non-GET operation is reported and ignored', () => {
    const result = detectPagination({ ...base, method: 'post', extension: { style: 'offset' } });
    expect(result.descriptor).toBeUndefined();
    expect(result.problems).toEqual(['x-apiwright-pagination: only GET operations are paginated; ignored on POST.']);
  });

  it('"true" with nothing detectable is a problem', () => {
    const result = detectPagination({ ...given({ responseSchema: obj({ id: str }) }), extension: true });
    expect(result.problems[0]).toMatch(/cannot be detected/);
  });
});
