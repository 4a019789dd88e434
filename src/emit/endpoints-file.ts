/** endpoints/<tag>.gen.ts: one tree-shakable function per operation. */
import { importSpecifier } from '../plan/import-specifier.js';
import type { ClientPlan, PlannedGroup, PlannedOperation } from '../plan/plan-types.js';
import { paramsRequired } from '../plan/plan-operation.js';
import type { OperationChecks } from './validators/operation-checks.js';
import type { ValidatedOperation } from './validators/source.js';
import { descriptorName, operationDescriptor, pagination as plannedPagination } from './operation-descriptor.js';
import { operationSchemeSupports } from './scheme-supports.js';
import { errorResponses } from './response-types.js';
import { emitStreamEndpoint, streamFunctionName, streamRuntimeTypes } from './stream-endpoint.js';
import { operationTransform, shapesImportName } from './transforms-file.js';
import { docComment } from './ts/doc-comment.js';
import { BODIES_NOCHECK } from './ts/nocheck.js';
import { errorClassNameForStatusKey } from '../../runtime/errors/status.js';
import { objectKey, stringLiteral } from './ts/literal.js';
import { valueLiteral, type Value } from './ts/value-literal.js';
import { createWriter, type Writer } from './ts/writer.js';

/** `checks`: each operation's validators (absent without validators.gen.ts). */
export function emitEndpointsFile(
  plan: ClientPlan,
  group: PlannedGroup,
  checks?: ReadonlyMap<ValidatedOperation, OperationChecks>,
): string {
  const writer = createWriter();
  const from = (file: string): string => importSpecifier(file, group.file);
  const runtimeTypes = [...new Set([...usedRuntimeTypes(group), ...streamRuntimeTypes(group.operations)])];
  writer.writeLine(`import type { ${runtimeTypes.sort().join(', ')} } from '${from('runtime/index.ts')}';`);
  const runtimeValues = usedRuntimeValues(plan, group);
  if (runtimeValues.length > 0) writer.writeLine(`import { ${runtimeValues.join(', ')} } from '${from('runtime/index.ts')}';`);
  writer.writeLine(`import type * as t from '${from(plan.files.types)}';`);
  const transforms = new Map(group.operations.map((op) => [op, operationTransform(plan, op)]));
  if (plan.files.transforms !== undefined && [...transforms.values()].some((t) => t !== undefined)) {
    writer.writeLine(`import { shapes as ${shapesImportName} } from '${from(plan.files.transforms)}';`);
  }
  const validate = new Map(group.operations.map((op) => [op, validateEntry(checks?.get(op))]));
  if (plan.files.validators !== undefined && [...validate.values()].some((v) => v !== undefined)) {
    writer.writeLine(`import * as ${validatorsImportName} from '${from(plan.files.validators)}';`);
  }
  for (const operation of group.operations) {
    writer.blankLine();
    emitEndpoint(writer, plan, operation, transforms.get(operation), validate.get(operation));
  }
  // A user's compiler reads the signatures and skips the bodies (apiwright's tests check them).
  return `${BODIES_NOCHECK}${writer.toString()}`;
}

/**
 * The runtime values the file's operations use: the scheme kinds of their security requirements,
 * and the functions behind paginated and streamed operations, imported only by the files that have
 * such operations, so a bundle without one carries none of it. `$` keeps `paginate` and `stream`
 * apart from every planned name (letters and digits only); the scheme kinds' names are reserved.
 */
function usedRuntimeValues(plan: ClientPlan, group: PlannedGroup): string[] {
  const supports = new Set(group.operations.flatMap((op) => operationSchemeSupports(plan, op)));
  return [
    ...[...supports].sort(),
    ...(group.operations.some(isPaged) ? [`paginate as ${paginateName}`] : []),
    ...(group.operations.some((op) => op.stream !== undefined) ? [`stream as ${streamFunctionName}`] : []),
    ...(group.operations.some(hasBody) ? [`encodeBody as ${encodeBodyName}`] : []),
  ];
}

/** Local name of the runtime's body encoder, which only operations with a request body bring (`$` as for `$paginate`). */
const encodeBodyName = '$encodeBody';

function hasBody(planned: PlannedOperation): boolean {
  return planned.operation.requestBody !== undefined;
}

/** Local name of the runtime's `paginate` in endpoint files. */
const paginateName = '$paginate';

/** Only the runtime types this file uses: `noUnusedLocals` (Vite, @tsconfig/strictest) rejects the rest. */
function usedRuntimeTypes(group: PlannedGroup): string[] {
  const paged = group.operations.some(isPaged);
  const plain = group.operations.some((op) => !isPaged(op));
  return [
    ...(plain ? ['ApiPromise'] : []),
    'Client',
    'OperationDescriptor',
    ...(paged ? ['PageItem', 'PagedPromise'] : []),
    'RequestOptions',
  ];
}

function emitEndpoint(
  writer: Writer,
  plan: ClientPlan,
  planned: PlannedOperation,
  transform: { [key: string]: Value } | undefined,
  validate: string | undefined,
): void {
  const { operation } = planned;
  const route =
    `\`${operation.method} ${operation.path}\`` + (operation.tags[0] === undefined ? '' : ` · tag \`${operation.tags[0]}\``);
  const throws = errorResponses(operation).map(
    (r) =>
      `@throws {${errorClassNameForStatusKey(r.status)}} ${r.status}${r.description ? ` — ${firstLine(r.description)}` : ''}`,
  );
  const header = docComment([
    operation.summary,
    operation.description && operation.description !== operation.summary ? operation.description : undefined,
    route,
    throws.join('\n') || undefined,
    operation.deprecated ? '@deprecated' : undefined,
  ]);
  const params = `params${paramsRequired(planned) ? '' : '?'}: t.${planned.paramsType}`;
  const page = `t.${planned.responseType}`;
  const pagination = isPaged(planned) ? plannedPagination(planned, plan.transform) : undefined;
  const returnType = pagination
    ? `PagedPromise<${page}, PageItem<${page}, [${pagination.itemsPath.map(stringLiteral).join(', ')}]>, t.${planned.errorType}>`
    : `ApiPromise<${page}, t.${planned.errorType}>`;
  const descriptor = operationDescriptor(planned, plan.transform);
  const supports = operationSchemeSupports(plan, planned);
  const auth = supports.length === 0 ? undefined : `[${supports.join(', ')}]`;
  const encode = hasBody(planned) ? encodeBodyName : undefined;
  const literal =
    transform === undefined && validate === undefined && auth === undefined && encode === undefined
      ? valueLiteral(descriptor)
      : descriptorWithBindings(descriptor, { transform, validate, auth, encode });
  // A module constant, built once (the runtime caches per-operation work on it, e.g. the Accept
  // header) and shared with a stream companion; unused, a bundler drops it with its function.
  const constant = descriptorName(planned);
  writer.writeLine(`const ${constant}: OperationDescriptor = ${literal};`);
  writer.blankLine();
  writer.write(header);
  writer.writeLine(
    `export function ${planned.functionName}(client: Client, ${params}, options?: RequestOptions): ${returnType} {`,
  );
  writer.indent(() => {
    writer.writeLine(
      pagination
        ? `return ${paginateName}(client, ${constant}, params, options);`
        : `return client.request(${constant}, params, options);`,
    );
  });
  writer.writeLine('}');
  if (planned.stream !== undefined) emitStreamEndpoint(writer, planned, params, route);
}

/**
 * The descriptor literal with the entries that name bindings rather than data last:
 * `transform: { shapes: $shapes, … }` (the imported table), `validate: { request: $v.…, … }`
 * (the compiled checks), `auth: [apiKeyScheme]` (the runtime's scheme kinds the operation
 * uses) and `encodeBody: $encodeBody` (operations with a request body), laid out as valueLiteral
 * lays out the rest.
 */
function descriptorWithBindings(
  descriptor: Value,
  bindings: {
    transform: { [key: string]: Value } | undefined;
    validate: string | undefined;
    auth: string | undefined;
    encode: string | undefined;
  },
): string {
  const { transform, validate, auth, encode } = bindings;
  const entries = (value: Value, indent: string): string[] =>
    Object.entries(value as { [key: string]: Value })
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${objectKey(k)}: ${valueLiteral(v, indent)}`);
  const all = entries(descriptor, '  ');
  if (transform !== undefined) {
    const inner = entries(transform, '    ');
    const flat = `{ shapes: ${shapesImportName}, ${inner.join(', ')} }`;
    const transformText =
      flat.length <= 80 && !flat.includes('\n')
        ? flat
        : `{\n    shapes: ${shapesImportName},\n${inner.map((e) => `    ${e},`).join('\n')}\n  }`;
    all.push(`transform: ${transformText}`);
  }
  if (validate !== undefined) all.push(`validate: ${validate}`);
  if (auth !== undefined) all.push(`auth: ${auth}`);
  if (encode !== undefined) all.push(`encodeBody: ${encode}`);
  return `{\n${all.map((e) => `  ${e},`).join('\n')}\n}`;
}

/** Local name of validators.gen.ts's namespace import in endpoint files (`$` keeps it clear of operation names). */
const validatorsImportName = '$v';

/** `{ request: $v.createPet$params, responses: { 201: $v.Pet$response } }`, or undefined when nothing is checked. */
function validateEntry(checks: OperationChecks | undefined): string | undefined {
  if (checks === undefined) return undefined;
  const parts: string[] = [];
  if (checks.request !== undefined) parts.push(`request: ${validatorsImportName}.${checks.request}`);
  if (checks.responses.length > 0) {
    const responses = checks.responses.map(([status, fn]) => `${objectKey(status)}: ${validatorsImportName}.${fn}`);
    const flat = `{ ${responses.join(', ')} }`;
    parts.push(`responses: ${flat.length <= 80 ? flat : `{\n${responses.map((r) => `      ${r},`).join('\n')}\n    }`}`);
  }
  if (parts.length === 0) return undefined;
  const flat = `{ ${parts.join(', ')} }`;
  return flat.length <= 80 && !flat.includes('\n') ? flat : `{\n${parts.map((p) => `    ${p},`).join('\n')}\n  }`;
}

/** Paginated operations return a promise that is also async-iterable over every item. */
function isPaged(planned: PlannedOperation): boolean {
  return planned.operation.pagination !== undefined; // normalize paginates GET operations only
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/)[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}
