/**
 * Drives a generated client through every operation of a spec against the generated msw handlers
 * (mocks.gen.ts), and checks each JSON response body against the spec's response schema twice: by
 * the client's generated validators (strict: a refused body fails the call) and by ajv.
 */
import path from 'node:path';
import { setupServer } from 'msw/node';
import type { HttpHandler } from 'msw';
import { generate } from '../../../src/generate.js';
import type * as ir from '../../../src/ir/index.js';
import { loadSpec } from '../../../src/load/index.js';
import { normalizeDocument } from '../../../src/normalize/index.js';
import { upgradeSwagger2 } from '../../../src/normalize/upgrade-swagger2.js';
import { planClient } from '../../../src/plan/plan-client.js';
import type { ClientPlan, PlannedOperation } from '../../../src/plan/plan-types.js';
import { requestParams } from './request-params.js';
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
      // The generated validators check every response body (a ResponseValidationError fails the call); ajv checks it again below.
      validate: { response: 'strict' },
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
    return { operation: operation.id, status: 0, checked: false, issues: [], error: describeError(error) };
  }
}

/** The error, and for a response the generated validator refused, the start of its body (for a person reading the failure). */
function describeError(error: unknown): string {
  const body = typeof error === 'object' && error !== null && 'body' in error ? error.body : undefined;
  return body === undefined ? String(error) : `${String(error)} — body: ${JSON.stringify(body).slice(0, 400)}`;
}

function declaredResponse(operation: ir.Operation, status: number): ir.Response | undefined {
  const code = String(status);
  return (
    operation.responses.find((r) => r.status === code) ??
    operation.responses.find((r) => r.status === `${code[0] ?? ''}XX`) ??
    operation.responses.find((r) => r.status === 'default')
  );
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
