/**
 * The `params` object for one call of a generated operation, built from the raw spec: each
 * parameter under the key the generated descriptor reads (`key ?? name`), the body under `bodyKey`
 * for one of the declared request media types.
 */
import type { OperationDescriptor } from '../../../runtime/types.js';
import { sampleValue, type SampleOptions } from './sample-value.js';
import { deref, isObject, type Json, type RawMediaType, type RawOperation, type SpecDocument } from './spec-document.js';

export interface BuiltCall {
  readonly params: Record<string, unknown>;
  /** True when a spec example (not only constraints) supplied some value. */
  readonly usedExample: boolean;
}

function essence(mediaType: string): string {
  return (mediaType.split(';')[0] ?? '').trim().toLowerCase();
}

export function isJsonMediaType(mediaType: string): boolean {
  return /^(?:application|text)\/(?:[^;\s]*\+)?json$/.test(essence(mediaType)) || essence(mediaType) === '*/*';
}

export function isXmlMediaType(mediaType: string): boolean {
  return /[/+]xml$/.test(essence(mediaType));
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
function partTypesOf(doc: SpecDocument, mediaType: string, pointer: string): Record<string, string> {
  const operation = deref(doc, { $ref: pointer });
  if (!isObject(operation)) return {};
  const body = deref(doc, operation['requestBody']);
  const content = isObject(body) && isObject(body['content']) ? body['content'][mediaType] : undefined;
  const encoding = isObject(content) && isObject(content['encoding']) ? content['encoding'] : {};
  const types: Record<string, string> = {};
  for (const [name, rule] of Object.entries(encoding)) {
    if (isObject(rule) && typeof rule['contentType'] === 'string') types[name] = (rule['contentType'].split(',')[0] ?? '').trim();
  }
  return types;
}

function bodyValue(doc: SpecDocument, operation: RawOperation, mediaType: string, useExamples: boolean): { value: unknown; usedExample: boolean } {
  const media = rawMedia(operation, mediaType);
  const kind = essence(mediaType);
  if (isBinaryMediaType(mediaType)) return { value: new Blob([new Uint8Array([1, 2, 3, 4])], { type: kind.includes('*') ? 'application/octet-stream' : kind }), usedExample: false };
  const example = useExamples ? media?.examples[0] : undefined;
  const multipart = kind.startsWith('multipart/');
  const options: SampleOptions = {
    useExamples,
    includeOptional: multipart || kind === 'application/x-www-form-urlencoded',
    binaryAsBlob: multipart,
    partTypes: multipart ? partTypesOf(doc, mediaType, operation.pointer) : {},
  };
  const value = example !== undefined && !multipart ? example : sampleValue(doc, media?.schema ?? {}, options);
  if (kind.startsWith('text/') && typeof value !== 'string') return { value: JSON.stringify(value), usedExample: example !== undefined };
  return { value, usedExample: example !== undefined && !multipart };
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
    params[param.key ?? param.name] = example ?? sampleValue(doc, raw?.schema ?? {}, { useExamples, includeOptional: true });
  }
  if (descriptor.body !== undefined && mediaType !== undefined) {
    const body = bodyValue(doc, operation, mediaType, useExamples);
    usedExample ||= body.usedExample;
    params[descriptor.bodyKey ?? 'body'] = body.value;
  }
  return { params, usedExample };
}
