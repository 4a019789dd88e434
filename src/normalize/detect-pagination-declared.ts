/**
 * Pagination stated by the config or the `x-apiwright-pagination` extension: validated field by
 * field; fields left out are filled from detection. Every problem is a message, never a crash.
 */
import type { PaginationSpec } from '../../runtime/pagination/strategy.js';
import type { Detector, PaginationInput } from './pagination-view.js';

type Style = PaginationSpec['style'];
export const styles: readonly Style[] = ['offset', 'page', 'cursor', 'nextUrl', 'linkHeader'];
const forbiddenSegments = new Set(['__proto__', 'constructor', 'prototype']);

export type Declaration = { descriptor: PaginationSpec | undefined } | { problem: string };

const allowedKeys: Record<Style, readonly string[]> = {
  offset: ['offsetParam', 'limitParam', 'itemsPath'],
  page: ['pageParam', 'sizeParam', 'itemsPath', 'firstPage'],
  cursor: ['cursorParam', 'nextCursorPath', 'hasMorePath', 'itemsPath'],
  nextUrl: ['nextUrlPath', 'itemsPath'],
  linkHeader: ['itemsPath'],
};

/**
 * A declaration: `false` or `{ style: 'none' }` (not paginated), `true` (paginated: detect how), or
 * `{ style, …fields }` where paths are `"a.b"` or `["a","b"]` and omitted fields are detected.
 */
export function readDeclaration(value: unknown, input: PaginationInput, detector: Detector): Declaration {
  if (value === false || value === null) return { descriptor: undefined };
  if (value === true) {
    const found = detector.guess(input);
    return found.descriptor
      ? { descriptor: found.descriptor }
      : { problem: `declared paginated, but the style cannot be detected (${found.reason}); give "style".` };
  }
  if (typeof value !== 'object' || Array.isArray(value))
    return { problem: `expected false, true or an object with "style", got ${quote(value)}.` };
  const record = value as Record<string, unknown>;
  const style = record['style'];
  if (style === 'none') return { descriptor: undefined };
  if (typeof style !== 'string' || !(styles as readonly string[]).includes(style)) {
    return { problem: `"style" must be one of none, ${styles.join(', ')}; got ${quote(style)}.` };
  }
  const known = allowedKeys[style as Style];
  const unknown = Object.keys(record).filter((key) => key !== 'style' && !known.includes(key));
  if (unknown.length > 0)
    return {
      problem: `unknown field(s) ${unknown.map((k) => `"${k}"`).join(', ')} for style "${style}" (allowed: ${known.join(', ')}).`,
    };
  const detected = detector.candidates(input).find((f) => f.descriptor?.style === style)?.descriptor as
    Record<string, unknown> | undefined;
  const merged: Record<string, unknown> = { style };
  for (const key of known) {
    const given = record[key];
    if (given === undefined) {
      if (detected?.[key] !== undefined) merged[key] = detected[key];
      continue;
    }
    const checked = key.endsWith('Path')
      ? readPathValue(given, key)
      : key === 'firstPage'
        ? readInteger(given, key)
        : readName(given, key);
    if (typeof checked === 'object' && 'problem' in checked) return checked;
    merged[key] = checked;
  }
  merged['itemsPath'] ??= detector.itemsPath(input);
  const required: Record<Style, string[]> = {
    offset: ['offsetParam', 'itemsPath'],
    page: ['pageParam', 'itemsPath'],
    cursor: ['cursorParam', 'nextCursorPath', 'itemsPath'],
    nextUrl: ['nextUrlPath', 'itemsPath'],
    linkHeader: ['itemsPath'],
  };
  const missing = required[style as Style].filter((key) => merged[key] === undefined);
  if (missing.length > 0)
    return { problem: `style "${style}" needs ${missing.map((k) => `"${k}"`).join(', ')} (not given and not detectable).` };
  return { descriptor: merged as unknown as PaginationSpec };
}

/** A value from the spec or config for a message: JSON, cut short. */
function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function readName(value: unknown, key: string): string | { problem: string } {
  return typeof value === 'string' && value.trim() !== '' ? value : { problem: `"${key}" must be a non-empty string.` };
}

function readInteger(value: unknown, key: string): number | { problem: string } {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : { problem: `"${key}" must be an integer.` };
}

function readPathValue(value: unknown, key: string): string[] | { problem: string } {
  const segments = typeof value === 'string' ? (value === '' ? [] : value.split('.')) : value;
  if (!Array.isArray(segments) || !segments.every((s): s is string => typeof s === 'string' && s !== '')) {
    return { problem: `"${key}" must be a dotted string or an array of non-empty strings.` };
  }
  const bad = segments.find((s, i) => forbiddenSegments.has(s) || (s === '$lastItem' && (key !== 'nextCursorPath' || i !== 0)));
  if (bad !== undefined) return { problem: `"${key}" may not contain "${bad}" there.` };
  if (key !== 'itemsPath' && segments.length === 0) return { problem: `"${key}" must not be empty.` };
  return segments;
}
