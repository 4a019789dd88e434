/** Plain data (descriptors, defaults) as a TypeScript object literal, every string escaped. */
import { objectKey, primitiveLiteral } from './literal.js';

export type Value = string | number | boolean | null | undefined | readonly Value[] | { readonly [key: string]: Value };

/** Renders on one line when short, else one entry per line with `indent` as the current indentation. */
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
  const parts = entries.map(([k, v]) => `${objectKey(k)}: ${valueLiteral(v, inner)}`);
  const flat = `{ ${parts.join(', ')} }`;
  if (flat.length <= 80 && !flat.includes('\n')) return flat;
  return `{\n${parts.map((p) => `${inner}${p},`).join('\n')}\n${indent}}`;
}
