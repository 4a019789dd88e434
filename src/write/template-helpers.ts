/**
 * Handlebars helpers that turn spec text (titles, summaries, paths, file names) into safe text for
 * each context of a template. Templates are compiled with `noEscape` because the outputs are
 * Markdown and JSON, not HTML: each spec value must go through one of these helpers instead.
 */

const LINE_TERMINATORS = /\r\n|[\n\r\u2028\u2029\u0085]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
// CommonMark §2.4: any ASCII punctuation may be backslash-escaped; these are the ones that can start
// emphasis, code, links, images, HTML, tables or headings inside a line.
const MARKDOWN_SIGNIFICANT = /[\\`*_[\]<>|~#!]/g;

function toText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return value.toString();
  // Template data is strings and numbers; anything else is a bug upstream, shown rather than hidden.
  return JSON.stringify(value) ?? '';
}

/** One line of text: line terminators and control characters become spaces, runs of spaces collapse. */
export function toSingleLine(value: unknown): string {
  return toText(value)
    .replace(LINE_TERMINATORS, ' ')
    .replace(CONTROL_CHARACTERS, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** Inline Markdown text: one line, Markdown syntax characters escaped, leading list/heading markers neutralized. */
export function escapeMarkdownInline(value: unknown): string {
  const escaped = toSingleLine(value).replace(MARKDOWN_SIGNIFICANT, (character) => `\\${character}`);
  // `-`, `+`, `=` or `1.` at the start of a line would make a list or a setext heading.
  return escaped.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
}

/**
 * Text for an inline code span or a line inside a fenced block: backticks and line terminators are
 * removed, so it can neither close the span nor the fence (a fence closes only at a line start).
 */
export function toCodeText(value: unknown): string {
  return toSingleLine(toText(value).replaceAll('`', ''));
}

/** A relative module path for an example `import` line: one line, no quotes or backslashes, `./`-prefixed. */
export function toModulePath(value: unknown): string {
  const text = toCodeText(value).replace(/['"\\]/g, '');
  return text.startsWith('.') || text.startsWith('/') ? text : `./${text}`;
}

/** A POSIX shell word: left bare when plainly safe, otherwise single-quoted. */
export function quoteShellArgument(value: unknown): string {
  const text = toCodeText(value);
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** A JSON value: strings, numbers, arrays and objects escaped by JSON.stringify. */
export function toJson(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value);
}
