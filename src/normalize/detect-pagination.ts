/**
 * Decides how an operation paginates, from a plain view of it that any spec version can produce.
 * Declared beats guessed: the config override, then the `x-apiwright-pagination` extension, then
 * conservative heuristics (GET only; a recognized parameter AND a matching response shape).
 * Pure: no spec objects, no I/O. The answer always says why, and what was wrong with a declaration.
 */
import type { PaginationSpec } from '../../runtime/pagination/strategy.js';
import { readDeclaration } from './detect-pagination-declared.js';
import {
  collectFields,
  deepCursorField,
  findItemsPath,
  nextUrlNames,
  norm,
  readSchema,
  words,
  type FieldView,
} from './detect-pagination-fields.js';
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
/** Response fields that show a page-numbered list (for a `page` param without a size param). */
const pageInfoNames = words(
  'page currentpage pagenumber totalpages pagecount numpages nextpagenumber hasnext hasnextpage islastpage lastpage',
);
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
  const byOffset: Found | undefined =
    offset && limit
      ? {
          descriptor: { style: 'offset', offsetParam: offset.name, limitParam: limit.name, itemsPath },
          reason: `params "${offset.name}" and "${limit.name}"`,
        }
      : undefined;
  // Beside numeric offset + limit, a cursor mode is one the caller opts into (Box: `usemarker=true`
  // before `next_marker` comes back): the offset mode is the one that works as called.
  if (byOffset && cursor) found.push(byOffset);
  const byCursor = cursor ? findCursorCandidate(cursor, fields, schema, itemsPath) : undefined;
  if (byCursor) found.push(byCursor);
  const nextUrl = fields.find((f) => nextUrlNames.includes(norm(f.name)) && [undefined, 'string'].includes(f.type));
  if (nextUrl) add({ style: 'nextUrl', nextUrlPath: nextUrl.path, itemsPath }, `next-page URL in "${nextUrl.path.join('.')}"`);
  if (byOffset && !cursor) found.push(byOffset);
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
  // A string `page` or `offset` that is not a number is a token the previous response hands out
  // (OpenAI: `page` in, `next_page` out; Asana: `offset` in, `next_page.offset` out): counting it
  // up (`offset=1, 2, …`) would be wrong, so it is a cursor or nothing.
  const isToken = (p: QueryParamView) => p.schemaType === 'string' && !isNumeric(p);
  const tokenPage = find(['page'], isToken) ?? find(['offset'], isToken);
  return {
    offset:
      find(['offset'], (p) => ofType(anyType)(p) && !isToken(p)) ??
      find(offsetNames, isNumeric) ??
      (keycloak ? find(['first'], isNumeric) : undefined),
    limit: find(['limit'], ofType(anyType)) ?? find(limitNames, isNumeric) ?? (keycloak ? find(['max'], isNumeric) : undefined),
    page: find(pageNames, isNumeric),
    cursor: find(cursorParamNames, ofType([undefined, 'string', 'integer'])) ?? tokenPage,
  };
}

/** A cursor: a field the response hands back for `param`, or the last item's id while a has-more flag says so (Stripe). */
function findCursorCandidate(
  cursorParam: QueryParamView,
  fields: FieldView[],
  schema: SchemaView,
  itemsPath: string[],
): Found | undefined {
  const param = cursorParam.name;
  // A number parameter is not fed from a string field (Spotify's `after` is a timestamp, its
  // `cursors.after` a string meant for another call): such a pair is no cursor.
  const numericParam = cursorParam.schemaType === 'integer' || cursorParam.schemaType === 'number';
  const hasMore = fields.find((f) => hasMoreNames.includes(norm(f.name)) && [undefined, 'boolean'].includes(f.type));
  const hasMorePath = hasMore ? { hasMorePath: hasMore.path } : {};
  const preferred = preferredCursorFields(norm(param));
  const rank = (f: FieldView): number => preferred.indexOf(norm(f.name));
  const usable = (f: FieldView) =>
    !f.isLink && [undefined, 'string', 'integer'].includes(f.type) && !(numericParam && f.type === 'string');
  const next =
    fields
      .filter((f) => rank(f) !== -1 && usable(f))
      .filter((f) => norm(f.name) !== 'lastid' || hasMore)
      .sort((a, b) => rank(a) - rank(b))[0] ?? deepCursorField(param, schema, itemsPath, usable);
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
    offset: ['nextoffset'],
  };
  // `next` last: beside a cursor parameter it is the cursor more often than a URL (OpenAI groups).
  return byParam[param] ?? [...cursorFieldNames.filter((name) => name !== 'lastid' || param === 'cursor'), 'next'];
}
