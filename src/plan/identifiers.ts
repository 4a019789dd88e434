/**
 * Turning spec text into identifiers. Only letters and digits survive (Unicode letters allowed,
 * format characters such as bidi overrides and zero-width spaces are dropped), so a sanitized
 * name can never carry code, and looks the same as it reads.
 */

/** Splits text into words at separators, case changes and letter/digit boundaries. */
export function splitWords(text: string): string[] {
  const cleaned = text.normalize('NFC').replace(/\p{Cf}/gu, '');
  const words: string[] = [];
  for (const chunk of cleaned.split(/[^\p{L}\p{Nd}]+/u)) {
    if (chunk === '') continue;
    const parts = chunk.match(/\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{Nd}+|[\p{L}\p{Nd}]+/gu) ?? [chunk];
    words.push(...parts);
  }
  return words;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/** `list-pets_by id` → `ListPetsById`; empty when the text has no letters or digits. */
export function toPascalCase(text: string): string {
  return splitWords(text).map(capitalize).join('');
}

/** `List pets by ID` → `listPetsById`. */
export function toCamelCase(text: string): string {
  const pascal = toPascalCase(text);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/** `Code Scanning` → `code-scanning`, for file names (ASCII only: safe on every file system). */
export function toKebabCase(text: string): string {
  return splitWords(text)
    .map((w) => w.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter((w) => w !== '')
    .join('-');
}

/** `Petstore API` → `PETSTORE_API`, for environment variable names (ASCII only). */
export function toConstantCase(text: string): string {
  return splitWords(text)
    .map((w) => w.toUpperCase())
    .join('_')
    .replace(/[^A-Z0-9_]/g, '');
}

/** Prefixes an identifier that would start with a digit. */
export function ensureIdentifierStart(name: string): string {
  return /^\p{Nd}/u.test(name) ? `_${name}` : name;
}

export function isValidIdentifier(name: string): boolean {
  return /^[\p{L}_$][\p{L}\p{Nd}_$]*$/u.test(name);
}
