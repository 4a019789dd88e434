/** endpoints/<tag>.gen.ts: one tree-shakable function per operation. */
import type { ClientPlan, PlannedGroup, PlannedOperation } from '../plan/plan-types.js';
import { operationDescriptor } from './operation-descriptor.js';
import { errorResponses } from './response-types.js';
import { docComment } from './ts/doc-comment.js';
import { stringLiteral } from './ts/literal.js';
import { valueLiteral } from './ts/value-literal.js';
import { createWriter, type Writer } from './ts/writer.js';

export function emitEndpointsFile(plan: ClientPlan, group: PlannedGroup): string {
  const writer = createWriter();
  const depth = group.file.split('/').length - 1;
  const up = depth === 0 ? './' : '../'.repeat(depth);
  writer.writeLine(`import type { ApiPromise, Client, RequestOptions } from '${up}runtime/index.js';`);
  if (group.operations.some(isPaged)) writer.writeLine(`import type { PageItem, PagedPromise } from '${up}runtime/paged-promise.js';`);
  writer.writeLine(`import type * as t from '${up}${plan.files.types.replace(/\.ts$/, '.js')}';`);
  for (const operation of group.operations) {
    writer.blankLine();
    emitEndpoint(writer, operation);
  }
  return writer.toString();
}

function emitEndpoint(writer: Writer, planned: PlannedOperation): void {
  const { operation } = planned;
  const route = `\`${operation.method} ${operation.path}\`` + (operation.tags[0] === undefined ? '' : ` · tag \`${operation.tags[0]}\``);
  const throws = errorResponses(operation).map((r) => `@throws {${errorClass(r.status)}} ${r.status}${r.description ? ` — ${firstLine(r.description)}` : ''}`);
  writer.write(
    docComment([
      operation.summary,
      operation.description && operation.description !== operation.summary ? operation.description : undefined,
      route,
      throws.join('\n') || undefined,
      operation.deprecated ? '@deprecated' : undefined,
    ]),
  );
  const required = planned.params.some((p) => p.param.required) || operation.requestBody?.required === true;
  const params = `params${required ? '' : '?'}: t.${planned.paramsType}`;
  const page = `t.${planned.responseType}`;
  const pagination = isPaged(planned) ? operation.pagination : undefined;
  const returnType = pagination
    ? `PagedPromise<${page}, PageItem<${page}, [${pagination.itemsPath.map(stringLiteral).join(', ')}]>, t.${planned.errorType}>`
    : `ApiPromise<${page}, t.${planned.errorType}>`;
  writer.writeLine(`export function ${planned.functionName}(client: Client, ${params}, options?: RequestOptions): ${returnType} {`);
  writer.indent(() => {
    writer.writeLine(`return client.${pagination ? 'paginate' : 'request'}(${valueLiteral(operationDescriptor(planned))}, params, options);`);
  });
  writer.writeLine('}');
}

/** Paginated operations return a promise that is also async-iterable over every item. */
function isPaged(planned: PlannedOperation): boolean {
  return planned.operation.pagination !== undefined && planned.operation.method === 'GET';
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/)[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

const classes: Record<string, string> = {
  '400': 'BadRequestError',
  '401': 'AuthenticationError',
  '403': 'PermissionDeniedError',
  '404': 'NotFoundError',
  '409': 'ConflictError',
  '422': 'UnprocessableEntityError',
  '429': 'RateLimitError',
};

function errorClass(status: string): string {
  return classes[status] ?? (/^5/.test(status) ? 'InternalServerError' : 'ApiError');
}
