/**
 * Webhooks (OAS 3.1 §4.8.1 `webhooks`) and callbacks (§4.8.18): requests the API sends. Kept is what
 * a receiver needs: the payload (always a named schema, so it gets a type and a validator), the
 * headers that identify the event, and the signature scheme the declared headers imply.
 */
import type * as ir from '../ir/index.js';
import { isObject, stringOrUndefined, type JsonObject, type NormalizeContext } from './context.js';
import { appendPointer } from '../json-pointer.js';
import { httpMethods } from './http-methods.js';
import { normalizeRequestBody } from './request-body-object.js';
import { normalizeResponses } from './response-object.js';

/** Signature headers that name their provider's scheme (lower case). */
const signatureHeaders: Readonly<Record<string, ir.WebhookSignatureScheme>> = {
  'x-hub-signature-256': 'github',
  'stripe-signature': 'stripe',
  'x-slack-signature': 'slack',
  'webhook-signature': 'standard-webhooks',
};

export function normalizeInbound(
  origin: ir.InboundOrigin,
  raw: unknown,
  pointer: string,
  ctx: NormalizeContext,
): ir.InboundOperation[] {
  const resolved = ctx.deref(raw, pointer);
  if (!resolved || !isObject(resolved.value)) return [];
  const item = resolved.value;
  const name = origin.kind === 'webhook' ? origin.name : `${origin.name} ${origin.expression}`;
  const out: ir.InboundOperation[] = [];
  for (const [key, value] of Object.entries(item)) {
    if (!(httpMethods as readonly string[]).includes(key)) continue;
    const operation = ctx.deref(value, appendPointer(resolved.pointer, key));
    if (!operation || !isObject(operation.value)) continue;
    const headers = headerParameters(
      [
        [item['parameters'], appendPointer(resolved.pointer, 'parameters')],
        [operation.value['parameters'], appendPointer(operation.pointer, 'parameters')],
      ],
      ctx,
    );
    const inbound: ir.InboundOperation = {
      name,
      origin,
      method: key.toUpperCase() as ir.HttpMethod,
      responses: normalizeResponses(operation.value['responses'], appendPointer(operation.pointer, 'responses'), ctx),
      eventHeaders: eventHeaders(headers, operation.value),
      source: operation.pointer,
    };
    const scheme = headers.map((h) => signatureHeaders[h.name.toLowerCase()]).find((s) => s !== undefined);
    if (scheme !== undefined) inbound.signatureScheme = scheme;
    const summary = stringOrUndefined(operation.value['summary']);
    if (summary !== undefined) inbound.summary = summary;
    const description = stringOrUndefined(operation.value['description']);
    if (description !== undefined) inbound.description = description;
    const body = normalizeRequestBody(operation.value['requestBody'], appendPointer(operation.pointer, 'requestBody'), ctx);
    if (body) inbound.requestBody = nameInlinePayloads(body, origin, ctx);
    out.push(inbound);
  }
  return out;
}

/**
 * Inline payload schemas become named schemas (`<event> Payload`), keyed by their own pointer, so
 * types.gen.ts and the generated validators cover them like any component.
 */
function nameInlinePayloads(body: ir.RequestBody, origin: ir.InboundOrigin, ctx: NormalizeContext): ir.RequestBody {
  const name = `${origin.name} Payload`;
  const what =
    origin.kind === 'webhook' ? `webhook \`${origin.name}\`` : `callback \`${origin.name}\` of \`${origin.operation}\``;
  const content = body.content.map((media) => {
    if (media.schema.kind === 'ref' || media.schema.kind === 'binary') return media;
    const id = appendPointer(body.source, 'content', media.mediaType, 'schema');
    const schema = { ...media.schema, description: media.schema.description ?? body.description ?? `The payload of ${what}.` };
    if (!ctx.schemas.has(id)) ctx.schemas.set(id, { id, name, component: false, schema });
    return { ...media, schema: { kind: 'ref' as const, target: id, source: id } };
  });
  return { ...body, content };
}

interface HeaderParameter {
  name: string;
  schema: unknown;
}

/** Header parameters of the path item and the operation, `$ref`s followed. */
function headerParameters(lists: [list: unknown, pointer: string][], ctx: NormalizeContext): HeaderParameter[] {
  const out: HeaderParameter[] = [];
  for (const [list, pointer] of lists) {
    if (!Array.isArray(list)) continue;
    for (const [index, entry] of list.entries()) {
      const parameter = ctx.deref(entry, appendPointer(pointer, index))?.value;
      if (isObject(parameter) && parameter['in'] === 'header' && typeof parameter['name'] === 'string') {
        out.push({ name: parameter['name'], schema: parameter['schema'] });
      }
    }
  }
  return out;
}

/** A header whose schema allows exactly one value identifies the event; so does GitHub's `x-github.subcategory`. */
function eventHeaders(headers: HeaderParameter[], operation: JsonObject): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const header of headers) {
    const value = singleValue(header.schema);
    if (value !== undefined && signatureHeaders[header.name.toLowerCase()] === undefined) out.push({ name: header.name, value });
  }
  const github = operation['x-github'];
  const subcategory = isObject(github) ? stringOrUndefined(github['subcategory']) : undefined;
  if (subcategory !== undefined && !out.some((h) => h.name.toLowerCase() === 'x-github-event')) {
    out.push({ name: 'X-GitHub-Event', value: subcategory });
  }
  return out;
}

function singleValue(schema: unknown): string | undefined {
  if (!isObject(schema)) return undefined;
  if (typeof schema['const'] === 'string') return schema['const'];
  const values = schema['enum'];
  return Array.isArray(values) && values.length === 1 && typeof values[0] === 'string' ? values[0] : undefined;
}
