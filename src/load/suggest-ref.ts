/**
 * "did you mean `#/components/schemas/Pet`?" for a `$ref` that does not resolve: each missing
 * segment is replaced by the closest key of the object it should be in, and the suggestion is
 * given only when the corrected pointer resolves.
 */
import { closestName } from '../util/closest-name.js';
import { formatPointer, parsePointer } from '../json-pointer.js';

/** At most this many segments are corrected: a pointer wrong in more places is not a typo. */
const MAX_CORRECTIONS = 2;

export function suggestRef(document: unknown, ref: string): string | undefined {
  if (!ref.startsWith('#')) return undefined;
  const segments = parsePointer(ref);
  if (segments === undefined) return undefined;
  const corrected: string[] = [];
  let corrections = 0;
  let node: unknown = document;
  for (const segment of segments) {
    if (!isRecord(node)) return undefined;
    let key = segment;
    if (!Object.hasOwn(node, key)) {
      const closest = closestName(segment, Object.keys(node));
      corrections += 1;
      if (closest === undefined || corrections > MAX_CORRECTIONS) return undefined;
      key = closest;
    }
    corrected.push(key);
    node = node[key];
  }
  return corrections === 0 ? undefined : formatPointer(corrected);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
