/**
 * Turning spec text into identifiers. Only ASCII letters and digits survive — accents are
 * stripped (`café` → `cafe`), everything else is a word break — so a sanitized name can never
 * carry code, looks the same as it reads, and means the same to every TypeScript version (the
 * JavaScript engine's Unicode tables run ahead of the compiler's: a letter Node accepts can be a
 * syntax error to tsc). A name with nothing left falls back to a qualified one in plan/.
 */

/** Splits text into words at separators, case changes and letter/digit boundaries. */
export function splitWords(text: string): string[] {
  const cleaned = text.normalize('NFKD').replace(/[\p{M}\p{Cf}]/gu, '');
  const words: string[] = [];
  for (const chunk of cleaned.split(/[^A-Za-z0-9]+/)) {
    if (chunk === '') continue;
    const parts = chunk.match(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+/g) ?? [chunk];
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
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

export function isValidIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}

/**
 * Words of a tag as a reader says them, for file and namespace names: digits stay with the word
 * before them (`V1Employees` → `V1`, `Employees`) and a lone capital stays with the capitalized
 * word after it (`OAuth` → `OAuth`), so tags become `v1Employees` / `v1-employees.gen.ts` and
 * `oauth` / `oauth.gen.ts` rather than `v-1-employees` and `o-auth`.
 */
export function tagWords(text: string): string[] {
  const merged: string[] = [];
  for (const word of splitWords(text)) {
    const previous = merged[merged.length - 1];
    if (previous !== undefined && /^[0-9]+$/.test(word) && /[A-Za-z]$/.test(previous)) {
      merged[merged.length - 1] = previous + word;
    } else if (previous !== undefined && /^[A-Z]$/.test(previous) && /^[A-Z][a-z]/.test(word)) {
      merged[merged.length - 1] = previous + word.toLowerCase();
    } else merged.push(word);
  }
  return merged;
}

/** A tag's namespace name: `V1Employees` → `v1Employees`, `OAuth` → `oauth`. */
export function tagCamelCase(tag: string): string {
  return tagWords(tag)
    .map((word, i) => (i === 0 ? word.toLowerCase() : capitalize(word)))
    .join('');
}

/** A tag's file name: `V1Employees` → `v1-employees`, `OAuth` → `oauth`. */
export function tagKebabCase(tag: string): string {
  return tagWords(tag)
    .map((word) => word.toLowerCase())
    .join('-');
}
