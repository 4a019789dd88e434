/**
 * Finds where a JSON pointer lands in JSON text without building a tree: a scanner that skips
 * every value not on the path. Used for positions in big JSON specs (GitHub's is 13 MB), where a
 * full parse with source ranges takes seconds and this takes milliseconds.
 */

export interface TextHit {
  /** Offset of the deepest key (or array element) found on the path. */
  offset: number;
  /** How many segments were found. */
  matched: number;
}

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const BOM = 0xfeff;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export function findJsonPointerOffset(text: string, segments: readonly string[]): TextHit {
  let at = skipSpace(text, 0);
  let hit: TextHit = { offset: at, matched: 0 };
  for (const segment of segments) {
    const opener = text.charCodeAt(at);
    const step = opener === 0x7b ? findMember(text, at, segment) : opener === 0x5b ? findElement(text, at, segment) : undefined;
    if (step === undefined) return hit;
    hit = { offset: step.mark, matched: hit.matched + 1 };
    at = step.value;
  }
  return hit;
}

interface Step {
  /** Where to point the user: the key of a member, the start of an element. */
  mark: number;
  /** Where the value starts. */
  value: number;
}

function findMember(text: string, open: number, wanted: string): Step | undefined {
  let at = skipSpace(text, open + 1);
  let found: Step | undefined;
  while (at < text.length && text.charCodeAt(at) === QUOTE) {
    const keyEnd = skipString(text, at);
    const raw = text.slice(at + 1, keyEnd - 1);
    const key = raw.includes('\\') ? decodeJsonString(text.slice(at, keyEnd)) : raw;
    const colon = skipSpace(text, keyEnd);
    if (text.charCodeAt(colon) !== 0x3a) return found;
    const value = skipSpace(text, colon + 1);
    // Duplicate keys: JSON.parse keeps the last, so does this.
    if (key === wanted) found = { mark: at, value };
    const after = skipSpace(text, skipValue(text, value));
    if (text.charCodeAt(after) !== 0x2c) return found;
    at = skipSpace(text, after + 1);
  }
  return found;
}

function findElement(text: string, open: number, segment: string): Step | undefined {
  if (!/^(0|[1-9]\d*)$/.test(segment)) return undefined;
  const wanted = Number(segment);
  let at = skipSpace(text, open + 1);
  for (let index = 0; at < text.length && text.charCodeAt(at) !== 0x5d; index += 1) {
    if (index === wanted) return { mark: at, value: at };
    const after = skipSpace(text, skipValue(text, at));
    if (text.charCodeAt(after) !== 0x2c) return undefined;
    at = skipSpace(text, after + 1);
  }
  return undefined;
}

/** Offset just past the value starting at `at` (iterative: nesting depth is a counter). */
function skipValue(text: string, at: number): number {
  const first = text.charCodeAt(at);
  if (first === QUOTE) return skipString(text, at);
  if (first !== 0x7b && first !== 0x5b) {
    let end = at;
    while (end < text.length && !isDelimiter(text.charCodeAt(end))) end += 1;
    return end;
  }
  let depth = 0;
  for (let index = at; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) index = skipString(text, index) - 1;
    else if (code === 0x7b || code === 0x5b) depth += 1;
    else if (code === 0x7d || code === 0x5d) {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
  }
  return text.length;
}

function skipString(text: string, at: number): number {
  for (let index = at + 1; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === BACKSLASH) index += 1;
    else if (code === QUOTE) return index + 1;
  }
  return text.length;
}

function skipSpace(text: string, at: number): number {
  let index = at;
  for (let code = text.charCodeAt(index); code === SPACE || code === LF || code === CR || code === TAB || code === BOM;) {
    index += 1;
    code = text.charCodeAt(index);
  }
  return index;
}

function isDelimiter(code: number): boolean {
  return code === 0x2c || code === 0x7d || code === 0x5d || code === SPACE || code === LF || code === CR || code === TAB;
}

function decodeJsonString(literal: string): string {
  try {
    const value: unknown = JSON.parse(literal);
    return typeof value === 'string' ? value : literal;
  } catch {
    return literal;
  }
}
