/** Plain data (descriptors, defaults) as a TypeScript object literal, every string escaped. */
import { objectKey, primitiveLiteral } from './literal.js';

export type Value = string | number | boolean | null | undefined | readonly Value[] | { readonly [key: string]: Value };

/** Renders on one line when short, else one entry per line with `indent` as the current indentation. */
/**
 * TypeScript types a property named like an Object.prototype member (`constructor`, `toString`…)
 * from that member instead of the target's index signature, widening its literals; `as const`
 * keeps them literal.
 */
const inheritedKeys = new Set(Object.getOwnPropertyNames(Object.prototype).filter((name) => name !== '__proto__'));

export function valueLiteral(value: Value, indent = ''): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return primitiveLiteral(value);
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    const items = (value as readonly Value[]).map((v) => valueLiteral(v, inner));
    const flat = `[${items.join(', ')}]`;
    if (flat.length <= 80 && !flat.includes('\n')) return flat;
    return `[\n${items.map((i) => `${inner}${i},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const parts = entries.map(
    ([k, v]) =>
      `${objectKey(k)}: ${valueLiteral(v, inner)}${inheritedKeys.has(k) && typeof v === 'object' && v !== null ? ' as const' : ''}`,
  );
  const flat = `{ ${parts.join(', ')} }`;
  if (flat.length <= 80 && !flat.includes('\n')) return flat;
  return `{\n${parts.map((p) => `${inner}${p},`).join('\n')}\n${indent}}`;
}
