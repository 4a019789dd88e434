/**
 * JSON Pointers (RFC 6901) as they appear in `$ref` fragments (RFC 6901 §6: percent-encoded
 * inside a URI fragment) and in SourceLocation.pointer (`#/paths/~1pets/get`). The one pointer
 * module of the generator: load/ locates and polices refs with it, normalize/ follows them.
 */

/** Keys that, followed as a path on a plain JS object, reach Object.prototype. */
const UNSAFE_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** `a/b~c` → `a~1b~0c` (RFC 6901 §3). */
export function escapeSegment(segment: string): string {
  if (!segment.includes('~') && !segment.includes('/')) return segment;
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** `a~1b~0c` → `a/b~c`; `~1` is decoded before `~0` (RFC 6901 §4). */
export function unescapeSegment(token: string): string {
  if (!token.includes('~')) return token;
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** `#/a` + `b/c` → `#/a/b~1c`. */
export function appendPointer(pointer: string, ...segments: (string | number)[]): string {
  let out = pointer;
  for (const segment of segments) out += `/${escapeSegment(String(segment))}`;
  return out;
}

/** Segments → `#/a/b`; no segments → `#`. */
export function formatPointer(segments: readonly (string | number)[]): string {
  let out = '#';
  for (const segment of segments) out += `/${escapeSegment(String(segment))}`;
  return out;
}

/**
 * The segments of a URI fragment that is a JSON Pointer (`/a/b`, without the `#`), or undefined
 * when the fragment is not a pointer (a JSON Schema `$anchor` name). The empty fragment is the root.
 */
export function parsePointerFragment(fragment: string): string[] | undefined {
  if (fragment === '') return [];
  if (!fragment.startsWith('/')) return undefined;
  return fragment
    .slice(1)
    .split('/')
    .map((token) => unescapeSegment(decodePercent(token)));
}

/** Segments of a `#/...` pointer string as written in a `$ref` or a SourceLocation. */
export function parsePointer(pointer: string): string[] | undefined {
  if (!pointer.startsWith('#')) return undefined;
  return parsePointerFragment(pointer.slice(1));
}

/** The first segment that would walk into the prototype chain, if any. */
export function findUnsafeSegment(segments: readonly string[]): string | undefined {
  return segments.find((segment) => UNSAFE_SEGMENTS.has(segment));
}

function decodePercent(token: string): string {
  if (!token.includes('%')) return token;
  try {
    return decodeURIComponent(token);
  } catch {
    // A stray `%` is not an escape; keep the token as written.
    return token;
  }
}

export type PointerLookup = { found: true; value: unknown } | { found: false; reason: string };

/** Follows a pointer through own properties only; `__proto__`, `constructor`, `prototype` are refused. */
export function lookupPointer(root: unknown, segments: readonly string[]): PointerLookup {
  let node: unknown = root;
  for (const segment of segments) {
    if (UNSAFE_SEGMENTS.has(segment)) return { found: false, reason: `unsafe segment "${segment}"` };
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(segment)) return { found: false, reason: `"${segment}" is not an array index` };
      node = node[Number(segment)];
    } else if (typeof node === 'object' && node !== null && Object.hasOwn(node, segment)) {
      node = (node as Record<string, unknown>)[segment];
    } else {
      return { found: false, reason: `no "${segment}"` };
    }
    if (node === undefined) return { found: false, reason: `no "${segment}"` };
  }
  return { found: true, value: node };
}
