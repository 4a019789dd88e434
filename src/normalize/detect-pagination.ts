/**
 * Decides how an operation paginates, from a plain view of it that any spec version can produce.
 * Declared beats guessed: the config override, then the `x-apiwright-pagination` extension, then
 * conservative heuristics (GET only; a recognized parameter AND a matching response shape).
 * Pure: no spec objects, no I/O. The answer always says why, and what was wrong with a declaration.
 */
import type { PaginationSpec } from '../../runtime/pagination/strategy.js';
import { readDeclaration } from './detect-pagination-declared.js';
import type { Detector, Found, PaginationInput, QueryParamView, SchemaView } from './pagination-view.js';

export type { Found, PaginationInput, QueryParamView, SchemaView } from './pagination-view.js';

export interface PaginationDetection {
  descriptor: PaginationSpec | undefined;
  source: 'override' | 'extension' | 'heuristic';
  /** The rule that matched, or why nothing did. */
  reason: string;
  /** What was wrong with a declaration (it was then ignored). Empty when nothing was. */
  problems: string[];
}

/** Names compare without case, `_`, `-`, `.`, `$`, `@`, `[`, `]`: `per_page` = `perPage` = `page[size]`-ish. */
const norm = (name: string): string => name.toLowerCase().replace(/[_\-.$@[\]]/g, '');

/** A list from a space-separated string: the name tables stay one line each. */
const words = (list: string): readonly string[] => list.split(' ');

const offsetNames = words('offset skip start startindex startat');
const limitNames = words('limit perpage pagesize count size maxresults top take rows maxitems pagelimit');
const pageNames = words('page pagenumber pageno pagenum');
const cursorParamNames = words(
  'cursor after startingafter pagetoken nextpagetoken nexttoken marker continuation continuationtoken sinceid startcursor pagecursor pageafter',
);
const cursorFieldNames = words(
  'nextcursor nextpagetoken nexttoken nextmarker nextcontinuationtoken continuationtoken continuation endcursor after nextpagecursor cursor marker lastid',
);
const hasMoreNames = words('hasmore hasnextpage hasnext hasmoreitems moreresults');
const nextUrlNames = words('next nexturl nextlink odatanextlink nextpageurl nextpageuri nexthref');
/** Response fields that show a page-numbered list (for a `page` param without a size param). */
const pageInfoNames = words(
  'page currentpage pagenumber totalpages pagecount numpages nextpagenumber hasnext hasnextpage islastpage lastpage',
);
/** Objects that hold paging metadata rather than data. */
const containerNames = words('responsemetadata meta metadata pagination paging pageinfo cursors links page');
const itemNames = words('data items results values value records entries elements list rows hits content nodes objects');
const numericTypes = [undefined, 'integer', 'number'];

export function detectPagination(input: PaginationInput): PaginationDetection {
  const problems: string[] = [];
  const isGet = input.method.toUpperCase() === 'GET';
  for (const [source, value, label] of [
    ['override', input.override, 'config override'],
    ['extension', input.extension, 'x-apiwright-pagination'],
  ] as const) {
    if (value === undefined) continue;
    if (!isGet) {
      problems.push(`${label}: only GET operations are paginated; ignored on ${input.method.toUpperCase()}.`);
      continue;
    }
    const declared = readDeclaration(value, input, detector);
    if ('problem' in declared) problems.push(`${label}: ${declared.problem}`);
    else
      return {
        descriptor: declared.descriptor,
        source,
        reason: declared.descriptor ? `declared ${declared.descriptor.style}` : 'declared not paginated',
        problems,
      };
  }
  if (!isGet) return { descriptor: undefined, source: 'heuristic', reason: 'not a GET operation', problems };
  const guessed = guess(input);
  return { descriptor: guessed.descriptor, source: 'heuristic', reason: guessed.reason, problems };
}

const detector: Detector = {
  guess,
  candidates: (input) => findCandidates(input).found,
  itemsPath: (input) => (input.responseSchema ? findItemsPath(input.responseSchema, 0) : undefined),
};

/** The most trustworthy candidate: a declared Link header, then what the server hands back (cursor, next URL), then counters. */
function guess(input: PaginationInput): Found {
  const candidates = findCandidates(input);
  return candidates.found[0] ?? { descriptor: undefined, reason: candidates.reason };
}

/** Every style the operation looks like, best first. */
function findCandidates(input: PaginationInput): { found: Found[]; reason: string } {
  const found: Found[] = [];
  const schema = input.responseSchema;
  const itemsPath = schema ? findItemsPath(schema, 0) : undefined;
  if (schema === undefined || itemsPath === undefined) return { found, reason: 'no array of items in the response' };
  const { offset, limit, page, cursor } = findPagingParams(input.queryParams);
  const fields = collectFields(schema, itemsPath);
  const add = (descriptor: PaginationSpec, reason: string): number => found.push({ descriptor, reason });

  if (input.responseHeaders.some((h) => h.toLowerCase() === 'link') && (itemsPath.length === 0 || page || limit || cursor)) {
    add({ style: 'linkHeader', itemsPath }, 'a Link header is declared and the response is a list');
  }
  const byCursor = cursor ? findCursorCandidate(cursor.name, fields, schema, itemsPath) : undefined;
  if (byCursor) found.push(byCursor);
  const nextUrl = fields.find((f) => nextUrlNames.includes(norm(f.name)) && [undefined, 'string'].includes(f.type));
  if (nextUrl) add({ style: 'nextUrl', nextUrlPath: nextUrl.path, itemsPath }, `next-page URL in "${nextUrl.path.join('.')}"`);
  if (offset && limit) {
    add(
      { style: 'offset', offsetParam: offset.name, limitParam: limit.name, itemsPath },
      `params "${offset.name}" and "${limit.name}"`,
    );
  }
  const pageInfo = fields.find((f) => pageInfoNames.includes(norm(f.name)));
  if (page && (limit || itemsPath.length === 0 || pageInfo)) {
    const zeroBased = page.default === 0 || page.default === '0' || page.minimum === 0;
    const size = limit ? { sizeParam: limit.name } : {};
    const reason = `param "${page.name}"${limit ? ` and "${limit.name}"` : ''}`;
    add({ style: 'page', pageParam: page.name, ...size, itemsPath, ...(zeroBased ? { firstPage: 0 } : {}) }, reason);
  }
  return { found, reason: 'a list, but no recognized paging parameters' };
}

interface PagingParams {
  offset?: QueryParamView | undefined;
  limit?: QueryParamView | undefined;
  page?: QueryParamView | undefined;
  cursor?: QueryParamView | undefined;
}

function findPagingParams(params: readonly QueryParamView[]): PagingParams {
  const anyType = [undefined, 'integer', 'number', 'string'];
  // Numbers only, or a string whose default is a number (Jira types startAt as string, default "0"):
  // `start` or `count` typed string may well be a date or something else.
  const isNumeric = (p: QueryParamView): boolean =>
    numericTypes.includes(p.schemaType) || (p.schemaType === 'string' && /^\d+$/.test(String(p.default)));
  const find = (names: readonly string[], accept: (p: QueryParamView) => boolean): QueryParamView | undefined =>
    names.map((name) => params.find((p) => norm(p.name) === name && accept(p))).find((p) => p !== undefined);
  const ofType = (types: readonly (string | undefined)[]) => (p: QueryParamView) => types.includes(p.schemaType);
  // Keycloak pairs `first` (offset) with `max` (limit); either alone means something else.
  const keycloak = find(['first'], isNumeric) && find(['max'], isNumeric);
  // A string `page` that is not a number is a page token (OpenAI usage: `page` in, `next_page` out).
  const tokenPage = find(['page'], (p) => p.schemaType === 'string' && !isNumeric(p));
  return {
    offset:
      find(['offset'], ofType(anyType)) ?? find(offsetNames, isNumeric) ?? (keycloak ? find(['first'], isNumeric) : undefined),
    limit: find(['limit'], ofType(anyType)) ?? find(limitNames, isNumeric) ?? (keycloak ? find(['max'], isNumeric) : undefined),
    page: find(pageNames, isNumeric),
    cursor: find(cursorParamNames, ofType([undefined, 'string', 'integer'])) ?? tokenPage,
  };
}

/** A cursor: a field the response hands back for `param`, or the last item's id while a has-more flag says so (Stripe). */
function findCursorCandidate(param: string, fields: FieldView[], schema: SchemaView, itemsPath: string[]): Found | undefined {
  const hasMore = fields.find((f) => hasMoreNames.includes(norm(f.name)) && [undefined, 'boolean'].includes(f.type));
  const hasMorePath = hasMore ? { hasMorePath: hasMore.path } : {};
  const preferred = preferredCursorFields(norm(param));
  const rank = (f: FieldView): number => preferred.indexOf(norm(f.name));
  const next = fields
    .filter((f) => rank(f) !== -1 && !f.isLink && [undefined, 'string', 'integer'].includes(f.type))
    .filter((f) => norm(f.name) !== 'lastid' || hasMore)
    .sort((a, b) => rank(a) - rank(b))[0];
  if (next) {
    const descriptor: PaginationSpec = {
      style: 'cursor',
      cursorParam: param,
      nextCursorPath: next.path,
      ...hasMorePath,
      itemsPath,
    };
    return { descriptor, reason: `cursor param "${param}" and response field "${next.path.join('.')}"` };
  }
  const itemSchema = itemsPath.length === 0 ? schema.items : readSchema(schema, itemsPath)?.items;
  if (hasMore && ['startingafter', 'after'].includes(norm(param)) && itemSchema?.properties?.['id']) {
    const descriptor: PaginationSpec = {
      style: 'cursor',
      cursorParam: param,
      nextCursorPath: ['$lastItem', 'id'],
      ...hasMorePath,
      itemsPath,
    };
    return { descriptor, reason: `"${param}" takes the last item's id while "${hasMore.path.join('.')}" is true` };
  }
  return undefined;
}

/** Field names to look for, best first, for a cursor parameter's name. */
function preferredCursorFields(param: string): string[] {
  const byParam: Record<string, string[]> = {
    pagetoken: ['nextpagetoken', 'pagetoken', 'nexttoken'],
    nextpagetoken: ['nextpagetoken'],
    nexttoken: ['nexttoken', 'nextpagetoken'],
    marker: ['nextmarker', 'marker'],
    continuation: ['continuation', 'continuationtoken', 'nextcontinuationtoken'],
    continuationtoken: ['nextcontinuationtoken', 'continuationtoken', 'continuation'],
    after: ['after', 'endcursor', 'nextcursor', 'lastid', 'cursor', 'next'],
    startingafter: ['lastid'],
    page: ['nextpage', 'nextpagetoken', 'nextcursor'],
  };
  // `next` last: beside a cursor parameter it is the cursor more often than a URL (OpenAI groups).
  return byParam[param] ?? [...cursorFieldNames.filter((name) => name !== 'lastid' || param === 'cursor'), 'next'];
}

interface FieldView {
  name: string;
  path: string[];
  type: string | undefined;
  schema: SchemaView;
  isLink: boolean;
}

/** Scalar-ish fields at the top level and inside paging containers (depth ≤ 3), never inside the items. */
function collectFields(schema: SchemaView | undefined, itemsPath: readonly string[]): FieldView[] {
  const found: FieldView[] = [];
  const visit = (view: SchemaView, path: string[]): void => {
    for (const [name, child] of Object.entries(view.properties ?? {})) {
      const childPath = [...path, name];
      if (childPath.join('\u0000') === itemsPath.join('\u0000')) continue;
      found.push({ name, path: childPath, type: child.type, schema: child, isLink: isLinkFormat(child) });
      if (path.length < 2 && child.properties && containerNames.includes(norm(name))) visit(child, childPath);
    }
  };
  if (schema) visit(schema, []);
  // Paging fields sit beside the items too (Spotify: `albums.items` with `albums.next`).
  const parent = itemsPath.slice(0, -1);
  const holder = parent.length > 0 ? readSchema(schema, parent) : undefined;
  if (holder) visit(holder, parent);
  // HAL and friends: `links.next` / `_links.next` as an object with `href`.
  for (const field of [...found]) {
    const href = field.schema.properties?.['href'];
    if (nextUrlNames.includes(norm(field.name)) && href)
      found.push({ name: field.name, path: [...field.path, 'href'], type: href.type, schema: href, isLink: true });
  }
  return found.filter((f) => f.type !== 'object' && f.type !== 'array');
}

function isLinkFormat(view: SchemaView): boolean {
  return ['uri', 'url', 'uri-reference', 'iri', 'iri-reference'].includes(view.format ?? '');
}

function isArray(view: SchemaView): boolean {
  return view.type === 'array' || (view.type === undefined && view.items !== undefined && view.properties === undefined);
}

/** Where the list is: [] for an array body, one array property (preferred names first), or one level down. */
function findItemsPath(view: SchemaView, depth: number): string[] | undefined {
  if (isArray(view)) return depth === 0 ? [] : undefined;
  const entries = Object.entries(view.properties ?? {});
  const arrays = entries.filter(([, child]) => isArray(child)).map(([name]) => name);
  if (arrays.length === 1) return arrays;
  if (arrays.length > 1) {
    const best = itemNames.map((want) => arrays.find((name) => norm(name) === want)).find((name) => name !== undefined);
    return best === undefined ? undefined : [best];
  }
  if (depth >= 1) return undefined;
  const nested = entries
    .filter(([name, child]) => child.properties && !containerNames.includes(norm(name)))
    .map(([name, child]) => ({ name, inner: findItemsPath(child, depth + 1) }))
    .filter((candidate): candidate is { name: string; inner: string[] } => candidate.inner !== undefined);
  const only = nested.length === 1 ? nested[0] : undefined;
  return only ? [only.name, ...only.inner] : undefined;
}

function readSchema(view: SchemaView | undefined, path: readonly string[]): SchemaView | undefined {
  let current = view;
  for (const segment of path) current = current?.properties?.[segment];
  return current;
}
