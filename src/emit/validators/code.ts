/** Indented lines of generated code, and the place a compiled check writes to. */
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

  /** `if (…) { then } else { otherwise }`. */
  ifElse(condition: string, then: () => void, otherwise: () => void): void {
    this.line(`if (${condition}) {`);
    this.depth++;
    then();
    this.depth--;
    this.line('} else {');
    this.depth++;
    otherwise();
    this.depth--;
    this.line('}');
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

  toString(): string {
    return this.lines.join('\n');
  }
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
  return `${path} + ${literal(`/${escaped}`)}`;
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
