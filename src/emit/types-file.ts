/** types.gen.ts: one named type per schema, then Params / Response / Error types per operation. */
import type * as ir from '../ir/index.js';
import type { ClientPlan, PlannedOperation } from '../plan/plan-types.js';
import { errorResponses, responsesType, successResponses } from './response-types.js';
import { typeExpression, propertyDoc, type TypeContext } from './type-expression.js';
import { docComment } from './ts/doc-comment.js';
import { findAliasCycleBreaks } from './alias-cycles.js';
import { propertyKey } from './ts/literal.js';
import { createWriter } from './ts/writer.js';

export function emitTypesFile(plan: ClientPlan): string {
  const writer = createWriter();
  const ctx = typeContext(plan);
  const cycleBreaks = findAliasCycleBreaks(plan.schemaOrder);
  for (const named of plan.schemaOrder) {
    const name = plan.typeNames.get(named.id);
    if (name === undefined) continue;
    writer.write(docComment(propertyDoc(named.schema)));
    const breaks = cycleBreaks.get(named.id);
    const body = typeExpression(named.schema, breaks === undefined ? ctx : { ...ctx, cycleBreaks: breaks });
    if (named.schema.kind === 'object') writer.writeLine(`export interface ${name} ${body}`);
    else writer.writeLine(`export type ${name} = ${body};`);
    writer.blankLine();
  }
  for (const group of plan.groups) {
    for (const operation of group.operations) emitOperationTypes(writer, operation, ctx);
  }
  return writer.toString();
}

/** Renamed properties and `Date` types only when the plan asks for them: default output stays as it was. */
function typeContext(plan: ClientPlan): TypeContext {
  const { transform } = plan;
  return {
    typeNames: plan.typeNames,
    ...(transform.naming === 'camelCase' ? { propertyName: transform.propertyName } : {}),
    ...(transform.dates === 'Date' ? { dateType: 'Date' } : {}),
  };
}

function emitOperationTypes(writer: ReturnType<typeof createWriter>, planned: PlannedOperation, ctx: TypeContext): void {
  const { operation } = planned;
  const route = `\`${operation.method} ${operation.path}\``;
  writer.write(docComment([`Parameters of \`${planned.functionName}\` (${route}).`]));
  writer.writeLine(`export interface ${planned.paramsType} ${paramsBody(planned, ctx)}`);
  writer.blankLine();
  writer.write(docComment([`What \`${planned.functionName}\` resolves with.`]));
  writer.writeLine(`export type ${planned.responseType} = ${responsesType(successResponses(operation), ctx, 'void')};`);
  writer.blankLine();
  writer.write(docComment([`Error bodies \`${planned.functionName}\` may throw (as \`ApiError.body\`).`]));
  writer.writeLine(`export type ${planned.errorType} = ${responsesType(errorResponses(operation), ctx, 'unknown')};`);
  writer.blankLine();
  if (planned.stream !== undefined) {
    const what = planned.stream.kind === 'events' ? "One event's `data`" : 'One line';
    writer.write(docComment([`${what} of the stream \`${planned.stream.functionName}\` yields.`]));
    const type = planned.stream.schema === undefined ? 'string' : typeExpression(planned.stream.schema, ctx);
    writer.writeLine(`export type ${planned.stream.eventType} = ${type};`);
    writer.blankLine();
  }
}

function paramsBody(planned: PlannedOperation, ctx: TypeContext): string {
  const lines: string[] = [];
  // Parameters accept a `Date` or the string the wire takes (runtime/transform/transform.ts serializes both).
  const paramCtx: TypeContext = ctx.dateType === undefined ? ctx : { ...ctx, dateType: 'string | Date' };
  for (const { param, key } of planned.params) {
    const doc = docComment([param.description, locationNote(param, key), param.deprecated ? '@deprecated' : undefined], '  ');
    lines.push(`${doc}  ${propertyKey(key)}${param.required ? '' : '?'}: ${typeExpression(param.schema, paramCtx, '  ')};`);
  }
  const body = planned.operation.requestBody;
  if (body) {
    const types = [...new Set(body.content.map((c) => typeExpression(c.schema, ctx, '  ')))];
    const mediaTypes = body.content.map((c) => `\`${c.mediaType}\``).join(', ');
    const doc = docComment([body.description, `Request body (${mediaTypes}).`], '  ');
    lines.push(`${doc}  ${propertyKey(planned.bodyKey)}${body.required ? '' : '?'}: ${types.join(' | ')};`);
  }
  if (lines.length === 0) return '{}';
  return `{\n${lines.join('\n')}\n}`;
}

function locationNote(param: ir.Parameter, key: string): string | undefined {
  if (param.in === 'path' || param.in === 'query') return key === param.name ? undefined : `\`${param.name}\` in ${param.in}.`;
  return `Sent as ${param.in === 'header' ? 'header' : 'cookie'} \`${param.name}\`.`;
}
