/** RFC 6901 JSON pointers in URI-fragment form (`#/a/b~1c`), the form `$ref`s use. */

const unsafeSegments = new Set(['__proto__', 'constructor', 'prototype']);

export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function appendPointer(pointer: string, ...segments: (string | number)[]): string {
  let out = pointer;
  for (const segment of segments) out += '/' + escapePointerSegment(String(segment));
  return out;
}

/** Splits `#/a/b` into its unescaped segments; `undefined` when `ref` is not an internal pointer. */
export function parsePointer(ref: string): string[] | undefined {
  if (!ref.startsWith('#')) return undefined;
  let body = ref.slice(1);
  try {
    body = decodeURIComponent(body);
  } catch {
    return undefined;
  }
  if (body === '') return [];
  if (!body.startsWith('/')) return undefined;
  return body
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export type PointerLookup = { found: true; value: unknown } | { found: false; reason: string };

/** Follows a pointer through own properties only; `__proto__`, `constructor`, `prototype` are refused. */
export function lookupPointer(root: unknown, segments: readonly string[]): PointerLookup {
  let node: unknown = root;
  for (const segment of segments) {
    if (unsafeSegments.has(segment)) return { found: false, reason: `unsafe segment "${segment}"` };
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
