/**
 * Webhooks and callbacks → the plan of webhooks.gen.ts: one handler key per event, its payload type,
 * how a delivery is recognized as that event (headers and body fields the spec fixes), the signature
 * scheme the spec's headers imply, and the environment variable holding the secret.
 */
import type * as ir from '../ir/index.js';
import { ensureIdentifierStart, toCamelCase } from './identifiers.js';
import { NameRegistry } from './name-registry.js';
import { reservedMemberNames } from './reserved.js';

export interface PlannedWebhookEvent {
  inbound: ir.InboundOperation;
  /** The handler's key under `on` and in `WebhookPayloads` (a camelCase identifier). */
  key: string;
  /** The payload schema (a ref to a named schema, inline ones are named by normalize/), when there is a body. */
  payload: ir.Schema | undefined;
  /** Its media type. */
  mediaType: string | undefined;
  /** Header values that identify the event. */
  headers: { name: string; value: string }[];
  /** Top-level body fields whose value the payload schema fixes (e.g. GitHub's `action`). */
  fields: { path: string; value: string | number | boolean }[];
}

export interface WebhookPlan {
  /** Module path relative to the output folder. */
  file: string;
  events: PlannedWebhookEvent[];
  /** Where the secret is read from when the option is absent, e.g. `GITHUB_WEBHOOK_SECRET`. */
  envVar: string;
  /** The scheme the spec's signature headers imply, when they agree. */
  defaultScheme: ir.WebhookSignatureScheme | undefined;
}

/** Names webhooks.gen.ts exports next to the schema types (index.ts re-exports them). */
export const webhookTypeNames = ['WebhookPayloads', 'WebhookHandlers', 'WebhookOptions'] as const;

/** Properties that conventionally tell events apart, when the schema pins them to one value. */
const discriminatingFields = new Set(['type', 'event', 'event_type', 'eventType', 'action', 'kind', 'topic']);

export function planWebhooks(document: ir.Document, envPrefix: string): WebhookPlan | undefined {
  const inbound = collectInbound(document);
  if (inbound.length === 0) return undefined;
  const keys = new NameRegistry(reservedMemberNames);
  const events = inbound.map((operation) => {
    const payload = choosePayload(operation);
    return {
      inbound: operation,
      key: keys.claim(keyCandidates(operation), operation.source),
      payload: payload?.schema,
      mediaType: payload?.mediaType,
      headers: operation.eventHeaders,
      fields: payload === undefined ? [] : pinnedFields(payload.schema, document.schemas),
    };
  });
  const schemes = new Set(inbound.flatMap((operation) => operation.signatureScheme ?? []));
  return {
    file: 'webhooks.gen.ts',
    events,
    envVar: `${envPrefix}_WEBHOOK_SECRET`,
    defaultScheme: schemes.size === 1 ? [...schemes][0] : undefined,
  };
}

/** Webhooks, then each operation's callbacks; a callback shared through `$ref` counts once. */
function collectInbound(document: ir.Document): ir.InboundOperation[] {
  const seen = new Set<string>();
  const out: ir.InboundOperation[] = [];
  for (const operation of [...document.webhooks, ...document.operations.flatMap((op) => op.callbacks)]) {
    const key = `${operation.source} ${operation.method}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(operation);
  }
  return out;
}

function keyCandidates(operation: ir.InboundOperation): string[] {
  const camel = (text: string) => ensureIdentifierStart(toCamelCase(text)) || 'event';
  const method = operation.method.toLowerCase();
  const { origin } = operation;
  if (origin.kind === 'webhook') return [camel(origin.name), camel(`${origin.name} ${method}`)];
  return [camel(origin.name), camel(`${origin.operation} ${origin.name}`), camel(`${origin.operation} ${origin.name} ${method}`)];
}

/** The JSON body when there is one (what providers send), else the first. */
function choosePayload(operation: ir.InboundOperation): ir.MediaTypeContent | undefined {
  const content = operation.requestBody?.content ?? [];
  return content.find((c) => /[/+]json\b/i.test(c.mediaType)) ?? content[0];
}

type Pinned = { path: string; value: string | number | boolean };

/**
 * Fields such as `action: { enum: ["opened"] }`: in every variant of a oneOf, in any part of an
 * allOf, or in the object itself. Refs are followed a bounded number of times (schemas may cycle).
 */
function pinnedFields(schema: ir.Schema, schemas: ReadonlyMap<ir.SchemaId, ir.NamedSchema>, depth = 0): Pinned[] {
  if (depth > 8) return [];
  switch (schema.kind) {
    case 'ref': {
      const target = schemas.get(schema.target);
      return target === undefined ? [] : pinnedFields(target.schema, schemas, depth + 1);
    }
    case 'object':
      return schema.properties.flatMap((property) => {
        if (!discriminatingFields.has(property.name) || !property.required) return [];
        const value = singleValue(property.schema, schemas);
        return value === undefined ? [] : [{ path: property.name, value }];
      });
    case 'intersection': {
      const all = schema.parts.flatMap((part) => pinnedFields(part, schemas, depth + 1));
      return all.filter((field, index) => all.findIndex((f) => f.path === field.path) === index);
    }
    case 'union': {
      const [first, ...rest] = schema.variants.map((variant) => pinnedFields(variant, schemas, depth + 1));
      return (first ?? []).filter((field) =>
        rest.every((fields) => fields.some((f) => f.path === field.path && f.value === field.value)),
      );
    }
    default:
      return [];
  }
}

function singleValue(
  schema: ir.Schema,
  schemas: ReadonlyMap<ir.SchemaId, ir.NamedSchema>,
): string | number | boolean | undefined {
  const resolved = schema.kind === 'ref' ? schemas.get(schema.target)?.schema : schema;
  if (resolved?.kind !== 'enum' || resolved.values.length !== 1) return undefined;
  const [value] = resolved.values;
  return value === null ? undefined : value;
}
