/**
 * Discriminated unions narrow on their discriminator even when the variant schemas declare the
 * property as a plain string: each mapped variant is intersected with its literal value(s),
 * `(Card & { kind: 'card' })`, so `switch (payment.kind)` narrows. The variant's own named type
 * is left as it is (other schemas may use it with other values). openapi-typescript injects the
 * literal into the variant type itself; the intersection gives callers the same narrowing.
 */
import type * as ir from '../ir/index.js';
import { primitiveLiteral, propertyKey } from './ts/literal.js';

/**
 * `text` (the variant's type) narrowed by the discriminator values mapped to it; unchanged for
 * inline variants, unmapped ones, and renamed (camelCase) clients, whose property name differs.
 */
export function discriminatedVariant(
  text: string,
  variant: ir.Schema,
  discriminator: ir.Discriminator | undefined,
  renamesProperties: boolean,
): string {
  if (discriminator === undefined || variant.kind !== 'ref' || renamesProperties) return text;
  const values = discriminator.mapping.filter((m) => m.target === variant.target).map((m) => m.value);
  if (values.length === 0) return text;
  const literal = values.map((value) => primitiveLiteral(value)).join(' | ');
  return `(${text} & { ${propertyKey(discriminator.propertyName)}: ${literal} })`;
}
