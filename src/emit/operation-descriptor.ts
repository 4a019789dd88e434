/** The OperationDescriptor literal an endpoint function hands to the runtime: data only. */
import type * as ir from '../ir/index.js';
import type { TransformPlan } from '../plan/property-names.js';
import type { PlannedOperation } from '../plan/plan-types.js';
import { successResponses } from './response-types.js';
import type { Value } from './ts/value-literal.js';

/**
 * An operation's module-private descriptor constant, `<function>$op`: the `$` keeps it apart from
 * every planned name (letters and digits only), and a `$` at the end apart from the file's own
 * `$`-prefixed imports (`$v`, `$paginate`, `$stream`, `$encodeBody`, `$shapes`), which an
 * operation named `v` or `stream` would otherwise meet.
 */
export function descriptorName(planned: PlannedOperation): string {
  return `${planned.functionName}$op`;
}

/** `transform` is given when the plan renames properties (pagination paths then use the TypeScript names). */
export function operationDescriptor(planned: PlannedOperation, transform?: TransformPlan): Value {
  const { operation } = planned;
  const params = planned.params.map(({ param, key }) => ({
    name: param.name,
    key: key === param.name ? undefined : key,
    in: param.in,
    style: param.style,
    explode: param.explode,
    allowReserved: param.allowReserved || undefined,
    required: param.required || undefined,
    contentType: param.contentType,
  }));
  const responses: Record<string, string[]> = {};
  for (const response of operation.responses) {
    Object.defineProperty(responses, response.status, {
      value: response.content.map((c) => c.mediaType),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  const body = operation.requestBody;
  return {
    id: operation.hasOperationId ? operation.id : planned.functionName,
    method: operation.method,
    path: operation.path,
    params,
    body: body && {
      mediaTypes: body.content.map((c) => c.mediaType),
      required: body.required,
      encoding: encodingOf(planned),
    },
    responses,
    security: operation.security,
    servers: operation.servers as unknown as Value,
    idempotencyHeader: operation.idempotencyHeader,
    pagination: pagination(planned, transform) as unknown as Value,
    deprecated: operation.deprecated || undefined,
    bodyKey: planned.bodyKey === 'body' ? undefined : planned.bodyKey,
  };
}

function encodingOf(planned: PlannedOperation): Value {
  const content = planned.operation.requestBody?.content.find((c) => c.encoding !== undefined);
  return content?.encoding as unknown as Value;
}

/**
 * The operation's pagination with its paths into the response body as the types name them: the
 * runtime reads pages after transform.ts has converted them (wire names only with `naming: 'preserve'`).
 */
export function pagination(planned: PlannedOperation, transform: TransformPlan | undefined): ir.PaginationDescriptor | undefined {
  const descriptor = planned.operation.pagination;
  if (descriptor === undefined || transform === undefined || transform.naming === 'preserve') return descriptor;
  const bodies = successResponses(planned.operation).flatMap((r) => r.content.map((c) => c.schema));
  const body: ir.Schema = { kind: 'union', variants: bodies };
  const rename = (path: readonly string[]): string[] => transform.renamePath(body, path);
  switch (descriptor.style) {
    case 'cursor': {
      // `$lastItem` paths start from the items: rename them together with the items path.
      const fromItems = descriptor.nextCursorPath[0] === '$lastItem';
      const nextCursorPath = fromItems
        ? rename([...descriptor.itemsPath, ...descriptor.nextCursorPath]).slice(descriptor.itemsPath.length)
        : rename(descriptor.nextCursorPath);
      const hasMorePath = descriptor.hasMorePath && rename(descriptor.hasMorePath);
      return { ...descriptor, itemsPath: rename(descriptor.itemsPath), nextCursorPath, ...(hasMorePath ? { hasMorePath } : {}) };
    }
    case 'nextUrl':
      return { ...descriptor, itemsPath: rename(descriptor.itemsPath), nextUrlPath: rename(descriptor.nextUrlPath) };
    default:
      return { ...descriptor, itemsPath: rename(descriptor.itemsPath) };
  }
}
