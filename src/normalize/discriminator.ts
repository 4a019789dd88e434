/**
 * Discriminator Object (OAS 3.1 §4.8.25, 3.0 §4.7.25) → IR: the explicit `mapping`, or the values
 * the variants imply.
 */
import type * as ir from '../ir/index.js';
import { isObject, normalizeRef, type NormalizeContext } from './context.js';
import { appendPointer } from '../json-pointer.js';

export function normalizeDiscriminator(
  raw: unknown,
  variants: ir.Schema[],
  pointer: string,
  ctx: NormalizeContext,
): ir.Discriminator | undefined {
  if (!isObject(raw) || typeof raw['propertyName'] !== 'string') return undefined;
  const mapping: ir.Discriminator['mapping'] = [];
  if (isObject(raw['mapping'])) {
    for (const [value, target] of Object.entries(raw['mapping'])) {
      if (typeof target !== 'string') continue;
      const ref = target.startsWith('#') ? target : `#/components/schemas/${target}`;
      // A mapping value is not a `$ref`: one that does not resolve only drops that mapping entry.
      if (ctx.lookupRef(ref, appendPointer(pointer, 'discriminator', 'mapping', value), 'DISCRIMINATOR_MAPPING_UNRESOLVED')) {
        mapping.push({ value, target: normalizeRef(ref) });
      }
    }
  } else {
    for (const variant of variants) {
      if (variant.kind !== 'ref') continue;
      const name = variant.target.slice(variant.target.lastIndexOf('/') + 1);
      // The implied value is the schema's name (OAS §4.8.25), but a variant that fixes the property
      // (`role: { enum: [user] }`, as OpenAI's messages do) can only ever carry its own values.
      const declared = declaredValues(ctx, variant.target, raw['propertyName'], pointer);
      for (const value of declared.length > 0 ? declared : [name]) mapping.push({ value, target: variant.target });
    }
  }
  return { propertyName: raw['propertyName'], mapping };
}

/** The string values a variant schema fixes its discriminator property to (`const`/`enum`, own or via `allOf`). */
function declaredValues(ctx: NormalizeContext, target: string, property: string, pointer: string): string[] {
  const variant = ctx.deref({ $ref: target }, pointer)?.value;
  const allOf: unknown = isObject(variant) ? variant['allOf'] : undefined;
  const parts: unknown[] = isObject(variant) ? [variant, ...(Array.isArray(allOf) ? (allOf as unknown[]) : [])] : [];
  for (const part of parts) {
    const schema = ctx.deref(part, pointer)?.value;
    const properties = isObject(schema) ? schema['properties'] : undefined;
    const prop = isObject(properties) ? ctx.deref(properties[property], pointer)?.value : undefined;
    if (!isObject(prop)) continue;
    const values = prop['const'] !== undefined ? [prop['const']] : Array.isArray(prop['enum']) ? prop['enum'] : [];
    const strings = values.filter((value): value is string => typeof value === 'string');
    if (strings.length > 0) return strings;
  }
  return [];
}
