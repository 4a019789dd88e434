/** JSDoc blocks whose text cannot end the comment or smuggle a line terminator JavaScript honours. */

import { escapeCodeUnit, invisible } from './literal.js';

/** Makes spec text safe inside a block comment: it cannot end the comment or hide text (bidi controls become visible escapes). */
export function commentText(text: string): string {
  return (
    text
      .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
      .replace(invisible, escapeCodeUnit)
      .replace(/\*\//g, '*\\/')
      // Control characters have no place in documentation and some editors render them as breaks.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .trimEnd()
  );
}

/** A `/** … *\/` block, or '' when there is nothing to say. `indent` is prefixed to every line. */
export function docComment(paragraphs: (string | undefined)[], indent = ''): string {
  const lines: string[] = [];
  for (const paragraph of paragraphs) {
    if (paragraph === undefined) continue;
    const text = commentText(paragraph);
    if (text.trim() === '') continue;
    if (lines.length > 0) lines.push('');
    lines.push(...text.split('\n').map((l) => l.trimEnd()));
  }
  if (lines.length === 0) return '';
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => (l === '' ? `${indent} *` : `${indent} * ${l}`)).join('\n')}\n${indent} */\n`;
}
