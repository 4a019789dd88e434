/**
 * The code writer emitters use: indented text, line by line. It keeps the calls and the output of
 * ts-morph's writer (code-block-writer) for what the emitters use — `writeLine`, `write`,
 * `blankLine`, `indent(block)` — without its per-character tracking of strings, comments and
 * regular expressions, which cost ~0.2 s of a 2.7 s run on GitHub's spec. Emitters never write a
 * string literal that spans lines, so indenting every line is what that tracking would do too.
 */
import { LineLayout } from './layout.js';

const INDENT = '  ';

export class Writer {
  /** Finished lines, without their line breaks, laid out as they are finished (ts/layout.ts). */
  private readonly lines: string[] = [];
  private readonly layout = new LineLayout(this.lines);
  /** The line being written. */
  private line = '';
  private depth = 0;
  /** Set when an indented block ends mid-line: the next write starts on a new line. */
  private newLineOnNextWrite = false;

  /** `text` (may hold line breaks; each line indented), then a line break. Starts on a new line. */
  writeLine(text: string): this {
    this.newLineIfPending();
    if (!this.isEmpty()) this.newLineIfLastNot();
    this.writeIndented(text);
    this.newLine();
    return this;
  }

  /** `text` where the writer is; each line that starts in it is indented. */
  write(text: string): this {
    this.newLineIfPending();
    this.writeIndented(text);
    return this;
  }

  /** An empty line (after ending the current one). */
  blankLine(): this {
    this.newLineIfLastNot();
    this.newLine();
    return this;
  }

  /** What `block` writes, one level deeper, starting on a new line. */
  indent(block: () => void): this {
    if (!this.isEmpty()) this.newLineIfLastNot();
    this.depth++;
    block();
    this.depth--;
    if (!this.isAtLineStart()) this.newLineOnNextWrite = true;
    return this;
  }

  /** The text, laid out the way a formatter prints it (ts/layout.ts: long lines broken at their seams). */
  toString(): string {
    const last = this.layout.peek(this.line).join('\n');
    return this.lines.length === 0 ? last : `${this.lines.join('\n')}\n${last}`;
  }

  private isEmpty(): boolean {
    return this.line === '' && this.lines.length === 0;
  }

  /** Right after a line break (not at the very start: code-block-writer's `isLastNewLine`). */
  private isAtLineStart(): boolean {
    return this.line === '' && this.lines.length > 0;
  }

  private newLine(): void {
    this.newLineOnNextWrite = false;
    this.finishLine();
  }

  private newLineIfLastNot(): void {
    this.newLineIfPending();
    if (!this.isAtLineStart()) this.newLine();
  }

  private newLineIfPending(): void {
    if (this.newLineOnNextWrite) this.newLine();
  }

  private writeIndented(text: string): void {
    if (!text.includes('\n')) {
      this.indentIfAtLineStart();
      this.line += text;
      return;
    }
    text.split(/\r?\n/).forEach((line, i) => {
      if (i > 0) this.finishLine();
      if (line === '') return;
      this.indentIfAtLineStart();
      this.line += line;
    });
  }

  /** Ends the current line (a line break inside written text leaves a pending one as it is). */
  private finishLine(): void {
    this.layout.add(this.line);
    this.line = '';
  }

  private indentIfAtLineStart(): void {
    if (this.line === '' && this.depth > 0) this.line = INDENT.repeat(this.depth);
  }
}

export function createWriter(): Writer {
  return new Writer();
}
