/**
 * Looks into mock schemas without generating anything: following refs, and the cheap comparisons
 * union and allOf generation use to choose a variant or widen what a part requires.
 */
import type { MockSchema, MockSchemaTable } from './mock-schema.js';

/** True when no value of `variant` can be valid for `other`, as far as a cheap look tells (kinds, required names, enum tags). */
export function rejects(other: MockSchema, variant: MockSchema, schemas: MockSchemaTable): boolean {
  const a = resolve(other, schemas);
  const b = resolve(variant, schemas);
  if (a === undefined || b === undefined) return false;
  const kindOf = (s: MockSchema): string => (s.kind === 'integer' ? 'number' : s.kind);
  if (a.kind === 'enum' && b.kind === 'enum') return !b.values.some((v) => a.values.includes(v));
  if (a.kind !== 'object' || b.kind !== 'object') {
    const known = ['string', 'number', 'boolean', 'array', 'object', 'null'];
    return known.includes(kindOf(a)) && known.includes(kindOf(b)) && kindOf(a) !== kindOf(b);
  }
  const own = b.properties ?? {};
  if ((a.required ?? []).some((key) => !Object.hasOwn(own, key))) return true;
  return Object.entries(a.properties ?? {}).some(([key, schema]) => {
    const declared = own[key];
    const mine = declared === undefined ? undefined : resolve(declared, schemas);
    const theirs = resolve(schema, schemas);
    return (
      mine?.kind === 'enum' &&
      theirs?.kind === 'enum' &&
      (b.required ?? []).includes(key) &&
      !mine.values.some((v) => theirs.values.includes(v))
    );
  });
}

/** Whether `schema` (through refs and allOf parts) declares `property` with an enum. */
export function declaresEnum(schema: MockSchema, property: string, schemas: MockSchemaTable, depth: number): boolean {
  const resolved = resolve(schema, schemas);
  if (resolved === undefined || depth > 8) return false;
  if (resolved.kind === 'intersection') return resolved.parts.some((part) => declaresEnum(part, property, schemas, depth + 1));
  const own = resolved.kind === 'object' ? resolved.properties?.[property] : undefined;
  return own !== undefined && resolve(own, schemas)?.kind === 'enum';
}

/** An object part (or the object a ref names) with `required` widened; other parts as they are. */
export function withRequired(part: MockSchema, required: readonly string[], schemas: MockSchemaTable): MockSchema {
  if (required.length === 0) return part;
  const resolved = resolve(part, schemas);
  if (resolved?.kind !== 'object') return part;
  const declared = required.filter((key) => Object.hasOwn(resolved.properties ?? {}, key));
  if (declared.every((key) => resolved.required?.includes(key) === true)) return part;
  return { ...resolved, required: [...new Set([...(resolved.required ?? []), ...declared])] };
}

export function resolve(schema: MockSchema, schemas: MockSchemaTable): MockSchema | undefined {
  let current: MockSchema | undefined = schema;
  for (let hops = 0; current?.kind === 'ref' && hops < 16; hops += 1) current = schemas[current.ref];
  return current?.kind === 'ref' ? undefined : current;
}
