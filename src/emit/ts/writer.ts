/**
 * The code writer emitters use: ts-morph's own writer (code-block-writer, what ts-morph's
 * `WriterFunction`s receive), used directly. Emitting whole files through it is a one-shot print
 * of indented text — no AST, no formatter pass (ts-morph's formatter roughly doubles emit time on
 * large files, and importing ts-morph itself costs ~0.7 s).
 */
import CodeBlockWriter from 'code-block-writer';

export type Writer = CodeBlockWriter;

export function createWriter(): Writer {
  return new CodeBlockWriter({ indentNumberOfSpaces: 2, useSingleQuote: true, newLine: '\n' });
}
