/**
 * mocks.gen.ts (with `--mocks`): msw request handlers for every operation. Each handler answers with
 * the spec's example or data generated from the response schema by runtime/mock/ (seeded, so
 * deterministic), and takes an override for error cases: `mockGetPet({ status: 404 })`.
 * `handlers(options)` gives them all, most specific paths first. This is the only generated file
 * that imports msw, so clients generated without `--mocks` never need it.
 */
import type * as ir from '../ir/index.js';
import { importSpecifier } from '../plan/import-specifier.js';
import type { ClientPlan, PlannedOperation } from '../plan/plan-types.js';
import { chooseContent, isStreamMediaType } from './mock-content.js';
import { mockSchema, plainData, reachableSchemas } from './mock-schemas.js';
import { docComment } from './ts/doc-comment.js';
import { propertyKey, stringLiteral } from './ts/literal.js';
import { valueLiteral, type Value } from './ts/value-literal.js';
import { createWriter, type Writer } from './ts/writer.js';

interface MockedOperation {
  planned: PlannedOperation;
  /** `GetPetById`: the operation's unique type-name base. */
  base: string;
}

export function emitMocksFile(plan: ClientPlan): string {
  const operations: MockedOperation[] = plan.groups.flatMap((group) =>
    group.operations.map((planned) => ({ planned, base: planned.typeBase })),
  );
  const named = reachableSchemas(
    operations.flatMap(({ planned }) => planned.operation.responses.flatMap(responseSchemas)),
    plan.document.schemas,
  ).sort((a, b) => compare(plan.typeNames.get(a.id) ?? '', plan.typeNames.get(b.id) ?? ''));
  // Generated types say camelCase / `Date` while mocks answer wire data: overrides are then untyped.
  const typed = !plan.transform.enabled;
  const writer = createWriter();
  writer.writeLine(`import { http, HttpResponse, type HttpHandler } from 'msw';`);
  writer.writeLine(
    `import { mockData as dataFor, mockReply as replyFor, mockRoute as routeFor, type MockApi, type MockOperation, type MockOptions, type MockOverride } from './runtime/index.js';`,
  );
  if (typed && (operations.length > 0 || named.length > 0)) {
    writer.writeLine(`import type * as t from '${importSpecifier(plan.files.types)}';`);
  }
  writer.blankLine();
  emitApi(writer, plan, named);
  emitData(writer, plan, named, typed);
  emitHandlerHelper(writer);
  for (const operation of operations) emitOperationHandler(writer, plan, operation, typed);
  emitAllHandlers(writer, operations, typed);
  return writer.toString();
}

function responseSchemas(response: ir.Response): ir.Schema[] {
  const content = chooseContent(response);
  const streams = response.content.filter((c) => isStreamMediaType(c.mediaType)).map((c) => c.schema);
  return [...(content === undefined ? [] : [content.schema]), ...streams, ...response.headers.map((h) => h.schema)];
}

function emitApi(writer: Writer, plan: ClientPlan, named: ir.NamedSchema[]): void {
  const schemas: { [key: string]: Value } = {};
  for (const schema of named) {
    const name = plan.typeNames.get(schema.id);
    if (name !== undefined) schemas[name] = mockSchema(schema.schema, plan.typeNames);
  }
  writer.write(docComment(["The servers, and every named schema a response uses, as data for the runtime's mock generator."]));
  writer.writeLine(`const api: MockApi = ${valueLiteral({ servers: servers(plan.document.servers), schemas })};`);
  writer.blankLine();
}

function emitData(writer: Writer, plan: ClientPlan, named: ir.NamedSchema[], typed: boolean): void {
  const names = named.flatMap((schema) => plan.typeNames.get(schema.id) ?? []);
  if (typed) {
    writer.write(docComment(['The named types `generateMockData` builds.']));
    writer.writeLine(
      names.length === 0
        ? 'export type MockDataTypes = Record<never, never>;'
        : `export interface MockDataTypes {\n${names.map((name) => `  ${propertyKey(name)}: t.${name};`).join('\n')}\n}`,
    );
    writer.blankLine();
  }
  writer.write(
    docComment([
      "Data for one named type, as the handlers generate it: a starting point for an override's body.",
      "@example const pet = { ...generateMockData('Pet'), name: 'Rex' };",
    ]),
  );
  if (typed) {
    writer.writeLine(
      'export function generateMockData<Name extends keyof MockDataTypes & string>(name: Name, options?: MockOptions): MockDataTypes[Name] {',
    );
    writer.writeLine('  return dataFor(api, name, options) as MockDataTypes[Name];');
  } else {
    writer.writeLine('export function generateMockData(name: string, options?: MockOptions): unknown {');
    writer.writeLine('  return dataFor(api, name, options);');
  }
  writer.writeLine('}');
  writer.blankLine();
}

function emitHandlerHelper(writer: Writer): void {
  writer.write(docComment(["One operation's handler: requests with another method fall through to the next handler."]));
  writer.writeLine(
    'function createHandler<Body>(operation: MockOperation, override: MockOverride<Body> | undefined, options: MockOptions | undefined): HttpHandler {',
  );
  writer.writeLine('  return http.all(routeFor(api, operation, options?.baseUrl), async ({ request }) => {');
  writer.writeLine('    if (request.method !== operation.method) return undefined;');
  writer.writeLine('    const reply = await replyFor(api, operation, request, override, options);');
  writer.writeLine('    return new HttpResponse(reply.body, { status: reply.status, headers: reply.headers });');
  writer.writeLine('  });');
  writer.writeLine('}');
}

function emitOperationHandler(writer: Writer, plan: ClientPlan, { planned, base }: MockedOperation, typed: boolean): void {
  const { operation } = planned;
  writer.blankLine();
  writer.write(
    docComment([
      `\`${operation.method} ${operation.path}\` (\`${planned.functionName}\`): answers ${describeDefault(operation)}; \`override\` sets another status, body or headers.`,
    ]),
  );
  writer.writeLine(
    `export function mock${base}(override?: MockOverride<${bodyType(planned, typed)}>, options?: MockOptions): HttpHandler {`,
  );
  writer.writeLine(`  return createHandler(${valueLiteral(descriptor(plan, operation), '  ')}, override, options);`);
  writer.writeLine('}');
}

function bodyType(planned: PlannedOperation, typed: boolean): string {
  return typed ? `t.${planned.responseType} | t.${planned.errorType}` : 'unknown';
}

function describeDefault(operation: ir.Operation): string {
  const success = operation.responses.find((r) => /^2/.test(r.status)) ?? operation.responses.find((r) => r.status === 'default');
  return success === undefined ? '204 with no body' : `its ${success.status} response`;
}

function descriptor(plan: ClientPlan, operation: ir.Operation): Value {
  const out: { [key: string]: Value } = { id: operation.id, method: operation.method, path: operation.path };
  if (operation.servers !== undefined && operation.servers.length > 0) out['servers'] = servers(operation.servers);
  out['responses'] = operation.responses.map((response) => {
    const entry: { [key: string]: Value } = { status: response.status };
    const content = chooseContent(response);
    if (content !== undefined) {
      entry['mediaType'] = content.mediaType;
      entry['schema'] = mockSchema(content.schema, plan.typeNames);
      if (content.example !== undefined) entry['example'] = plainData(content.example);
    }
    const streams = response.content.filter((c) => isStreamMediaType(c.mediaType));
    if (streams.length > 0) {
      entry['streams'] = streams.map((c) => ({ mediaType: c.mediaType, schema: mockSchema(c.schema, plan.typeNames) }));
    }
    if (response.headers.length > 0) {
      const headers: { [key: string]: Value } = Object.create(null) as { [key: string]: Value };
      for (const header of response.headers) {
        Object.defineProperty(headers, header.name, {
          value: mockSchema(header.schema, plan.typeNames),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      entry['headers'] = headers;
    }
    return entry;
  });
  return out;
}

function servers(list: readonly ir.ServerDescriptor[]): Value {
  return list.map((server) => {
    const out: { [key: string]: Value } = { url: server.url };
    if (server.variables !== undefined) {
      const variables: { [key: string]: Value } = Object.create(null) as { [key: string]: Value };
      for (const [name, variable] of Object.entries(server.variables)) {
        Object.defineProperty(variables, name, {
          value: { default: variable.default, ...(variable.enum === undefined ? {} : { enum: [...variable.enum] }) },
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      out['variables'] = variables;
    }
    return out;
  });
}

function emitAllHandlers(writer: Writer, operations: MockedOperation[], typed: boolean): void {
  const key = (base: string): string => base.charAt(0).toLowerCase() + base.slice(1);
  writer.blankLine();
  writer.write(
    docComment(['Per operation (keyed like the handler, without `mock`), how its handler answers instead of the default.']),
  );
  writer.writeLine(
    operations.length === 0
      ? 'export type MockOverrides = Record<never, never>;'
      : `export interface MockOverrides {\n${operations
          .map(({ planned, base }) => `  ${propertyKey(key(base))}?: MockOverride<${bodyType(planned, typed)}>;`)
          .join('\n')}\n}`,
  );
  writer.blankLine();
  writer.write(
    docComment([
      'Handlers for every operation, most specific paths first (`/pets/mine` before `/pets/{petId}`).',
      '@example const server = setupServer(...handlers({ seed: 1 }));',
    ]),
  );
  writer.writeLine(
    'export function handlers(options: MockOptions & { readonly overrides?: MockOverrides } = {}): HttpHandler[] {',
  );
  if (operations.length === 0) {
    writer.writeLine('  void options;');
    writer.writeLine('  return [];');
  } else {
    writer.writeLine('  const { overrides } = options;');
    writer.writeLine('  return [');
    for (const { base } of [...operations].sort((a, b) =>
      compareSpecificity(a.planned.operation.path, b.planned.operation.path),
    )) {
      writer.writeLine(`    mock${base}(overrideFor(overrides, ${stringLiteral(key(base))}), options),`);
    }
    writer.writeLine('  ];');
  }
  writer.writeLine('}');
  if (operations.length === 0) return;
  writer.blankLine();
  writer.write(docComment(['Own properties only: an operation named `constructor` must not find `Object`.']));
  writer.writeLine(
    'function overrideFor<Key extends keyof MockOverrides>(overrides: MockOverrides | undefined, key: Key): MockOverrides[Key] | undefined {',
  );
  writer.writeLine('  return overrides !== undefined && Object.hasOwn(overrides, key) ? overrides[key] : undefined;');
  writer.writeLine('}');
}

/** Literal segments before templated ones, segment by segment; then longer paths first; else spec order (stable sort). */
function compareSpecificity(a: string, b: string): number {
  const left = a.split('?')[0]?.split('/') ?? [];
  const right = b.split('?')[0]?.split('/') ?? [];
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    const l = (left[i] ?? '').includes('{');
    const r = (right[i] ?? '').includes('{');
    if (l !== r) return l ? 1 : -1;
  }
  return 0;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
