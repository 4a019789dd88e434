/**
 * Line layout of generated TypeScript, the way a formatter would print it: a line wider than the
 * print width is broken at its natural seams — a function signature one parameter per line, a
 * type alias or property whose type is a union one member per line, a named import list one name
 * per line, a call one argument per line, a doc comment's prose re-wrapped. Emitters print each
 * construct on one line; this pass knows the handful of line shapes they print, so it is exact
 * for them and leaves any other line as it is. Spec text (string literals, comments) is never
 * split inside a literal, and a line that has no seam (one long name) stays long.
 */

/** Columns a line may take before it is broken (prettier's default is 80; generated names are long). */
export const PRINT_WIDTH = 100;

/** Lays out whole text (the writers lay out their lines as they go: LineLayout below). */
export function layoutSource(source: string, width = PRINT_WIDTH): string {
  return layoutLines(source.split('\n'), width).join('\n');
}

/** Text already split into lines, laid out. */
export function layoutLines(lines: readonly string[], width = PRINT_WIDTH): string[] {
  const out: string[] = [];
  const layout = new LineLayout(out, width);
  for (const line of lines) layout.add(line);
  return out;
}

/**
 * Lays out lines one at a time as a writer finishes them (emit/ts/writer.ts), onto `out`: the
 * same result as laying out the finished text, without scanning it again.
 */
export class LineLayout {
  private readonly state: CommentState = { inComment: false, inFence: false };

  constructor(
    private readonly out: string[],
    private readonly width = PRINT_WIDTH,
  ) {}

  add(line: string): void {
    this.layOut(line, this.state, this.out);
  }

  /** What `add(line)` would write, without writing it (a writer's unfinished last line). */
  peek(line: string): string[] {
    const out: string[] = [];
    this.layOut(line, { ...this.state }, out);
    return out;
  }

  private layOut(line: string, state: CommentState, out: string[]): void {
    const opensComment = line.includes('/**');
    if (state.inComment || opensComment || line.length > this.width) layOutLine(line, opensComment, state, out, this.width);
    else out.push(line);
  }
}

/** Whether the lines so far left a doc comment open, and a fenced code block inside it. */
interface CommentState {
  inComment: boolean;
  inFence: boolean;
}

/** One line that is long, opens a doc comment or sits in one: laid out onto `out`. */
function layOutLine(line: string, opensComment: boolean, state: CommentState, out: string[], width: number): void {
  if (!state.inComment && opensComment) {
    const trimmed = line.trimStart();
    state.inComment = trimmed.startsWith('/**') && !trimmed.endsWith('*/');
  }
  if (state.inComment) {
    if (/^\s*\* ```/.test(line)) state.inFence = !state.inFence;
    if (state.inFence || line.length <= width) out.push(line);
    else out.push(...wrapCommentLine(line, width));
    if (line.endsWith('*/')) state.inComment = state.inFence = false;
  } else if (line.length <= width) out.push(line);
  else out.push(...breakLine(line, width));
}

function breakLine(line: string, width: number): string[] {
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  const body = line.slice(indent.length);
  return (
    breakDocComment(indent, body, width) ??
    breakSignature(indent, body, width) ??
    breakImport(indent, body) ??
    breakCall(indent, body) ??
    breakIf(indent, body, width) ??
    breakAssignedCall(indent, body, width) ??
    breakOrCondition(indent, body) ??
    breakLiteralList(indent, body) ??
    breakUnion(indent, body) ?? [line]
  );
}

/** `/** long text *\/` → a block, wrapped. */
function breakDocComment(indent: string, body: string, width: number): string[] | undefined {
  const match = /^\/\*\* (.*) \*\/$/.exec(body);
  if (!match?.[1]) return undefined;
  const lines = wrapWords(match[1], width - indent.length - 3).map((text) => `${indent} * ${text}`);
  return [`${indent}/**`, ...lines, `${indent} */`];
}

/** ` * long prose` inside a block: re-wrapped, list items keeping their hanging indent. */
function wrapCommentLine(line: string, width: number): string[] {
  const match = /^(\s*\* )(.*)$/.exec(line);
  const prefix = match?.[1];
  const text = match?.[2];
  // Tables and indented code (four spaces, CommonMark §4.4) keep their lines.
  if (prefix === undefined || text === undefined || /^(\s{4,}|\|)/.test(text)) return [line];
  // A list item (nested ones too) continues under its text.
  const lead = /^\s*/.exec(text)?.[0] ?? '';
  const marker = /^\s*([-*+]|\d+[.)]) /.exec(text)?.[0] ?? lead;
  const hanging = ' '.repeat(marker.length);
  return wrapWords(text.slice(lead.length), width - prefix.length - lead.length, marker.length - lead.length).map(
    (part, i) => `${prefix}${i === 0 ? lead : hanging}${part}`,
  );
}

/**
 * Greedy word wrap. A line never starts with something Markdown would read as a list, heading,
 * quote or table (`-`, `#`, `>`, `|`, `1.`): such a word stays on the line before.
 */
function wrapWords(text: string, width: number, hanging = 0): string[] {
  const words = text.split(' ').filter((word) => word !== '');
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const limit = lines.length === 0 ? width : width - hanging;
    const significant = /^([-+*#>|]|\d+[.)]$|@)/.test(word);
    if (current !== '' && current.length + 1 + word.length > limit && !significant) {
      lines.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  if (current !== '') lines.push(current);
  return lines;
}

/** `export function f(a: A, b: B): R {` → one parameter per line; a long generic return type too. */
function breakSignature(indent: string, body: string, width: number): string[] | undefined {
  const match = /^((?:export )?(?:async )?function [\w$]+)\((.*)\): (.+) \{$/.exec(body);
  if (!match?.[1] || match[2] === undefined || !match[3]) return undefined;
  const params = splitTopLevel(match[2], ',');
  const lines = [`${indent}${match[1]}(`, ...params.map((p) => `${indent}  ${p},`)];
  const returns = `${indent}): ${match[3]} {`;
  const generic = /^(\w+)<(.*)>$/.exec(match[3]);
  if (returns.length <= width || !generic?.[1] || generic[2] === undefined) return [...lines, returns];
  const args = splitTopLevel(generic[2], ',');
  // Type argument lists take no trailing comma (TS1009).
  const typeArgs = args.map((a, i) => `${indent}  ${a}${i === args.length - 1 ? '' : ','}`);
  return [...lines, `${indent}): ${generic[1]}<`, ...typeArgs, `${indent}> {`];
}

/** `import { a, b } from 'x';` → one name per line. */
function breakImport(indent: string, body: string): string[] | undefined {
  const match = /^(import (?:type )?)\{ (.*) \}( from '[^']*';)$/.exec(body);
  if (!match?.[1] || match[2] === undefined || !match[3]) return undefined;
  const names = splitTopLevel(match[2], ',');
  return [`${indent}${match[1]}{`, ...names.map((n) => `${indent}  ${n},`), `${indent}}${match[3]}`];
}

/** `key: call(a, b),` → one argument per line. */
function breakCall(indent: string, body: string): string[] | undefined {
  const match = /^((?:\.\.\.|[A-Za-z_$][\w$]*: )?[A-Za-z_$][\w$.]*)\(([^()'"`]*)\)(,|;)$/.exec(body);
  if (!match?.[1] || match[2] === undefined || !match[3]) return undefined;
  const args = splitTopLevel(match[2], ',');
  if (args.length < 2) return undefined;
  return [`${indent}${match[1]}(`, ...args.map((a) => `${indent}  ${a},`), `${indent})${match[3]}`];
}

/**
 * `if (condition) ok = fail(…);` → the statement on its own line under the condition, as
 * formatters print an `if` without braces, and broken again if it is still too wide.
 */
function breakIf(indent: string, body: string, width: number): string[] | undefined {
  if (!body.startsWith('if (')) return undefined;
  const close = closingParen(body.slice(3));
  if (close < 0) return undefined;
  const statement = body.slice(3 + close + 2);
  if (statement.startsWith('{') || (statement !== '' && body[3 + close + 1] !== ' ')) return undefined;
  const condition = body.slice(4, 3 + close);
  const head = `${indent}if (${condition})`;
  const inner = `${indent}  ${statement}`;
  const rest = statement === '' ? [] : inner.length <= width ? [inner] : breakLine(inner, width);
  if (head.length <= width) return statement === '' ? undefined : [head, ...rest];
  // `if (\n  a &&\n  b\n)`: the condition's terms one per line, as formatters print it.
  const terms = splitTopLevel(condition, '&');
  const parts = terms.length >= 2 && terms.join(' && ') === condition ? terms : [condition];
  const lines = parts.map((term, i) => `${indent}  ${term}${i === parts.length - 1 ? '' : ' &&'}`);
  return [`${indent}if (`, ...lines, `${indent})`, ...rest];
}

/**
 * `ok = fail(issues, path, 'type', 'must be string');` or `return parse<T>(check, value);` → one
 * argument per line; strings stay whole.
 */
function breakAssignedCall(indent: string, body: string, width: number): string[] | undefined {
  const head = /^(?:return |[A-Za-z_$][\w$]* = )?[A-Za-z_$][\w$.]*(?:<[\w$.]+>)?\(/.exec(body)?.[0];
  if (head === undefined || !body.endsWith(');')) return undefined;
  const open = head.length - 1;
  if (closingParen(body.slice(open)) !== body.length - 2 - open) return undefined;
  const args = splitTopLevel(body.slice(head.length, -2), ',');
  if (args.length < 2) return undefined;
  const lines = args.flatMap((a) => {
    const line = `${indent}  ${a},`;
    return line.length <= width ? [line] : breakTernary(`${indent}  `, a, ',');
  });
  return [`${indent}${head}`, ...lines, `${indent});`];
}

/** `test ? a : b` → `test`, `? a`, `: b` on three lines, as formatters print a long conditional. */
function breakTernary(indent: string, expression: string, end: string): string[] {
  const [test, branches, ...more] = splitTopLevel(expression, '?');
  const [then, otherwise, ...rest] = branches === undefined ? [] : splitTopLevel(branches, ':');
  if (!test || !then || !otherwise || more.length > 0 || rest.length > 0) return [`${indent}${expression}${end}`];
  if (`${test} ? ${then} : ${otherwise}` !== expression) return [`${indent}${expression}${end}`];
  return [`${indent}${test}`, `${indent}  ? ${then}`, `${indent}  : ${otherwise}${end}`];
}

/** `if (!(a === 'x' || b === 'y')) {` → one alternative per line inside the negation. */
function breakOrCondition(indent: string, body: string): string[] | undefined {
  const inner = /^if \(!\((.*)\)\) \{$/.exec(body)?.[1];
  if (inner === undefined || closingParen(`(${inner})`) !== inner.length + 1) return undefined;
  const alternatives = splitTopLevel(inner, '|');
  if (alternatives.length < 2 || alternatives.join(' || ') !== inner) return undefined;
  const last = alternatives.length - 1;
  const lines = alternatives.map((a, i) => `${indent}    ${a}${i === last ? '' : ' ||'}`);
  return [`${indent}if (`, `${indent}  !(`, ...lines, `${indent}  )`, `${indent}) {`];
}

/** `const keys = new Set<string>(["a", "b"]);` → one literal per line inside the brackets. */
function breakLiteralList(indent: string, body: string): string[] | undefined {
  const match = /^(const [\w$]+ = [^'"`]*\(\[)(.*)(\]\);)$/.exec(body);
  if (!match?.[1] || match[2] === undefined || !match[3]) return undefined;
  const items = splitTopLevel(match[2], ',');
  if (items.length < 2 || !items.every((item) => /^("(?:[^"\\]|\\.)*"|-?[\d.e+-]+|true|false|null)$/.test(item)))
    return undefined;
  return [`${indent}${match[1]}`, ...items.map((item) => `${indent}  ${item},`), `${indent}${match[3]}`];
}

/** `export type X = A | B;` or `key?: A | B;` → one member per line, each led by `|`. */
function breakUnion(indent: string, body: string): string[] | undefined {
  const head = unionHead(body);
  if (head === undefined || !body.endsWith(';')) return undefined;
  const type = body.slice(head.length, -1);
  const members = splitTopLevel(type, '|');
  const inner = `${indent}  `;
  if (members.length >= 2) {
    return [`${indent}${head.trimEnd()}`, ...members.map((m, i) => `${inner}| ${m}${i === members.length - 1 ? ';' : ''}`)];
  }
  // `(A | B)[]`: the members inside the parentheses, one per line.
  const array = /^\((.*)\)\[\]$/.exec(type)?.[1];
  const wrapped = array === undefined ? [] : splitTopLevel(array, '|');
  if (wrapped.length >= 2 && closingParen(type) === type.length - 3) {
    return [`${indent}${head}(`, ...wrapped.map((m) => `${inner}| ${m}`), `${indent})[];`];
  }
  // One long name: an alias breaks after `=`, as formatters do.
  if (head.startsWith('export type ')) return [`${indent}${head.trimEnd()}`, `${inner}${type};`];
  return undefined;
}

/** Index of the `)` that closes the `(` at index 0, or -1. */
function closingParen(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "'" || char === '"' || char === '`') {
      const end = endOfString(text, i);
      if (end < 0) return -1;
      i = end - 1;
    } else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The text before a type: `export type Name = `, `key?: `, `'quoted-key': `, `[key: string]: `. */
function unionHead(body: string): string | undefined {
  const alias = /^export type [A-Za-z_$][\w$]* = /.exec(body)?.[0];
  if (alias !== undefined) return alias;
  const index = /^\[key: string\]: /.exec(body)?.[0];
  if (index !== undefined) return index;
  let end: number;
  if (body.startsWith("'")) {
    end = endOfString(body, 0);
    if (end < 0) return undefined;
  } else {
    end = /^[A-Za-z_$][\w$]*/.exec(body)?.[0].length ?? 0;
    if (end === 0) return undefined;
  }
  return /^\??: /.exec(body.slice(end))?.[0] === undefined
    ? undefined
    : body.slice(0, end) + (/^\??: /.exec(body.slice(end))?.[0] ?? '');
}

/** Index just past the string literal that opens at `start`, or -1. */
function endOfString(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i + 1;
  }
  return -1;
}

/** Splits at `separator` outside strings and brackets; parts trimmed, empty ones dropped. */
export function splitTopLevel(text: string, separator: ',' | '|' | '&' | '?' | ':'): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "'" || char === '"' || char === '`') {
      const end = endOfString(text, i);
      if (end < 0) return [text.trim()];
      i = end - 1;
    } else if (char === '=' && text[i + 1] === '>') i++;
    else if (char === '(' || char === '[' || char === '{' || char === '<') depth++;
    else if (char === ')' || char === ']' || char === '}' || char === '>') depth--;
    else if (char === separator && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((part) => part !== '');
}
