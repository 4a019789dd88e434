/**
 * Request bodies by media type (OAS 3.1.1 §4.8.13 Request Body, §4.8.15 Encoding Object):
 * JSON (and any `+json`), `application/x-www-form-urlencoded`, `multipart/form-data`, text, and
 * binary passed through as-is. The result is bytes (so size is exact and attempts can be replayed),
 * a Blob (a file stays on disk), or a caller's ReadableStream (sent once).
 */
import { ValidationError } from '../errors/errors.js';
import { encodeStrict, isPlainObject, serializeQueryParam, stringifyLeaf } from './param-style.js';
import type { BodyDescriptor, BodyEncoder, EncodedBody, EncodingDescriptor } from '../client/descriptor.js';

import type { Bytes } from '../util/bytes.js';

export type { Bytes };
export type PreparedBody = Bytes | Blob | ReadableStream<Uint8Array>;

export type { EncodedBody } from '../client/descriptor.js';

export function isJsonMediaType(mediaType: string): boolean {
  return /^(?:application|text)\/(?:[^;\s]*\+)?json\s*(?:;|$)/i.test(mediaType.trim());
}

function essence(mediaType: string): string {
  return (mediaType.split(';')[0] ?? '').trim().toLowerCase();
}

/** The media type for this call: the caller's pick (must be declared), else the spec's first. */
export function pickMediaType(descriptor: BodyDescriptor, requested: string | undefined): string {
  if (requested !== undefined) {
    const declared = descriptor.mediaTypes.find((m) => essence(m) === essence(requested));
    if (declared === undefined) {
      const issue = `contentType ${requested} is not declared; use one of ${descriptor.mediaTypes.join(', ')}`;
      throw new ValidationError(issue, { issues: [{ field: 'contentType', issue }] });
    }
    return requested;
  }
  return descriptor.mediaTypes[0] ?? 'application/json';
}

function isBinary(value: unknown): value is Blob | ArrayBuffer | ArrayBufferView | ReadableStream<Uint8Array> {
  return (
    (typeof Blob !== 'undefined' && value instanceof Blob) ||
    value instanceof ArrayBuffer ||
    ArrayBuffer.isView(value) ||
    (typeof ReadableStream !== 'undefined' && value instanceof ReadableStream)
  );
}

function toBytes(value: ArrayBuffer | ArrayBufferView): Bytes {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  // A view over a SharedArrayBuffer cannot be a fetch body; copy it.
  if (value.buffer instanceof ArrayBuffer) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice();
}

function toPrepared(value: Blob | ArrayBuffer | ArrayBufferView | ReadableStream<Uint8Array>): PreparedBody {
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return toBytes(value);
  return value;
}

function sizeOf(body: PreparedBody): number | undefined {
  if (body instanceof Uint8Array) return body.byteLength;
  if (typeof Blob !== 'undefined' && body instanceof Blob) return body.size;
  return undefined;
}

function invalid(issue: string): never {
  throw new ValidationError(issue, { issues: [{ field: 'body', issue }] });
}

const encoder = /* @__PURE__ */ new TextEncoder();

function withCharset(mediaType: string): string {
  return /;\s*charset=/i.test(mediaType) ? mediaType : `${mediaType}; charset=utf-8`;
}

/** `application/x-www-form-urlencoded` (OAS 3.1.1 §4.8.15.4, Appendix E). */
export function encodeFormBody(value: unknown, encoding: BodyDescriptor['encoding']): string {
  if (!isPlainObject(value)) invalid('a form body must be an object');
  const pairs: string[] = [];
  for (const [name, property] of Object.entries(value)) {
    if (property === undefined) continue;
    const rule: EncodingDescriptor | undefined = encoding?.[name];
    const explicitStyle = rule?.style !== undefined || rule?.explode !== undefined || rule?.allowReserved !== undefined;
    // With no explicit style, the Encoding Object's default contentType applies: JSON for objects.
    if (!explicitStyle && (isPlainObject(property) || (rule?.contentType !== undefined && isJsonMediaType(rule.contentType)))) {
      pairs.push(`${encodeStrict(name)}=${encodeStrict(JSON.stringify(property) ?? '')}`);
      continue;
    }
    const style = rule?.style ?? 'form';
    pairs.push(
      ...serializeQueryParam(name, property, {
        style,
        explode: rule?.explode ?? style === 'form',
        allowReserved: rule?.allowReserved,
      }),
    );
  }
  return pairs.join('&');
}

function multipartPart(name: string, value: unknown, rule: EncodingDescriptor | undefined): [string | Blob, string?] {
  const declared = rule?.contentType;
  if (typeof Blob !== 'undefined' && value instanceof Blob) {
    const filename = typeof (value as { name?: unknown }).name === 'string' ? (value as File).name : name;
    const typed =
      declared !== undefined && !declared.includes('*') && value.type !== declared
        ? new Blob([value], { type: declared })
        : value;
    return [typed, filename];
  }
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    return [new Blob([toBytes(value)], { type: declared ?? 'application/octet-stream' }), name];
  }
  if (isPlainObject(value) || Array.isArray(value)) {
    const json = JSON.stringify(value) ?? '';
    // A typed JSON part needs a Blob (FormData then adds a filename); without a declared type, a text field is
    // what most servers read as a field rather than a file.
    return declared !== undefined ? [new Blob([json], { type: declared }), name] : [json];
  }
  const textValue = stringifyLeaf(value);
  if (declared !== undefined && !/^text\/plain\b/i.test(declared)) return [new Blob([textValue], { type: declared }), name];
  return [textValue];
}

/** `multipart/form-data` (RFC 7578): serialized once, so the boundary and size are fixed for every attempt. */
async function encodeMultipartBody(value: unknown, encoding: BodyDescriptor['encoding']): Promise<EncodedBody> {
  if (value instanceof FormData) return serializeFormData(value);
  if (!isPlainObject(value)) invalid('a multipart body must be an object or FormData');
  const form = new FormData();
  for (const [name, property] of Object.entries(value)) {
    if (property === undefined) continue;
    // Arrays of files or primitives are repeated parts; arrays of objects are too, each as JSON.
    const items = Array.isArray(property) && !encoding?.[name]?.contentType?.includes('json') ? property : [property];
    for (const item of items) {
      if (item === undefined) continue;
      const [part, filename] = multipartPart(name, item, encoding?.[name]);
      if (typeof part === 'string') form.append(name, part);
      else form.append(name, part, filename);
    }
  }
  return serializeFormData(form);
}

async function serializeFormData(form: FormData): Promise<EncodedBody> {
  // The platform's own serializer picks the boundary; the Content-Type it reports carries it.
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  const body = new Uint8Array(await request.arrayBuffer());
  return { body, contentType: request.headers.get('content-type') ?? 'multipart/form-data', bytes: body.byteLength };
}

/** Encodes the `body` param for `mediaType`. */
export async function encodeRequestBody(
  value: unknown,
  mediaType: string,
  encoding?: BodyDescriptor['encoding'],
): Promise<EncodedBody> {
  const kind = essence(mediaType);
  const isRange = kind.includes('*');
  if (kind === 'multipart/form-data' || (kind.startsWith('multipart/') && (isPlainObject(value) || value instanceof FormData))) {
    return encodeMultipartBody(value, encoding);
  }
  if (isBinary(value)) {
    const body = toPrepared(value);
    const blobType = typeof Blob !== 'undefined' && value instanceof Blob && value.type !== '' ? value.type : undefined;
    const contentType = isRange ? (blobType ?? 'application/octet-stream') : mediaType;
    return { body, contentType, bytes: sizeOf(body) };
  }
  let textBody: string;
  let contentType = mediaType;
  if (isJsonMediaType(mediaType) || (isRange && typeof value === 'object')) {
    textBody = JSON.stringify(value) ?? invalid('the body cannot be serialized as JSON');
    if (isRange) contentType = 'application/json';
  } else if (kind === 'application/x-www-form-urlencoded') {
    textBody = encodeFormBody(value, encoding);
  } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    textBody = String(value);
    if (kind.startsWith('text/')) contentType = withCharset(mediaType);
    if (isRange) contentType = 'text/plain; charset=utf-8';
  } else {
    invalid(`a ${kind} body must be a string or binary (Blob, ArrayBuffer, Uint8Array, ReadableStream)`);
  }
  const body = encoder.encode(textBody);
  return { body, contentType, bytes: body.byteLength };
}

/**
 * The body encoder generated endpoint functions put in the descriptor of an operation with a
 * request body (`encodeBody: $encodeBody`): the media type picked, then the value encoded for it.
 */
export const encodeBody: BodyEncoder = (value, body, contentType) =>
  encodeRequestBody(value, pickMediaType(body, contentType), body.encoding);
