/**
 * The parameters and body a user would pass to a generated operation function: required
 * parameters and a required body, generated from their schemas with the same generator the mocks
 * use. Request bodies leave out readOnly properties (OpenAPI: sent by the server only, so never in
 * a request and not required there), as the generated request validator demands.
 */
import { createRandom, generateValue, type MockSchema } from '../../../runtime/index.js';
import { mockSchema } from '../../../src/emit/mock-schemas.js';
import type * as ir from '../../../src/ir/index.js';
import { walkSchema } from '../../../src/ir/index.js';
import type { ClientPlan, PlannedOperation } from '../../../src/plan/plan-types.js';

export function requestParams(planned: PlannedOperation, plan: ClientPlan): Record<string, unknown> {
  const random = createRandom(11);
  const schemas = Object.fromEntries(
    [...plan.document.schemas.values()].map((named) => [
      plan.typeNames.get(named.id) ?? '',
      mockSchema(requestShape(named.schema, plan.document), plan.typeNames),
    ]),
  ) as Record<string, MockSchema>;
  const value = (schema: ir.Schema): unknown =>
    generateValue(mockSchema(schema, plan.typeNames) as MockSchema, { schemas, random, maxDepth: 1 });
  const params: Record<string, unknown> = {};
  for (const { param, key } of planned.params) {
    if (!param.required) continue;
    const generated = value(param.schema);
    params[key] = param.in === 'path' && typeof generated === 'string' && generated === '' ? 'x' : generated;
  }
  const body = planned.operation.requestBody;
  if (body?.required === true) {
    const content = body.content[0];
    params[planned.bodyKey] =
      content === undefined || content.schema.kind === 'binary'
        ? new Blob(['x'])
        : value(requestShape(content.schema, plan.document));
  }
  return params;
}

/** A copy of `schema` whose objects list no readOnly property (named schemas are reshaped where they are listed). */
function requestShape(schema: ir.Schema, document: ir.Document): ir.Schema {
  const copy = structuredClone(schema);
  walkSchema(copy, (node) => {
    if (node.kind === 'object') node.properties = node.properties.filter((p) => !isReadOnly(p.schema, document));
  });
  return copy;
}

/** readOnly on the property's schema or on the schema its ref names (as the generated request validator reads it). */
function isReadOnly(schema: ir.Schema, document: ir.Document): boolean {
  if (schema.readOnly === true) return true;
  return schema.kind === 'ref' && document.schemas.get(schema.target)?.schema.readOnly === true;
}
