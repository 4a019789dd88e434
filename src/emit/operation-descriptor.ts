/** The OperationDescriptor literal an endpoint function hands to the runtime: data only. */
import type { PlannedOperation } from '../plan/plan-types.js';
import type { Value } from './ts/value-literal.js';

export function operationDescriptor(planned: PlannedOperation): Value {
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
    pagination: operation.pagination as unknown as Value,
    deprecated: operation.deprecated || undefined,
    bodyKey: planned.bodyKey === 'body' ? undefined : planned.bodyKey,
  };
}

function encodingOf(planned: PlannedOperation): Value {
  const content = planned.operation.requestBody?.content.find((c) => c.encoding !== undefined);
  return content?.encoding as unknown as Value;
}
