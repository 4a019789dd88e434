/** Indented lines of generated code, and the place a compiled check writes to. */
import { layoutLines, PRINT_WIDTH } from '../ts/layout.js';
import { escapeCodeUnit, invisible, stringLiteral } from '../ts/literal.js';

export class Code {
  private readonly lines: string[] = [];
  private depth = 0;

  line(text: string): void {
    this.lines.push(`${'  '.repeat(this.depth)}${text}`);
  }

  /** `head {` … `}`, with `body` indented one level. */
  block(head: string, body: () => void): void {
    this.line(`${head} {`);
    this.depth++;
    body();
    this.depth--;
    this.line('}');
  }

  /** `block`, left out entirely when `body` writes nothing (a check that compiled to no code). */
  blockUnlessEmpty(head: string, body: () => void): void {
    const start = this.lines.length;
    this.block(head, body);
    if (this.lines.length === start + 2) this.lines.splice(start, 2);
  }

  /** `body` one level deeper, without braces (switch cases). */
  indent(body: () => void): void {
    this.depth++;
    body();
    this.depth--;
  }

  /**
   * `if (…) { then } else { otherwise }`; when each branch is one simple statement, the braceless
   * `if (…) a;` / `else b;` a formatter keeps (and `else if` falls out of it).
   */
  ifElse(condition: string, then: () => void, otherwise: () => void): void {
    const start = this.lines.length;
    this.line(`if (${condition}) {`);
    this.depth++;
    then();
    this.depth--;
    const middle = this.lines.length;
    this.line('} else {');
    this.depth++;
    otherwise();
    this.depth--;
    this.line('}');
    this.unbrace(start, middle);
  }

  /** Rewrites the if/else written from `start` (its `} else {` at `middle`) without braces, when that is safe. */
  private unbrace(start: number, middle: number): void {
    const thenLine = middle === start + 2 ? this.lines[start + 1] : undefined;
    const elseLines = this.lines.length - middle - 2;
    const elseLine = elseLines === 1 ? this.lines[middle + 1] : undefined;
    // One statement per branch; a braceless `if` inside the first branch would capture the `else`.
    if (thenLine === undefined || !isSimpleStatement(thenLine) || /^\s*if \(/.test(thenLine)) return;
    if (elseLines > 1 || (elseLine !== undefined && !isSimpleStatement(elseLine))) return;
    const head = this.lines[start] ?? '';
    const indent = /^\s*/.exec(head)?.[0] ?? '';
    const rewritten = [`${head.slice(0, -2)} ${thenLine.trimStart()}`];
    if (elseLine !== undefined) rewritten.push(`${indent}else ${elseLine.trimStart()}`);
    // Layout breaks a long `if (…) a;`, not an `else` line: a branch that would not fit keeps its braces.
    if (rewritten.some((line) => line.length > PRINT_WIDTH)) return;
    this.lines.splice(start, this.lines.length - start, ...rewritten);
  }

  /**
   * Drops the declaration at line `index` when no later line mentions `name` (a value read only
   * for checks that compiled to nothing, e.g. `additionalProperties: {}`).
   */
  dropIfUnused(index: number, name: string): void {
    const pattern = new RegExp(`\\b${name}\\b`);
    if (!this.lines.slice(index + 1).some((line) => pattern.test(line))) this.lines.splice(index, 1);
  }

  get length(): number {
    return this.lines.length;
  }

  /** The lines laid out (ts/layout.ts): a line wider than the print width broken at its seams. */
  toString(): string {
    return layoutLines(this.lines).join('\n');
  }
}

/** One line that is a whole statement: not a block's opening or closing line, not a comment. */
function isSimpleStatement(line: string): boolean {
  const text = line.trim();
  // A declaration is not a statement a braceless `if` may hold.
  return text.endsWith(';') && !text.startsWith('}') && !/^(?:const|let|var|function|class)\b/.test(text);
}

/**
 * Where a schema is checked: `value` names a const holding the value, `path` is an expression for
 * its JSON pointer, `issues` the array issues go to, `ok` the boolean a failure sets to false.
 */
export interface Site {
  value: string;
  path: string;
  issues: string;
  ok: string;
}

/** `path + '/name'` as an expression, with the token escaped at generation time. */
export function childPath(path: string, token: string): string {
  const escaped = token.replace(/~/g, '~0').replace(/\//g, '~1');
  const child = literal(`/${escaped}`);
  // `path + '/data' + '/id'` is written `path + '/data/id'`: two complete literals join safely.
  const parent = / \+ '((?:[^'\\]|\\.)*)'$/.exec(path);
  if (parent?.[1] !== undefined && child.startsWith("'"))
    return `${path.slice(0, parent.index)} + '${parent[1]}${child.slice(1)}`;
  return `${path} + ${child}`;
}

/**
 * Any JSON value as a literal for generated code: JSON's escaping, plus line separators and
 * invisible format characters as `\uXXXX` (they only ever occur inside string literals there).
 */
export function literal(value: unknown): string {
  if (typeof value === 'string') return stringLiteral(value);
  return JSON.stringify(value).replace(invisible, escapeCodeUnit);
}

/** Keywords that describe a value without constraining it. */
export const annotations: ReadonlySet<string> = new Set([
  'title',
  'description',
  'example',
  'examples',
  'default',
  'deprecated',
  '$comment',
  'externalDocs',
  'xml',
]);

/** A schema that accepts everything: absent, `true`, or only annotations. */
export function isTrivialSchema(schema: unknown): boolean {
  if (schema === undefined || schema === true) return true;
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return false;
  return Object.keys(schema).every((key) => annotations.has(key) || key.startsWith('x-'));
}
