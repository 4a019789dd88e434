/**
 * Newline-delimited JSON (`application/x-ndjson`, `application/jsonl`) and JSON text sequences
 * (`application/json-seq`, RFC 7464: each record starts with RS, U+001E), parsed incrementally: one
 * value per line as it arrives, memory bounded by the longest line. Blank lines are skipped; a line
 * that is not JSON fails with a ParseError naming its line number.
 */
import { ParseError } from '../errors/errors.js';
import { readChunks, type ChunkReadOptions } from './stream-chunks.js';

export interface JsonLinesOptions extends ChunkReadOptions {
  /** Longest line held in memory, in UTF-16 code units. Default 1 MiB. */
  readonly maxLineLength?: number;
}

const DEFAULT_MAX_LINE_LENGTH = 1_048_576; // 1 MiB (a literal, so bundlers drop it when unused)
const RECORD_SEPARATOR = '\u001e';

/** The media types read as one JSON value per line. */
export function isJsonLinesMediaType(mediaType: string): boolean {
  return /^application\/(x-ndjson|ndjson|jsonl|x-jsonlines|jsonlines|json-seq)\b/i.test(mediaType.trim());
}

/** Every JSON value of `stream`, as it arrives. Cancelling the iteration cancels the stream. */
export async function* parseJsonLines(
  stream: ReadableStream<Uint8Array>,
  options: JsonLinesOptions = {},
): AsyncGenerator<unknown> {
  const maxLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let lineNumber = 0;
  const parse = (line: string): { value: unknown } | undefined => {
    lineNumber++;
    if (line.length > maxLength) throw tooLong(lineNumber, maxLength);
    const text = line.replaceAll(RECORD_SEPARATOR, '').trim();
    if (text === '') return undefined;
    try {
      return { value: JSON.parse(text) as unknown };
    } catch (error) {
      throw new ParseError(`Line ${lineNumber} of the JSON Lines stream is not JSON.`, {
        cause: error,
        snippet: text.slice(0, 200),
      });
    }
  };
  for await (const chunk of readChunks(stream, options)) {
    pending += decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let newline = pending.indexOf('\n'); newline !== -1; newline = pending.indexOf('\n', start)) {
      const parsed = parse(pending.slice(start, newline));
      start = newline + 1;
      if (parsed !== undefined) yield parsed.value;
    }
    pending = pending.slice(start);
    if (pending.length > maxLength) throw tooLong(lineNumber + 1, maxLength);
  }
  const last = parse(pending + decoder.decode());
  if (last !== undefined) yield last.value;
}

function tooLong(lineNumber: number, maxLength: number): ParseError {
  return new ParseError(
    `Line ${lineNumber} of the JSON Lines stream is longer than ${maxLength} characters; the stream was stopped.`,
  );
}
