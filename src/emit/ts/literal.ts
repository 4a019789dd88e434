/**
 * Spec text reaches generated code only through these functions: as a string literal, a property
 * key, or escaped comment text. Nothing here ever pastes text into code unescaped.
 */

/** A single-quoted TypeScript string literal for any string (quotes, backslashes, line terminators, lone surrogates). */
export function stringLiteral(value: string): string {
  // Nearly every key and message is plain printable ASCII with nothing to escape.
  if (plainText.test(value)) return `'${value}'`;
  const json = JSON.stringify(value); // escapes `"`, `\`, control characters and lone surrogates
  const body = json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'").replace(invisible, escapeCodeUnit);
  return `'${body}'`;
}

/** Printable ASCII except the quote and the backslash: written as is. */
const plainText = /^[\x20-\x26\x28-\x5b\x5d-\x7e]*$/;

/**
 * Characters that change how code *looks* without changing what it does: line separators, bidi
 * controls (Trojan Source, CVE-2021-42574), zero-width and other format characters. In literals
 * they are written as `\uXXXX` escapes: same value, visible in review.
 */
export const invisible = /[\u2028\u2029\p{Cf}]/gu;

export function escapeCodeUnit(char: string): string {
  return [...char]
    .map((c) => {
      const code = c.codePointAt(0) ?? 0;
      return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
    })
    .join('');
}

const identifierPattern = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property name in a type literal or interface: bare when it is a plain identifier, else quoted. */
export function propertyKey(name: string): string {
  return identifierPattern.test(name) && name !== '__proto__' ? name : stringLiteral(name);
}

/**
 * A key in an object *literal* (a value). `__proto__: x` — quoted or not — would set the prototype,
 * so that one key is written as a computed key, which defines an own property.
 */
export function objectKey(name: string): string {
  if (name === '__proto__') return `[${stringLiteral(name)}]`;
  return propertyKey(name);
}

/** A literal type or value for JSON primitives. */
export function primitiveLiteral(value: string | number | boolean | null): string {
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number') return Number.isFinite(value) ? (Object.is(value, -0) ? '0' : String(value)) : 'number';
  return String(value);
}
