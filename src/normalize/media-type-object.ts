/** Content maps (Media Type Objects, OAS 3.1 §4.8.14) of request bodies and responses. */
import type * as ir from '../ir/index.js';
import { isObject, type NormalizeContext } from './context.js';
import { appendPointer } from '../json-pointer.js';
import { normalizeSchema } from './schema-object.js';

const binaryTypes =
  /^(application\/(octet-stream|pdf|zip|x-tar|gzip)|image\/|audio\/|video\/|application\/vnd\.docker\.raw-stream)/i;

/** RFC 9110 §8.3.1 media type: `type/subtype` tokens and `; name=value` parameters, nothing a header cannot carry. */
const token = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const sendable = new RegExp(`^${token}/${token}(\\s*;\\s*${token}=(${token}|"[^"\\\\\\r\\n]*"))*$`);

export function isSendableMediaType(mediaType: string): boolean {
  return sendable.test(mediaType);
}

export function normalizeContent(raw: unknown, pointer: string, ctx: NormalizeContext): ir.MediaTypeContent[] {
  if (!isObject(raw)) return [];
  const out: ir.MediaTypeContent[] = [];
  for (const [mediaType, media] of Object.entries(raw)) {
    const at = appendPointer(pointer, mediaType);
    if (!isSendableMediaType(mediaType)) {
      // It could never be sent in Accept or Content-Type (line breaks, non-Latin-1 text…).
      ctx.warn(
        'INVALID_MEDIA_TYPE',
        `media type ${JSON.stringify(mediaType.slice(0, 80))} is not a valid type/subtype; it is ignored`,
        at,
      );
      continue;
    }
    const object = isObject(media) ? media : {};
    // OAS 3.2 `itemSchema`: the schema of each item of a sequential media type (SSE, JSON Lines).
    // For those the IR's schema already means "one item", so it stands in when `schema` is absent.
    const key = object['schema'] === undefined && object['itemSchema'] !== undefined ? 'itemSchema' : 'schema';
    let schema = normalizeSchema(object[key], appendPointer(at, key), ctx);
    // A binary media type carries bytes whatever its schema says (often `type: string` or nothing).
    if (binaryTypes.test(mediaType) && (schema.kind === 'string' || schema.kind === 'unknown')) schema = { kind: 'binary' };
    const content: ir.MediaTypeContent = { mediaType, schema };
    const encoding = normalizeEncoding(object['encoding']);
    if (encoding) content.encoding = encoding;
    const example = readExample(object, at, ctx);
    if (example !== undefined) content.example = example;
    out.push(content);
  }
  return out;
}

function normalizeEncoding(raw: unknown): Record<string, ir.Encoding> | undefined {
  if (!isObject(raw)) return undefined;
  const out: Record<string, ir.Encoding> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!isObject(value)) continue;
    const encoding: ir.Encoding = {};
    if (typeof value['contentType'] === 'string') encoding.contentType = value['contentType'];
    if (typeof value['style'] === 'string') encoding.style = value['style'] as ir.ParamStyle;
    if (typeof value['explode'] === 'boolean') encoding.explode = value['explode'];
    if (typeof value['allowReserved'] === 'boolean') encoding.allowReserved = value['allowReserved'];
    Object.defineProperty(out, name, { value: encoding, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** `example`, else the `value` of the first Example Object under `examples` (refs followed). */
function readExample(media: Record<string, unknown>, pointer: string, ctx: NormalizeContext): unknown {
  if (media['example'] !== undefined) return media['example'];
  const examples = media['examples'];
  if (!isObject(examples)) return undefined;
  for (const [name, entry] of Object.entries(examples)) {
    const resolved = ctx.deref(entry, appendPointer(pointer, 'examples', name));
    if (resolved && isObject(resolved.value) && resolved.value['value'] !== undefined) return resolved.value['value'];
  }
  return undefined;
}
