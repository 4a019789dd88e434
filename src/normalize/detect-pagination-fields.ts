/**
 * What the pagination detector reads from a response schema view: where the items are, and the
 * scalar fields around them (paging metadata), shallow and at any documented depth.
 */
import type { SchemaView } from './pagination-view.js';

/** Names compare without case, `_`, `-`, `.`, `$`, `@`, `[`, `]`: `per_page` = `perPage` = `page[size]`-ish. */
export const norm = (name: string): string => name.toLowerCase().replace(/[_\-.$@[\]]/g, '');

/** A list from a space-separated string: the name tables stay one line each. */
export const words = (list: string): readonly string[] => list.split(' ');

export const nextUrlNames = words('next nexturl nextlink odatanextlink nextpageurl nextpageuri nexthref');
/** Objects that hold paging metadata rather than data. */
export const containerNames = words('responsemetadata meta metadata pagination paging pageinfo cursors links page');
export const itemNames = words('data items results values value records entries elements list rows hits content nodes objects');
/** Arrays beside the list that report on the call, not data (Square's `errors`, Xero's `Warnings`, Jira's `warningMessages`). */
export const reportArrayNames = words('errors warnings errormessages warningmessages');

/**
 * A cursor field at any documented depth (outside the items): for a `cursor` parameter a field
 * named `cursor` / `next_cursor` / `nextCursor` anywhere in the envelope (Square, nested `meta`
 * objects); for a token parameter, its own name inside a `next…` object (Asana's
 * `next_page.offset`). Only an unambiguous match counts: two candidates is no answer.
 */
export function deepCursorField(
  param: string,
  schema: SchemaView,
  itemsPath: readonly string[],
  usable: (f: FieldView) => boolean,
): FieldView | undefined {
  const wanted = norm(param);
  const all = collectDeepFields(schema, itemsPath).filter(usable);
  const matches =
    wanted === 'cursor'
      ? all.filter((f) => ['cursor', 'nextcursor'].includes(norm(f.name)))
      : all.filter((f) => norm(f.name) === wanted && /^next/.test(norm(f.path[f.path.length - 2] ?? '')));
  // `next_cursor` beats a `cursor` echoing the request when both are there.
  const best = matches.filter((f) => norm(f.name).startsWith('next'));
  const pick = best.length > 0 ? best : matches;
  return pick.length === 1 ? pick[0] : undefined;
}

/** Every scalar field through nested objects (depth ≤ 4), never inside the items or other arrays. */
function collectDeepFields(schema: SchemaView, itemsPath: readonly string[]): FieldView[] {
  const found: FieldView[] = [];
  const visit = (view: SchemaView, path: string[]): void => {
    for (const [name, child] of Object.entries(view.properties ?? {})) {
      const childPath = [...path, name];
      if (childPath.join('\u0000') === itemsPath.join('\u0000')) continue;
      if (child.properties) {
        if (childPath.length < 4) visit(child, childPath);
      } else if (!isArray(child)) {
        found.push({ name, path: childPath, type: child.type, schema: child, isLink: isLinkFormat(child) });
      }
    }
  };
  visit(schema, []);
  return found;
}

export interface FieldView {
  name: string;
  path: string[];
  type: string | undefined;
  schema: SchemaView;
  isLink: boolean;
}

/** Scalar-ish fields at the top level and inside paging containers (depth ≤ 3), never inside the items. */
export function collectFields(schema: SchemaView | undefined, itemsPath: readonly string[]): FieldView[] {
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

export function isLinkFormat(view: SchemaView): boolean {
  return ['uri', 'url', 'uri-reference', 'iri', 'iri-reference'].includes(view.format ?? '');
}

export function isArray(view: SchemaView): boolean {
  return view.type === 'array' || (view.type === undefined && view.items !== undefined && view.properties === undefined);
}

/** Where the list is: [] for an array body, one array property (preferred names first), or one level down. */
export function findItemsPath(view: SchemaView, depth: number): string[] | undefined {
  if (isArray(view)) return depth === 0 ? [] : undefined;
  const entries = Object.entries(view.properties ?? {});
  const arrays = entries
    .filter(([name, child]) => isArray(child) && !reportArrayNames.includes(norm(name)))
    .map(([name]) => name);
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

export function readSchema(view: SchemaView | undefined, path: readonly string[]): SchemaView | undefined {
  let current = view;
  for (const segment of path) current = current?.properties?.[segment];
  return current;
}
