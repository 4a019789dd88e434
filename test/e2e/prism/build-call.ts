/**
 * The `params` object for one call of a generated operation, built from the raw spec: each
 * parameter under the key the generated descriptor reads (`key ?? name`), the body under `bodyKey`
 * for one of the declared request media types.
 */
import type { OperationDescriptor } from '../../../runtime/client/descriptor.js';
import { mergeAllOf, sampleValue, type SampleOptions } from './sample-value.js';
import {
  deref,
  isObject,
  type Json,
  type JsonObject,
  type RawMediaType,
  type RawOperation,
  type SpecDocument,
} from './spec-document.js';

export interface BuiltCall {
  readonly params: Record<string, unknown>;
  /** True when a spec example (not only constraints) supplied some value. */
  readonly usedExample: boolean;
  /** Optional body fields left out because Prism cannot check them. */
  readonly dropped: readonly string[];
  /** Why this call cannot be checked by Prism at all. */
  readonly blocked?: string;
}

function essence(mediaType: string): string {
  return (mediaType.split(';')[0] ?? '').trim().toLowerCase();
}

function isJsonMediaType(mediaType: string): boolean {
  return /^(?:application|text)\/(?:[^;\s]*\+)?json$/.test(essence(mediaType)) || essence(mediaType) === '*/*';
}

/** Media types whose body is bytes, not a structured value. */
export function isBinaryMediaType(mediaType: string): boolean {
  const kind = essence(mediaType);
  return /^(?:image|audio|video|font)\//.test(kind) || /^application\/(?:octet-stream|pdf|zip|gzip|x-tar)$/.test(kind);
}

function rawMedia(operation: RawOperation, mediaType: string): RawMediaType | undefined {
  return operation.content.get(mediaType) ?? [...operation.content].find(([key]) => essence(key) === essence(mediaType))?.[1];
}

/** Blob types per multipart property, from the Encoding Object (the first of a comma list). */
function partTypesOf(encoding: JsonObject): Record<string, string> {
  const types: Record<string, string> = {};
  for (const [name, rule] of Object.entries(encoding)) {
    if (isObject(rule) && typeof rule['contentType'] === 'string') types[name] = (rule['contentType'].split(',')[0] ?? '').trim();
  }
  return types;
}

/**
 * Prism 5 reads a form or multipart field as one plain string unless the Encoding Object gives it a
 * `style` (and even then keeps only the last of repeated keys), so arrays and JSON objects in form
 * bodies fail its schema check however they are sent. Optional such fields are left out; a required
 * one makes the call impossible to check.
 */
function withoutUnreadableFields(
  doc: SpecDocument,
  value: unknown,
  schema: Json | undefined,
  encoding: JsonObject,
): { value: unknown; dropped: string[]; blocked?: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Blob) return { value, dropped: [] };
  const resolved = deref(doc, schema ?? {});
  const required = new Set(
    isObject(resolved) && Array.isArray(mergeAllOf(doc, resolved)['required'])
      ? (mergeAllOf(doc, resolved)['required'] as Json[]).map(String)
      : [],
  );
  const kept: Record<string, unknown> = {};
  const dropped: string[] = [];
  const blockedBy: string[] = [];
  for (const [name, field] of Object.entries(value)) {
    const rule = encoding[name];
    const styled = isObject(rule) && typeof rule['style'] === 'string';
    const structured =
      (Array.isArray(field) || (typeof field === 'object' && field !== null && !(field instanceof Blob))) && !styled;
    if (!structured) kept[name] = field;
    else if (required.has(name)) blockedBy.push(name);
    else dropped.push(name);
  }
  if (blockedBy.length > 0)
    return {
      value: kept,
      dropped,
      blocked: `Prism limitation: cannot read the required array/object form field(s) ${blockedBy.join(', ')} (no Encoding style)`,
    };
  return { value: kept, dropped };
}

interface BuiltBody {
  readonly value: unknown;
  readonly usedExample: boolean;
  readonly dropped: readonly string[];
  readonly blocked?: string;
}

function bodyValue(doc: SpecDocument, operation: RawOperation, mediaType: string, useExamples: boolean): BuiltBody {
  const media = rawMedia(operation, mediaType);
  const kind = essence(mediaType);
  const schema = deref(doc, media?.schema);
  // Bytes, unless the schema says the body is text (e.g. base64: `type: string, format: byte`).
  const textual =
    isObject(schema) &&
    schema['type'] === 'string' &&
    schema['format'] !== 'binary' &&
    (schema['format'] !== undefined || schema['pattern'] !== undefined);
  if (isBinaryMediaType(mediaType) && !textual) {
    return {
      value: new Blob([new Uint8Array([1, 2, 3, 4])], { type: kind.includes('*') ? 'application/octet-stream' : kind }),
      usedExample: false,
      dropped: [],
    };
  }
  const multipart = kind.startsWith('multipart/');
  const form = multipart || kind === 'application/x-www-form-urlencoded';
  const example = useExamples && !multipart ? media?.examples[0] : undefined;
  const encoding = media?.encoding ?? {};
  const options: SampleOptions = {
    useExamples,
    includeOptional: form,
    binaryAsBlob: multipart,
    partTypes: partTypesOf(encoding),
  };
  const value = example !== undefined ? example : sampleValue(doc, media?.schema ?? {}, options);
  if (form) return { ...withoutUnreadableFields(doc, value, media?.schema, encoding), usedExample: example !== undefined };
  if (kind.startsWith('text/') && !isJsonMediaType(kind) && typeof value !== 'string') {
    return { value: JSON.stringify(value), usedExample: example !== undefined, dropped: [] };
  }
  return { value, usedExample: example !== undefined, dropped: [] };
}

/** Params for `descriptor`, with the body (if any) for `mediaType`. */
export function buildCall(
  doc: SpecDocument,
  descriptor: OperationDescriptor,
  operation: RawOperation,
  mediaType: string | undefined,
  useExamples: boolean,
): BuiltCall {
  const params: Record<string, unknown> = {};
  let usedExample = false;
  for (const param of descriptor.params) {
    const raw = operation.parameters.find((p) => p.name === param.name && p.in === param.in);
    const example: Json | undefined = useExamples ? raw?.examples[0] : undefined;
    if (example !== undefined) usedExample = true;
    // Two array items exercise the style's delimiter; not in paths, where a comma crashes Prism 5.14 (see specs/param-styles.yaml).
    const arrayLength = param.in === 'query' || param.in === 'header' ? 2 : 1;
    params[param.key ?? param.name] =
      example ?? sampleValue(doc, raw?.schema ?? {}, { useExamples, includeOptional: true, arrayLength });
  }
  if (descriptor.body === undefined || mediaType === undefined) return { params, usedExample, dropped: [] };
  const body = bodyValue(doc, operation, mediaType, useExamples);
  params[descriptor.bodyKey ?? 'body'] = body.value;
  return {
    params,
    usedExample: usedExample || body.usedExample,
    dropped: body.dropped,
    ...(body.blocked === undefined ? {} : { blocked: body.blocked }),
  };
}
