/**
 * Drives a generated client through every operation of a spec against the generated msw handlers
 * (mocks.gen.ts), and checks each JSON response body against the spec's response schema.
 */
import path from 'node:path';
import { setupServer } from 'msw/node';
import type { HttpHandler } from 'msw';
import { createRandom, generateValue, type MockSchema } from '../../../runtime/index.js';
import { mockSchema } from '../../../src/emit/mock-schemas.js';
import { generate } from '../../../src/generate.js';
import type * as ir from '../../../src/ir/index.js';
import { loadSpec } from '../../../src/load/index.js';
import { normalizeDocument } from '../../../src/normalize/index.js';
import { upgradeSwagger2 } from '../../../src/normalize/upgrade-swagger2.js';
import { planClient } from '../../../src/plan/plan-client.js';
import type { ClientPlan, PlannedOperation } from '../../../src/plan/plan-types.js';
import { createResponseChecker, type Issue } from './response-checker.js';

export interface OperationOutcome {
  operation: string;
  status: number;
  /** The JSON response was checked against its schema. */
  checked: boolean;
  issues: Issue[];
  error?: string;
}

type Call = (params?: object) => { withResponse(): Promise<{ data: unknown; response: Response }> };
type ClientModule = { createClient(options: object): Record<string, unknown> };
type MocksModule = { handlers(options?: object): HttpHandler[] };

const jsonMedia = /(^application\/json|\+json)(\s*;|$)/i;

/** Generates the client with mocks into `out` (a folder under this test's __generated__) and calls every operation. */
export interface ExerciseOptions {
  /** Where client and handlers meet, for specs whose servers are relative or absent. */
  baseUrl?: string | undefined;
  /** Handlers answer with the spec's examples (default true). */
  examples?: boolean | undefined;
}

export async function exerciseSpec(
  spec: string,
  out: string,
  { baseUrl, examples }: ExerciseOptions = {},
): Promise<OperationOutcome[]> {
  const loaded = await loadSpec(spec);
  const { document } = normalizeDocument({ document: loaded.document, version: loaded.version, file: loaded.file });
  const plan = planClient(document, { specFile: spec });
  await generate({ spec, out, mocks: true });
  const relative = path
    .relative(import.meta.dirname, out)
    .split(path.sep)
    .join('/');
  const client = (await import(/* @vite-ignore */ `./${relative}/index.js`)) as ClientModule;
  const mocks = (await import(/* @vite-ignore */ `./${relative}/mocks.gen.js`)) as MocksModule;
  const raw = loaded.version === '2.0' ? upgradeSwagger2(structuredClone(loaded.document)) : loaded.document;
  const check = createResponseChecker(raw, loaded.version);

  const handlerOptions = {
    seed: 7,
    ...(baseUrl === undefined ? {} : { baseUrl }),
    ...(examples === undefined ? {} : { examples }),
  };
  const server = setupServer(...mocks.handlers(handlerOptions));
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const api = client.createClient({
      ...(baseUrl === undefined ? {} : { baseUrl }),
      auth: dummyAuth(plan),
      retry: false,
      circuitBreaker: false,
      allowInsecureHttp: true,
    });
    const outcomes: OperationOutcome[] = [];
    for (const group of plan.groups) {
      for (const planned of group.operations) {
        const target = group.facadeKey === undefined ? api : (api[group.facadeKey] as Record<string, unknown>);
        const call = target[planned.functionName] as Call;
        outcomes.push(await callOperation(call, planned, plan, check));
      }
    }
    return outcomes;
  } finally {
    server.close();
  }
}

async function callOperation(
  call: Call,
  planned: PlannedOperation,
  plan: ClientPlan,
  check: (pointer: string, data: unknown) => Issue[],
): Promise<OperationOutcome> {
  const { operation } = planned;
  try {
    const { data, response } = await call(requestParams(planned, plan)).withResponse();
    const declared = declaredResponse(operation, response.status);
    const content = declared?.content.find((c) => jsonMedia.test(c.mediaType));
    if (declared === undefined || content === undefined || operation.method === 'HEAD') {
      return { operation: operation.id, status: response.status, checked: false, issues: [] };
    }
    const pointer = `${declared.source}/content/${escapePointer(content.mediaType)}/schema`;
    return { operation: operation.id, status: response.status, checked: true, issues: check(fragment(pointer), data) };
  } catch (error) {
    return { operation: operation.id, status: 0, checked: false, issues: [], error: String(error) };
  }
}

function declaredResponse(operation: ir.Operation, status: number): ir.Response | undefined {
  const code = String(status);
  return (
    operation.responses.find((r) => r.status === code) ??
    operation.responses.find((r) => r.status === `${code[0] ?? ''}XX`) ??
    operation.responses.find((r) => r.status === 'default')
  );
}

/** Required parameters and body, generated from their schemas with the same generator the mocks use. */
function requestParams(planned: PlannedOperation, plan: ClientPlan): Record<string, unknown> {
  const random = createRandom(11);
  const schemas = Object.fromEntries(
    [...plan.document.schemas.values()].map((named) => [
      plan.typeNames.get(named.id) ?? '',
      mockSchema(named.schema, plan.typeNames),
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
    params[planned.bodyKey] = content === undefined || content.schema.kind === 'binary' ? new Blob(['x']) : value(content.schema);
  }
  return params;
}

/** One made-up credential per security scheme: the mocks accept anything. */
function dummyAuth(plan: ClientPlan): Record<string, unknown> {
  const auth: Record<string, unknown> = {};
  for (const { option, scheme } of plan.schemes) {
    if (scheme.type === 'oauth2' || scheme.type === 'openIdConnect') auth[option] = { accessToken: 'test-token' };
    else if (scheme.type === 'http' && scheme.scheme.toLowerCase() === 'basic') auth[option] = { username: 'u', password: 'p' };
    else if (scheme.type !== 'mutualTLS') auth[option] = 'test-credential';
  }
  return auth;
}

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** A JSON pointer as a URI fragment (ajv resolves `$ref`s as URIs). */
function fragment(pointer: string): string {
  return `#${pointer
    .replace(/^#/, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/')}`;
}
