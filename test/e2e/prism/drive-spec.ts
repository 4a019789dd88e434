/**
 * Drives every operation of one generated client against a Prism mock of the same spec and
 * records, per call, whether Prism found the request valid and whether the response parsed.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { OperationDescriptor, SecuritySchemeDescriptor } from '../../../runtime/client/descriptor.js';
import { generate } from '../../../src/generate.js';
import { generatedDir } from '../../support/paths.js';
import { buildCall, type BuiltCall } from './build-call.js';
import { discoverOperations, type DiscoveredOperation } from './discover-operations.js';
import { createRecordingFetch, type Exchange, type Violation } from './prism-violations.js';
import { createResponseOracle } from './response-oracle.js';
import { findOperation, loadSpecDocument, type RawOperation, type SpecDocument } from './spec-document.js';

export interface SpecCase {
  /** Folder name under __generated__ and the row label. */
  readonly name: string;
  readonly spec: string;
  /** `METHOD path` or `METHOD path media/type` → why that call is not made. */
  readonly skip?: Readonly<Record<string, string>>;
  /** Also send the deliberately broken requests of oracle-probes.ts (specs/param-styles.yaml only). */
  readonly probeOracle?: boolean;
}

export interface CallProblem {
  readonly call: string;
  readonly problem: string;
  readonly exchange?: Exchange;
}

export interface SpecResult {
  readonly name: string;
  readonly operations: number;
  /** Operations with at least one call made. */
  readonly exercised: number;
  /** Calls made: one per operation, or one per request media type. */
  readonly calls: number;
  readonly skipped: readonly { call: string; reason: string }[];
  readonly violations: readonly CallProblem[];
  readonly failures: readonly CallProblem[];
  /** Calls that passed only after spec examples were replaced with schema-built values. */
  readonly exampleFallbacks: readonly CallProblem[];
  /** Where Prism could not produce a response of its own (its limitation), and what was done about it. */
  readonly prismLimits: readonly CallProblem[];
  /** Responses the generated validator refused and ajv refused too: Prism sent data breaking the spec (mostly its examples). */
  readonly badResponses: readonly CallProblem[];
  /** Optional array/object form fields not sent because Prism cannot read them. */
  readonly droppedFields: number;
  /** Request warnings (not errors) Prism reported. */
  readonly warnings: number;
  /** Responses that carried a request violation, first attempts included (Prism's log must agree). */
  readonly violatingExchanges: number;
}

/** Calls in flight at once: Prism works on one while the client builds the next. */
const CONCURRENCY = 6;

/** Request media types Prism 5.14 cannot validate whatever the client sends, by essence. */
const PRISM_MEDIA_LIMITS: readonly [RegExp, string][] = [
  [
    /^[^/]+\/(?:[^;]*\+)?xml$/,
    'Prism limitation: does not parse XML request bodies (it checks the raw text against the object schema)',
  ],
  [/^text\/json$/, 'Prism limitation: parses only application/json and application/*+json bodies as JSON'],
];

function prismMediaLimit(mediaType: string): string | undefined {
  const kind = (mediaType.split(';')[0] ?? '').trim().toLowerCase();
  return PRISM_MEDIA_LIMITS.find(([pattern]) => pattern.test(kind))?.[1];
}

interface GeneratedIndex {
  createClient(options: object): { runtime: { api: { securitySchemes: Record<string, SecuritySchemeDescriptor> } } };
  ParseError: new (...args: never[]) => Error;
  ValidationError: new (...args: never[]) => Error;
  isApiError(error: unknown): boolean;
  isResponseValidationError(error: unknown): error is Error & { status: number; body: unknown };
}

interface PlannedCall {
  readonly op: DiscoveredOperation;
  readonly raw: RawOperation;
  readonly label: string;
  readonly mediaType: string | undefined;
  readonly built: BuiltCall;
}

interface CallOutcome {
  readonly exchanges: Exchange[];
  readonly error?: unknown;
}

/** What one planned call contributed to the result. */
interface CallRecord {
  violation?: CallProblem;
  failure?: CallProblem;
  fallback?: CallProblem;
  prismLimits: CallProblem[];
  badResponse?: CallProblem;
  warnings: number;
  violatingExchanges: number;
}

/** A credential for every scheme: any non-empty value passes Prism's security check. */
export function credentialsFor(schemes: Readonly<Record<string, SecuritySchemeDescriptor>>): Record<string, unknown> {
  const auth: Record<string, unknown> = {};
  for (const scheme of Object.values(schemes)) {
    if (scheme.type === 'apiKey') auth[scheme.option] = `key-${scheme.option}`;
    else if (scheme.type === 'http' && scheme.scheme.toLowerCase() === 'basic')
      auth[scheme.option] = { username: 'user', password: 'pass' };
    else if (scheme.type === 'http') auth[scheme.option] = `token-${scheme.option}`;
    else if (scheme.type === 'oauth2' || scheme.type === 'openIdConnect')
      auth[scheme.option] = { accessToken: `token-${scheme.option}` };
  }
  return auth;
}

function statusDeclared(op: OperationDescriptor, status: number): boolean {
  const r = op.responses;
  const range = `${Math.floor(status / 100)}XX`;
  return (
    r[String(status)] !== undefined ||
    r[range] !== undefined ||
    r[range.toLowerCase()] !== undefined ||
    r['default'] !== undefined
  );
}

function describeViolations(violations: readonly Violation[]): string {
  return violations.map((v) => `${v.location.join('.')}: ${v.message}`).join('; ');
}

async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) results[index] = await run(items[index] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Which calls to make: every operation, once per request media type, minus listed skips. */
function planCalls(
  specCase: SpecCase,
  doc: SpecDocument,
  operations: readonly DiscoveredOperation[],
  skipped: SpecResult['skipped'][number][],
  failures: CallProblem[],
): PlannedCall[] {
  const planned: PlannedCall[] = [];
  for (const op of operations) {
    const opSkip = specCase.skip?.[op.key];
    if (opSkip !== undefined) {
      skipped.push({ call: op.key, reason: opSkip });
      continue;
    }
    const raw = findOperation(doc, op.descriptor.path, op.descriptor.method);
    if (raw === undefined) {
      failures.push({ call: op.key, problem: 'generator bug: no operation at this method and path in the spec' });
      continue;
    }
    const mediaTypes: (string | undefined)[] =
      op.descriptor.body === undefined ? [undefined] : [...op.descriptor.body.mediaTypes];
    for (const mediaType of mediaTypes) {
      const label = mediaType === undefined ? op.key : `${op.key} ${mediaType}`;
      const reason = mediaType === undefined ? undefined : (specCase.skip?.[label] ?? prismMediaLimit(mediaType));
      const built = buildCall(doc, op.descriptor, raw, mediaType, true);
      if (reason !== undefined || built.blocked !== undefined)
        skipped.push({ call: label, reason: reason ?? built.blocked ?? '' });
      else planned.push({ op, raw, label, mediaType, built });
    }
  }
  return planned;
}

/** Generates nothing: drives the client already generated in `outDir` against the Prism mock at `prismUrl`. */
export async function driveSpec(specCase: SpecCase, prismUrl: string, outDir: string): Promise<SpecResult> {
  const doc = loadSpecDocument(specCase.spec);
  const index = (await import(path.join(outDir, 'index.ts'))) as GeneratedIndex;
  const oracle = await createResponseOracle(specCase.spec);
  const recording = createRecordingFetch();
  const guardedFetch: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    // Prism may answer with a declared redirect to the spec's real host: never follow it off the machine.
    if (!url.startsWith(`${prismUrl}/`)) return Promise.reject(new Error(`request left Prism: ${url}`));
    return recording.fetch(input, init);
  };
  const schemes = index.createClient({}).runtime.api.securitySchemes;
  const client = index.createClient({
    baseUrl: prismUrl,
    auth: credentialsFor(schemes),
    fetch: guardedFetch,
    retry: false,
    circuitBreaker: false,
    rateLimit: false,
    timeoutMs: 30_000,
    // Every response body Prism sends is checked against its schema by the generated validators (issue 11).
    validate: { response: 'strict' },
  }).runtime;

  async function send(
    op: DiscoveredOperation,
    params: object,
    mediaType: string | undefined,
    accept?: string,
  ): Promise<CallOutcome> {
    const requestId = randomUUID();
    const options = {
      requestId,
      ...(mediaType === undefined ? {} : { contentType: mediaType }),
      ...(accept === undefined ? {} : { headers: { Accept: accept } }),
    };
    try {
      await (op.fn(client, params, options) as { withResponse(): Promise<unknown> }).withResponse();
      return { exchanges: recording.take(requestId) };
    } catch (error) {
      return { exchanges: recording.take(requestId), error };
    }
  }

  function classify(plan: PlannedCall, outcome: CallOutcome, record: CallRecord): void {
    const last = outcome.exchanges.at(-1);
    record.warnings += outcome.exchanges.reduce((n, e) => n + e.warnings.length, 0);
    const violations = outcome.exchanges.flatMap((e) => e.violations);
    const problem = (text: string): CallProblem => ({
      call: plan.label,
      problem: text,
      ...(last === undefined ? {} : { exchange: last }),
    });
    if (violations.length > 0) record.violation = problem(describeViolations(violations));
    else if (last === undefined) record.failure = problem(`no request reached Prism: ${String(outcome.error)}`);
    else if (last.prismError !== undefined) record.prismLimits.push(problem(`${last.prismError} (${last.status})`));
    else if (outcome.error === undefined) return;
    else if (index.isResponseValidationError(outcome.error)) {
      const { descriptor } = plan.op;
      const { status, body, message } = outcome.error;
      const ajvIssues = oracle(descriptor.method, descriptor.path, status, body);
      if (ajvIssues === undefined || ajvIssues.length === 0)
        record.failure = problem(`generated response validator refuses what ajv accepts: ${message}`);
      else record.badResponse = problem(`${message} (ajv agrees: ${ajvIssues.map((i) => `${i.path} ${i.message}`).join('; ')})`);
    } else if (outcome.error instanceof index.ParseError) record.failure = problem(`ParseError: ${outcome.error.message}`);
    else if (!index.isApiError(outcome.error))
      record.failure = problem(`${(outcome.error as Error).name}: ${(outcome.error as Error).message}`);
    else if (!statusDeclared(plan.op.descriptor, last.status))
      record.failure = problem(`ApiError for undeclared status ${last.status}`);
  }

  async function runCall(plan: PlannedCall): Promise<CallRecord> {
    const record: CallRecord = { prismLimits: [], warnings: 0, violatingExchanges: 0 };
    const attempt = async (built: BuiltCall, accept?: string): Promise<CallOutcome> => {
      const outcome = await send(plan.op, built.params, plan.mediaType, accept);
      record.violatingExchanges += outcome.exchanges.filter((e) => e.violations.length > 0).length;
      return outcome;
    };
    let built = plan.built;
    let outcome = await attempt(built);
    const firstViolations = outcome.exchanges.flatMap((e) => e.violations);
    // The client's own request validation (on by default) refuses such a value before Prism sees it.
    const refusedByClient = outcome.exchanges.length === 0 && outcome.error instanceof index.ValidationError;
    // (`usedExample` sees parameter and media examples only; a schema's own `example` may be what the client refused.)
    if ((firstViolations.length > 0 && built.usedExample) || refusedByClient) {
      // The spec's own example may break its schema; retry with values built from the schema alone.
      const first = refusedByClient
        ? `refused by the client: ${(outcome.error as Error).message}`
        : describeViolations(firstViolations);
      built = buildCall(doc, plan.op.descriptor, plan.raw, plan.mediaType, false);
      outcome = await attempt(built);
      if (outcome.exchanges.length > 0 && outcome.exchanges.every((e) => e.violations.length === 0)) {
        record.fallback = { call: plan.label, problem: first };
      }
    }
    const successTypes = Object.entries(plan.op.descriptor.responses).flatMap(([status, types]) =>
      status.startsWith('2') ? types : [],
    );
    const jsonType = successTypes.find((t) => /json/i.test(t));
    if (outcome.exchanges.at(-1)?.prismError === 'NO_COMPLEX_OBJECT_TEXT' && jsonType !== undefined) {
      // Prism cannot render an object schema as text/plain, which the spec lists first (so the runtime's
      // Accept does too). Ask for JSON so the request still gets validated and the response parsed.
      record.prismLimits.push({
        call: plan.label,
        problem: `NO_COMPLEX_OBJECT_TEXT for the first success type; retried with Accept: ${jsonType}`,
      });
      outcome = await attempt(built, jsonType);
    }
    classify(plan, outcome, record);
    return record;
  }

  const operations = await discoverOperations(outDir);
  const skipped: SpecResult['skipped'][number][] = [];
  const failures: CallProblem[] = [];
  const planned = planCalls(specCase, doc, operations, skipped, failures);
  const records = await mapWithConcurrency(planned, CONCURRENCY, runCall);
  const pick = (key: 'violation' | 'failure' | 'fallback' | 'badResponse'): CallProblem[] => records.flatMap((r) => r[key] ?? []);
  return {
    name: specCase.name,
    operations: operations.length,
    exercised: new Set(planned.map((p) => p.op.key)).size,
    calls: planned.length,
    skipped,
    violations: pick('violation'),
    failures: [...failures, ...pick('failure')],
    exampleFallbacks: pick('fallback'),
    prismLimits: records.flatMap((r) => r.prismLimits),
    badResponses: pick('badResponse'),
    droppedFields: planned.reduce((n, p) => n + p.built.dropped.length, 0),
    warnings: records.reduce((n, r) => n + r.warnings, 0),
    violatingExchanges: records.reduce((n, r) => n + r.violatingExchanges, 0),
  };
}

/** Writes the client for `specCase` into test/e2e/prism/__generated__/<name>. */
export async function generateClient(specCase: SpecCase): Promise<string> {
  const out = generatedDir('e2e/prism', specCase.name);
  await generate({ spec: specCase.spec, out });
  return out;
}
