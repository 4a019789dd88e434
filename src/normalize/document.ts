/** OpenAPI Object (any version) → the IR Document. The entry point of normalize/. */
import type { Diagnostic } from '../errors.js';
import type * as ir from '../ir/index.js';
import { isObject, NormalizeContext, stringOrUndefined, type JsonObject } from './context.js';
import { appendPointer, lookupPointer, parsePointer } from '../json-pointer.js';
import { normalizeInbound, normalizePathItem } from './operation-object.js';
import { decidePagination } from './pagination.js';
import { normalizeSchema } from './schema-object.js';
import { normalizeSecurityRequirements, normalizeSecuritySchemes } from './security-scheme-object.js';
import { normalizeServers } from './server-object.js';
import { upgradeSwagger2 } from './upgrade-swagger2.js';

export interface NormalizeInput {
  document: JsonObject;
  version: '2.0' | '3.0' | '3.1';
  file?: string;
  /** Per operationId: `false` turns detected pagination off, an object declares it (from the config). */
  pagination?: Readonly<Record<string, unknown>>;
}

export interface NormalizeResult {
  document: ir.Document;
  warnings: Diagnostic[];
}

export function normalizeDocument(input: NormalizeInput): NormalizeResult {
  const raw = input.version === '2.0' ? upgradeSwagger2(input.document) : input.document;
  const ctx = new NormalizeContext(raw, input.version, input.file);
  const info = isObject(raw['info']) ? raw['info'] : {};
  const components = isObject(raw['components']) ? raw['components'] : {};

  const schemas = isObject(components['schemas']) ? components['schemas'] : {};
  // Register every component first, so refs between them never queue a component as pending.
  for (const name of Object.keys(schemas)) {
    const id = appendPointer('#/components/schemas', name);
    ctx.schemas.set(id, { id, name, component: true, schema: { kind: 'unknown' } });
  }
  for (const [name, schema] of Object.entries(schemas)) {
    const id = appendPointer('#/components/schemas', name);
    ctx.schemas.set(id, { id, name, component: true, schema: normalizeSchema(schema, id, ctx) });
  }

  const operations: ir.Operation[] = [];
  if (isObject(raw['paths'])) {
    for (const [path, item] of Object.entries(raw['paths'])) {
      if (path.startsWith('x-')) continue;
      operations.push(...normalizePathItem(path, item, appendPointer('#/paths', path), ctx));
    }
  }
  const webhooks: ir.InboundOperation[] = [];
  if (isObject(raw['webhooks'])) {
    for (const [name, item] of Object.entries(raw['webhooks'])) {
      webhooks.push(...normalizeInbound(name, item, appendPointer('#/webhooks', name), ctx));
    }
  }
  normalizePendingSchemas(ctx);
  warnDuplicateOperationIds(operations, ctx);
  for (const operation of operations) {
    const override =
      operation.hasOperationId && input.pagination && Object.hasOwn(input.pagination, operation.id)
        ? input.pagination[operation.id]
        : undefined;
    decidePagination(operation, override, ctx);
  }

  const document: ir.Document = {
    specVersion: input.version,
    title: stringOrUndefined(info['title']) ?? 'API',
    version: stringOrUndefined(info['version']) ?? '0.0.0',
    servers: normalizeServers(raw['servers']) ?? [],
    securitySchemes: normalizeSecuritySchemes(components['securitySchemes'], '#/components/securitySchemes', ctx),
    security: normalizeSecurityRequirements(raw['security']) ?? [],
    tags: Array.isArray(raw['tags'])
      ? raw['tags'].filter(isObject).flatMap((tag) => {
          if (typeof tag['name'] !== 'string') return [];
          const description = stringOrUndefined(tag['description']);
          return [description === undefined ? { name: tag['name'] } : { name: tag['name'], description }];
        })
      : [],
    operations,
    schemas: ctx.schemas,
    webhooks,
  };
  const description = stringOrUndefined(info['description']);
  if (description !== undefined) document.description = description;
  return { document, warnings: ctx.warnings };
}

/** operationIds must be unique (OAS §4.8.10.1); plan/ still gives each operation its own name. */
function warnDuplicateOperationIds(operations: ir.Operation[], ctx: NormalizeContext): void {
  const seen = new Map<string, ir.Operation>();
  for (const operation of operations) {
    if (!operation.hasOperationId) continue;
    const first = seen.get(operation.id);
    if (first) {
      ctx.warn(
        'DUPLICATE_OPERATION_ID',
        `operationId "${operation.id}" is also used by ${first.method} ${first.path}; this operation gets a name from its method and path`,
        operation.source,
      );
    } else seen.set(operation.id, operation);
  }
}

/** `$ref` targets outside components.schemas become named schemas too, named from their place. */
function normalizePendingSchemas(ctx: NormalizeContext): void {
  for (let index = 0; index < ctx.pendingSchemas.length; index++) {
    const id = ctx.pendingSchemas[index];
    if (id === undefined || ctx.schemas.has(id)) continue;
    const segments = parsePointer(id) ?? [];
    const found = lookupPointer(ctx.document, segments);
    const component = segments.length === 3 && segments[0] === 'components' && segments[1] === 'schemas';
    const name = component ? (segments[2] ?? 'Schema') : nameFromPointer(segments);
    ctx.schemas.set(id, { id, name, component, schema: { kind: 'unknown' } });
    const schema = found.found ? normalizeSchema(found.value, id, ctx) : ({ kind: 'unknown' } as const);
    ctx.schemas.set(id, { id, name, component, schema });
  }
}

const noise = new Set([
  'paths',
  'components',
  'schemas',
  'content',
  'schema',
  'properties',
  'items',
  'responses',
  'parameters',
  'requestBodies',
  'requestBody',
  'allOf',
  'oneOf',
  'anyOf',
  'additionalProperties',
  'get',
  'put',
  'post',
  'delete',
  'patch',
  'head',
  'options',
  'trace',
  'definitions',
  'webhooks',
  'callbacks',
  'headers',
]);

/** A readable name for a schema that lives at an arbitrary pointer, e.g. `…/NotFound/content/application~1json/schema` → `NotFound`. */
export function nameFromPointer(segments: readonly string[]): string {
  const isMediaType = (s: string) => /^[a-z]+\/[\w.+*-]+$/i.test(s);
  const words = segments.filter((s) => !noise.has(s) && !/^\d+$/.test(s) && !isMediaType(s)).slice(-3);
  return words.join(' ') || 'Schema';
}
