/**
 * Reading responses: which statuses are success for an operation, the Accept header it sends, and
 * the body as the declared or actual media type — bounded by `maxResponseBytes`, never partial.
 */
import { concatBytes, type Bytes } from '../util/bytes.js';
import { snippetOf } from '../errors/error-format.js';
import { ParseError, ResponseTooLargeError } from '../errors/errors.js';
import { isJsonMediaType } from '../request/body.js';
import { bufferedBytes, markBuffered } from './buffered-body.js';
import { takeAnswer, type WireAnswer } from './wire.js';
import type { OperationDescriptor } from '../client/descriptor.js';
import { declaredResponseKey } from '../util/response-key.js';

export type ResponseType = 'json' | 'text' | 'blob' | 'arrayBuffer' | 'stream';

/** What error messages from this module name. */
export interface ReadContext {
  readonly method: string;
  readonly pathTemplate: string;
  readonly requestId: string;
  readonly operation: string;
  readonly maxBytes: number;
}

/** `1XX`–`3XX` or a 1xx–3xx code: without a regex, since the Accept header is built on every call. */
function isSuccessKey(key: string): boolean {
  if (key.length !== 3) return false;
  const first = key.charCodeAt(0);
  return first >= 49 && first <= 51 && (/^\d\d$/.test(key.slice(1)) || key.slice(1).toUpperCase() === 'XX');
}

/** The media types of the responses entry that applies to a status (util/response-key.ts). */
export function declaredMediaTypes(op: OperationDescriptor, status: number): readonly string[] | undefined {
  const key = declaredResponseKey(op, status);
  return key === undefined ? undefined : op.responses[key];
}

/** Any 2xx is success; so is a 1xx/3xx the operation declares (e.g. `304`). */
export function isSuccessStatus(op: OperationDescriptor, status: number): boolean {
  if (status >= 200 && status <= 299) return true;
  if (status >= 400) return false;
  return op.responses[String(status)] !== undefined || op.responses[`${Math.floor(status / 100)}XX`] !== undefined;
}

/** Each operation's Accept header, built once per descriptor (generated descriptors are module constants). */
const acceptHeaders = new WeakMap<OperationDescriptor, string>();

/** `buildAcceptHeader(op)`, remembered for the descriptor. */
export function acceptHeaderFor(op: OperationDescriptor): string {
  let header = acceptHeaders.get(op);
  if (header === undefined) {
    header = buildAcceptHeader(op);
    acceptHeaders.set(op, header);
  }
  return header;
}

/** Success media types first, then error ones at a lower q-value (RFC 9110 §12.5.1), deduplicated. */
export function buildAcceptHeader(op: OperationDescriptor): string {
  // A handful of media types: an array lookup beats a Set, and nothing here allocates per entry.
  const seen: string[] = [];
  const parts: string[] = [];
  const add = (mediaType: string, q: string): void => {
    const trimmed = mediaType.trim();
    const key = trimmed.toLowerCase();
    if (key === '' || seen.includes(key)) return;
    seen.push(key);
    parts.push(q === '' ? trimmed : `${trimmed};q=${q}`);
  };
  const { responses } = op;
  for (const key in responses) if (isSuccessKey(key)) for (const t of responses[key] ?? []) add(t, '');
  for (const key in responses)
    if (!isSuccessKey(key)) for (const t of responses[key] ?? []) add(t, parts.length === 0 ? '' : '0.9');
  return parts.length === 0 ? 'application/json, */*;q=0.8' : parts.join(', ');
}

function hasEmptyBody(response: Response, method: string): boolean {
  if (method === 'HEAD' || response.status === 204 || response.status === 205 || response.status === 304) return true;
  const stashed = bufferedBytes(response);
  if (stashed !== undefined) return stashed.byteLength === 0;
  return response.headers.get('content-length') === '0' || response.body === null;
}

function tooLarge(ctx: ReadContext, status: number): ResponseTooLargeError {
  return new ResponseTooLargeError(
    `${ctx.method} ${ctx.pathTemplate}: response body exceeds maxResponseBytes (${ctx.maxBytes} bytes)`,
    { status, limitBytes: ctx.maxBytes, requestId: ctx.requestId, operation: ctx.operation },
  );
}

/** Rejects early on a declared size over the limit, releasing the connection; else the declared size (NaN: none). */
function checkDeclaredLength(response: Response, ctx: ReadContext): number {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > ctx.maxBytes) {
    void response.body?.cancel().catch(() => undefined);
    throw tooLarge(ctx, response.status);
  }
  return declared;
}

/** The body stream, erroring (and cancelling the source) once it passes the limit. */
export function limitStream(response: Response, ctx: ReadContext): ReadableStream<Uint8Array> | null {
  const stashed = bufferedBytes(response);
  if (stashed !== undefined) return stashed.byteLength === 0 ? null : new Blob([stashed]).stream();
  checkDeclaredLength(response, ctx);
  const source = response.body;
  if (source === null) return null;
  const reader = source.getReader();
  let seen = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      seen += value.byteLength;
      if (seen > ctx.maxBytes) {
        await reader.cancel().catch(() => undefined);
        controller.error(tooLarge(ctx, response.status));
        return;
      }
      controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/** Reads a body stream whole, failing with ResponseTooLargeError (and cancelling the rest) past the limit. */
export async function readStreamCapped(source: ReadableStream<Uint8Array>, status: number, ctx: ReadContext): Promise<Bytes> {
  const reader = source.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      // Unlocked, so a later `response.body.cancel()` on the spent stream resolves instead of throwing.
      reader.releaseLock();
      break;
    }
    total += value.byteLength;
    if (total > ctx.maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(ctx, status);
    }
    chunks.push(value);
  }
  return concatBytes(chunks, total);
}

/** Reads the whole body into memory, stopping at the limit (the transport's bytes when it already read them). */
export async function readBytes(response: Response, ctx: ReadContext): Promise<Bytes> {
  const stashed = bufferedBytes(response);
  if (stashed !== undefined) return stashed;
  const declared = checkDeclaredLength(response, ctx);
  if (response.body === null) return new Uint8Array(0);
  // An identity body whose declared length is within the limit cannot pass it (the HTTP parser
  // stops at Content-Length): fetch's own reader, without a read and a promise per chunk. A
  // compressed body can inflate past its declared length, and a chunked one declares none.
  const identity = (response.headers.get('content-encoding') ?? 'identity') === 'identity';
  if (Number.isFinite(declared) && identity) return new Uint8Array(await response.arrayBuffer());
  return readStreamCapped(response.body, response.status, ctx);
}

/**
 * Reads the body inside the attempt, so a reset or stall mid-body fails the attempt (and can be
 * retried) and the attempt's timeout covers it. An error status with an oversized body keeps its
 * status and loses the body; a success with one fails with ResponseTooLargeError. The bytes are
 * filed against the same Response (buffered-body.ts): no second Response, no re-wrapped stream.
 */
export async function bufferResponse(response: Response, ctx: ReadContext): Promise<Response> {
  const answer = takeAnswer(response);
  if (answer !== undefined) return markBuffered(response, await readAnswer(response, answer, ctx));
  if (response.body === null || bufferedBytes(response) !== undefined) return response;
  let bytes: Bytes;
  try {
    bytes = await readBytes(response, ctx);
  } catch (error) {
    if (!(error instanceof ResponseTooLargeError) || response.status < 400) throw error;
    bytes = new Uint8Array(0);
  }
  return markBuffered(response, bytes);
}

/** A direct transport's body (wire.ts), with the same limit and the same outcome as a stream's. */
async function readAnswer(response: Response, answer: WireAnswer, ctx: ReadContext): Promise<Bytes> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  let bytes: Bytes | undefined;
  if (Number.isFinite(declared) && declared > ctx.maxBytes) answer.discard();
  else bytes = await answer.readAll(ctx.maxBytes);
  if (bytes !== undefined) return bytes;
  if (response.status < 400) throw tooLarge(ctx, response.status);
  return new Uint8Array(0);
}

function contentTypeOf(response: Response): string {
  return response.headers.get('content-type')?.trim() ?? '';
}

function isTextual(contentType: string): boolean {
  return /^text\/|^application\/(?:[^;\s]*\+)?(?:xml|yaml|x-yaml|x-www-form-urlencoded|javascript|x-ndjson|graphql)\b/i.test(
    contentType,
  );
}

const decoder = /* @__PURE__ */ new TextDecoder();

/** Parses JSON text; HTML where JSON was expected and invalid JSON are ParseErrors with a snippet. */
export function parseJsonText(textBody: string, response: Response, ctx: ReadContext): unknown {
  // Most bodies start with `{` or `[`: then neither the blank check (a trimmed copy of the whole
  // body) nor the markup check needs to run.
  const first = textBody.charCodeAt(0);
  const plain = first === 123 || first === 91;
  if (!plain && textBody.trim() === '') return undefined;
  // The error's details are built only on failure: a snippet and a message per success cost every call.
  const fail = (what: string, cause?: unknown): ParseError =>
    new ParseError(`${ctx.method} ${ctx.pathTemplate} returned ${response.status} with ${what}`, {
      status: response.status,
      snippet: snippetOf(textBody),
      requestId: ctx.requestId,
      operation: ctx.operation,
      ...(cause === undefined ? {} : { cause }),
    });
  if (!plain && /^\s*</.test(textBody)) throw fail('HTML or XML where JSON was expected');
  try {
    return JSON.parse(textBody) as unknown;
  } catch (cause) {
    throw fail('invalid JSON', cause);
  }
}

/**
 * The success body: per `responseType` when given, else by the response's Content-Type (JSON, text,
 * else Blob), falling back to the declared media types when the server sent none.
 */
export async function readSuccessBody(
  response: Response,
  declared: readonly string[] | undefined,
  responseType: ResponseType | undefined,
  ctx: ReadContext,
): Promise<unknown> {
  if (hasEmptyBody(response, ctx.method)) {
    await response.body?.cancel().catch(() => undefined);
    if (responseType === 'blob') return new Blob([]);
    if (responseType === 'arrayBuffer') return new ArrayBuffer(0);
    if (responseType === 'text') return '';
    return undefined;
  }
  if (responseType === 'stream') return limitStream(response, ctx);
  const contentType = contentTypeOf(response);
  const declaresJson = declared?.some(isJsonMediaType) ?? false;
  const bytes = await readBytes(response, ctx);
  if (responseType === 'arrayBuffer') return bytes.buffer;
  if (responseType === 'blob') return new Blob([bytes], { type: contentType });
  const textBody = (): string => decoder.decode(bytes);
  if (responseType === 'text') return textBody();
  if (responseType === 'json' || isJsonMediaType(contentType)) return parseJsonText(textBody(), response, ctx);
  if (declaresJson && (contentType === '' || /^text\/html\b/i.test(contentType))) return parseJsonText(textBody(), response, ctx);
  if (isTextual(contentType) || (contentType === '' && declared?.some(isTextual) === true)) return textBody();
  return new Blob([bytes], { type: contentType });
}

/**
 * The error body for an ApiError: JSON when it parses, else text; `undefined` when it is too large.
 * An unreadable error body never hides the status, so parse failures are not thrown here.
 */
export async function readErrorBody(response: Response, ctx: ReadContext): Promise<unknown> {
  if (hasEmptyBody(response, ctx.method)) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(response, ctx);
  } catch (error) {
    if (error instanceof ResponseTooLargeError) return undefined;
    throw error;
  }
  const textBody = decoder.decode(bytes);
  if (textBody.trim() === '') return undefined;
  if (isJsonMediaType(contentTypeOf(response)) || /^\s*[[{]/.test(textBody)) {
    try {
      return JSON.parse(textBody) as unknown;
    } catch {
      return textBody;
    }
  }
  return textBody;
}
