/**
 * Server-sent events, parsed incrementally as the bytes arrive (WHATWG HTML §9.2.6 "Parsing an
 * event stream"): UTF-8 with one leading BOM dropped, lines ended by CRLF, LF or CR (a CR at the end
 * of one chunk and an LF at the start of the next are one line end), `:` comments, `event`, `data`
 * (several lines joined with LF), `id` (kept across events; ignored when it holds NUL) and `retry`
 * (digits only). An event is dispatched at a blank line; one cut off by the end of the stream is
 * dropped, as the standard says.
 */
import { ParseError } from '../errors/errors.js';
import { readChunks, type ChunkReadOptions } from './stream-chunks.js';

/** True for `text/event-stream` (parameters allowed). */
export function isEventStreamMediaType(mediaType: string): boolean {
  return /^text\/event-stream\b/i.test(mediaType.trim());
}

/** One dispatched event. */
export interface ServerSentEvent<TData = string> {
  /** The `event:` field, `message` when the server sent none. */
  readonly event: string;
  /** The `data:` lines joined with LF (JSON-decoded when the stream was opened with `json`). */
  readonly data: TData;
  /** The last `id:` seen on this stream so far (the value `Last-Event-ID` carries on reconnect). */
  readonly id: string;
  /** The reconnection time the server last asked for with `retry:`, in milliseconds. */
  readonly retry: number | undefined;
}

export interface EventStreamOptions extends ChunkReadOptions {
  /** Largest event (or line) held in memory, in UTF-16 code units; a bigger one fails the stream. Default 1 MiB. */
  readonly maxEventLength?: number;
  /** The id to start from (a reconnect passes the last one it saw). */
  readonly lastEventId?: string;
}

interface ParserState {
  data: string[];
  dataLength: number;
  event: string;
  id: string;
  retry: number | undefined;
}

const DEFAULT_MAX_EVENT_LENGTH = 1_048_576; // 1 MiB (a literal, so bundlers drop it when unused)

/** Every event of `stream`, as it arrives. Cancelling the iteration cancels the stream. */
export async function* parseEventStream(
  stream: ReadableStream<Uint8Array>,
  options: EventStreamOptions = {},
): AsyncGenerator<ServerSentEvent> {
  const maxLength = options.maxEventLength ?? DEFAULT_MAX_EVENT_LENGTH;
  const state: ParserState = { data: [], dataLength: 0, event: '', id: options.lastEventId ?? '', retry: undefined };
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let skipLeadingLf = false;
  let first = true;
  for await (const chunk of readChunks(stream, options)) {
    let text = decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (skipLeadingLf && text.startsWith('\n')) text = text.slice(1);
    skipLeadingLf = false;
    pending += text;
    const { lines, rest, endedWithCr } = splitLines(pending);
    pending = rest;
    skipLeadingLf = endedWithCr;
    if (pending.length > maxLength) throw tooLong(maxLength);
    for (const line of lines) {
      const event = processLine(line, state, maxLength);
      if (event !== undefined) yield event;
    }
  }
}

/** Complete lines of `text`, and what is left after the last line end. */
function splitLines(text: string): { lines: string[]; rest: string; endedWithCr: boolean } {
  const lines: string[] = [];
  let start = 0;
  let endedWithCr = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 0x0a && code !== 0x0d) continue;
    lines.push(text.slice(start, i));
    if (code === 0x0d) {
      if (i + 1 < text.length) {
        if (text.charCodeAt(i + 1) === 0x0a) i++;
      } else endedWithCr = true;
    }
    start = i + 1;
  }
  return { lines, rest: text.slice(start), endedWithCr };
}

/** Applies one line to the state; returns the event a blank line dispatches. */
function processLine(line: string, state: ParserState, maxLength: number): ServerSentEvent | undefined {
  if (line === '') return dispatch(state);
  if (line.charCodeAt(0) === 0x3a) return undefined; // `:` comment
  const colon = line.indexOf(':');
  const field = colon === -1 ? line : line.slice(0, colon);
  let value = colon === -1 ? '' : line.slice(colon + 1);
  if (value.charCodeAt(0) === 0x20) value = value.slice(1);
  switch (field) {
    case 'event':
      state.event = value;
      break;
    case 'data':
      state.dataLength += value.length + 1;
      if (state.dataLength > maxLength) throw tooLong(maxLength);
      state.data.push(value);
      break;
    case 'id':
      if (!value.includes('\u0000')) state.id = value;
      break;
    case 'retry':
      if (/^\d+$/.test(value)) state.retry = Number(value);
      break;
    default:
      break; // unknown fields are ignored (§9.2.6)
  }
  return undefined;
}

function dispatch(state: ParserState): ServerSentEvent | undefined {
  const hasData = state.data.length > 0;
  const event: ServerSentEvent = {
    event: state.event === '' ? 'message' : state.event,
    data: state.data.join('\n'),
    id: state.id,
    retry: state.retry,
  };
  state.data = [];
  state.dataLength = 0;
  state.event = '';
  return hasData ? event : undefined;
}

function tooLong(maxLength: number): ParseError {
  return new ParseError(`An event-stream event is longer than ${maxLength} characters; the stream was stopped.`);
}
