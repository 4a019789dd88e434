/** Helpers for keywords whose check is too long to inline in every compiled validator. */

/** String length in Unicode code points, as JSON Schema counts (`minLength` / `maxLength`). */
export function codePointLength(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    length++;
  }
  return length;
}

/**
 * `multipleOf` without binary floating-point surprises: `0.0075` is a multiple of `0.0001` even
 * though `0.0075 % 0.0001` is not 0. The quotient must be an integer up to rounding error.
 */
export function isMultipleOf(value: number, divisor: number): boolean {
  const quotient = value / divisor;
  if (!Number.isFinite(quotient)) return false;
  if (Number.isInteger(quotient)) return true;
  const rounded = Math.round(quotient);
  return Math.abs(quotient - rounded) <= Number.EPSILON * 8 * Math.max(1, Math.abs(quotient));
}

/** JSON equality (`enum`, `const`, `uniqueItems`): numbers by value, objects by keys regardless of order. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  for (const key of keys) if (!Object.hasOwn(right, key) || !deepEqual(left[key], right[key])) return false;
  return true;
}

/** `uniqueItems`: index of the first duplicate's second occurrence, or -1. */
export function duplicateIndex(items: readonly unknown[]): number {
  const primitives = new Set<unknown>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (typeof item !== 'object' || item === null) {
      if (primitives.has(item)) return i;
      primitives.add(item);
      continue;
    }
    for (let j = 0; j < i; j++) if (deepEqual(items[j], item)) return i;
  }
  return -1;
}

/** `format: binary` values the runtime can send or receive: Blob, ArrayBuffer, typed arrays, streams. */
export function isBinary(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (typeof Blob !== 'undefined' && value instanceof Blob) return true;
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return true;
  return typeof ReadableStream !== 'undefined' && value instanceof ReadableStream;
}
