/**
 * Drives every operation of one generated client against a Prism mock of the same spec and
 * records, per call, whether Prism found the request valid and whether the response parsed.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { OperationDescriptor, SecuritySchemeDescriptor } from '../../../runtime/types.js';
import { generate } from '../../../src/generate.js';
import { generatedDir } from '../../support/paths.js';
import { buildCall } from './build-call.js';
import { createRecordingFetch, type Exchange, type Violation } from './prism-violations.js';
import { findOperation, loadSpecDocument, type SpecDocument } from './spec-document.js';

export interface SpecCase {
  /** Folder name under __generated__ and the row label. */
  readonly name: string;
  readonly spec: string;
  /** Operations to call (by `METHOD path`); all when absent. */
  readonly select?: (key: string) => boolean;
  /** `METHOD path` or `METHOD path media/type` → why that call is not made. */
  readonly skip?: Readonly<Record<string, string>>;
}

export interface CallProblem {
  readonly call: string;
  readonly problem: string;
  readonly exchange?: Exchange;
}

export interface SpecResult {
  readonly name: string;
  readonly operations: number;
  readonly exercised: number;
  readonly notSelected: number;
  readonly calls: number;
  readonly skipped: readonly { call: string; reason: string }[];
  readonly violations: readonly CallProblem[];
  readonly failures: readonly CallProblem[];
  /** Calls that passed only after spec examples were replaced with schema-built values. */
  readonly exampleFallbacks: readonly CallProblem[];
  /** Optional array/object form fields not sent because Prism cannot read them. */
  readonly droppedFields: number;
  /** Calls where Prism could not produce a response of its own (its limitation, not ours). */
  readonly prismLimits: readonly CallProblem[];
  readonly warnings: number;
  /** Responses that carried a request violation, first attempts included (Prism's log must agree). */
  readonly violatingExchanges: number;
}

/** Request media types Prism 5.14 cannot validate whatever the client sends, by essence. */
const PRISM_MEDIA_LIMITS: readonly [RegExp, string][] = [
  [/^[^/]+\/(?:[^;]*\+)?xml$/, 'Prism limitation: does not parse XML request bodies (it checks the raw text against the object schema)'],
  [/^text\/json$/, 'Prism limitation: parses only application/json and application/*+json bodies as JSON'],
];

function prismMediaLimit(mediaType: string): string | undefined {
  const kind = (mediaType.split(';')[0] ?? '').trim().toLowerCase();
  return PRISM_MEDIA_LIMITS.find(([pattern]) => pattern.test(kind))?.[1];
}

type EndpointFunction = (client: unknown, params?: object, options?: object) => unknown;
interface Discovered {
  readonly key: string;
  readonly fn: EndpointFunction;
  readonly descriptor: OperationDescriptor;
}
interface CallResult {
  readonly exchanges: Exchange[];
  readonly error?: unknown;
}
interface GeneratedIndex {
  createClient(options: object): { runtime: { api: { securitySchemes: Record<string, SecuritySchemeDescriptor> } } };
  ParseError: new (...args: never[]) => Error;
  isApiError(error: unknown): boolean;
}

/** A credential for every scheme: any non-empty value passes Prism's security check. */
export function credentialsFor(schemes: Readonly<Record<string, SecuritySchemeDescriptor>>): Record<string, unknown> {
  const auth: Record<string, unknown> = {};
  for (const scheme of Object.values(schemes)) {
    if (scheme.type === 'apiKey') auth[scheme.option] = `key-${scheme.option}`;
    else if (scheme.type === 'http' && scheme.scheme.toLowerCase() === 'basic') auth[scheme.option] = { username: 'user', password: 'pass' };
    else if (scheme.type === 'http') auth[scheme.option] = `token-${scheme.option}`;
    else if (scheme.type === 'oauth2' || scheme.type === 'openIdConnect') auth[scheme.option] = { accessToken: `token-${scheme.option}` };
  }
  return auth;
}

/** Every operation function of the generated client, with the descriptor it passes to the runtime. */
async function discoverOperations(outDir: string): Promise<Discovered[]> {
  const found: Discovered[] = [];
  const files = readdirSync(path.join(outDir, 'endpoints')).filter((f) => f.endsWith('.gen.ts')).sort();
  for (const file of files) {
    const mod = (await import(path.join(outDir, 'endpoints', file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== 'function') continue;
      let captured: OperationDescriptor | undefined;
      // Whatever client method the function calls (request, paginate, …), its first argument is the descriptor.
      const recorder = new Proxy({}, { get: () => (op: OperationDescriptor) => void (captured = op) });
      (value as EndpointFunction)(recorder, {});
      if (captured === undefined) throw new Error(`${file}: ${name} passed no operation descriptor to the client`);
      found.push({ key: `${captured.method} ${captured.path}`, fn: value as EndpointFunction, descriptor: captured });
    }
  }
  return found;
}

function statusDeclared(op: OperationDescriptor, status: number): boolean {
  const r = op.responses;
  return r[String(status)] !== undefined || r[`${Math.floor(status / 100)}XX`] !== undefined || r[`${Math.floor(status / 100)}xx`] !== undefined || r['default'] !== undefined;
}

function describeViolations(violations: readonly Violation[]): string {
  return violations.map((v) => `${v.location.join('.')}: ${v.message}`).join('; ');
}

/** Generates the client for `specCase` and drives it against the Prism mock at `prismUrl`. */
export async function driveSpec(specCase: SpecCase, prismUrl: string, generated?: string): Promise<SpecResult> {
  const outDir = generated ?? (await generateClient(specCase));
  const doc: SpecDocument = loadSpecDocument(specCase.spec);
  const index = (await import(path.join(outDir, 'index.ts'))) as GeneratedIndex;
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
  }).runtime;

  const operations = await discoverOperations(outDir);
  const result = {
    skipped: [] as { call: string; reason: string }[],
    violations: [] as CallProblem[],
    failures: [] as CallProblem[],
    exampleFallbacks: [] as CallProblem[],
    prismLimits: [] as CallProblem[],
  };
  let exercised = 0;
  let notSelected = 0;
  let calls = 0;
  let warnings = 0;
  let droppedFields = 0;
  /** Responses in which this run saw a request violation; Prism's log must count the same. */
  let violatingExchanges = 0;

  function took(): Exchange[] {
    const exchanges = recording.take();
    violatingExchanges += exchanges.filter((e) => e.violations.length > 0).length;
    return exchanges;
  }

  async function call(op: Discovered, params: object, mediaType: string | undefined, accept?: string): Promise<CallResult> {
    const options = { ...(mediaType === undefined ? {} : { contentType: mediaType }), ...(accept === undefined ? {} : { headers: { Accept: accept } }) };
    try {
      const promise = op.fn(client, params, options) as { withResponse(): Promise<unknown> };
      await promise.withResponse();
      return { exchanges: took() };
    } catch (error) {
      return { exchanges: took(), error };
    }
  }

  for (const op of operations) {
    if (specCase.select !== undefined && !specCase.select(op.key)) {
      notSelected++;
      continue;
    }
    const opSkip = specCase.skip?.[op.key];
    if (opSkip !== undefined) {
      result.skipped.push({ call: op.key, reason: opSkip });
      continue;
    }
    const raw = findOperation(doc, op.descriptor.path, op.descriptor.method);
    if (raw === undefined) {
      result.failures.push({ call: op.key, problem: 'generator bug: no operation at this method and path in the spec' });
      continue;
    }
    const mediaTypes: (string | undefined)[] = op.descriptor.body === undefined ? [undefined] : [...op.descriptor.body.mediaTypes];
    let madeCall = false;
    for (const mediaType of mediaTypes) {
      const label = mediaType === undefined ? op.key : `${op.key} ${mediaType}`;
      const skipReason = mediaType === undefined ? undefined : (specCase.skip?.[label] ?? prismMediaLimit(mediaType));
      if (skipReason !== undefined) {
        result.skipped.push({ call: label, reason: skipReason });
        continue;
      }
      let built = buildCall(doc, op.descriptor, raw, mediaType, true);
      if (built.blocked !== undefined) {
        result.skipped.push({ call: label, reason: built.blocked });
        continue;
      }
      if (built.dropped.length > 0) droppedFields += built.dropped.length;
      madeCall = true;
      calls++;
      let outcome = await call(op, built.params, mediaType);
      const firstViolations = outcome.exchanges.flatMap((e) => e.violations);
      if (firstViolations.length > 0 && built.usedExample) {
        // The spec's own example may break its schema; retry with values built from the schema alone.
        built = buildCall(doc, op.descriptor, raw, mediaType, false);
        outcome = await call(op, built.params, mediaType);
        if (outcome.exchanges.every((e) => e.violations.length === 0) && outcome.exchanges.length > 0) {
          result.exampleFallbacks.push({ call: label, problem: describeViolations(firstViolations) });
        }
      }
      const jsonType = Object.entries(op.descriptor.responses).flatMap(([status, types]) => (/^2/.test(status) ? types : [])).find((t) => /json/i.test(t));
      if (outcome.exchanges.at(-1)?.prismError === 'NO_COMPLEX_OBJECT_TEXT' && jsonType !== undefined) {
        // Prism cannot render an object schema as text/plain; the runtime's Accept lists the spec's first
        // success type (text/plain here) first. Ask for JSON so the call still gets checked.
        result.prismLimits.push({ call: label, problem: `NO_COMPLEX_OBJECT_TEXT for the first success type; retried with Accept: ${jsonType}` });
        outcome = await call(op, built.params, mediaType, jsonType);
      }
      classify(op, label, outcome);
    }
    if (madeCall) exercised++;
  }

  function classify(op: Discovered, label: string, outcome: CallResult): void {
    const last = outcome.exchanges.at(-1);
    for (const exchange of outcome.exchanges) warnings += exchange.warnings.length;
    const violations = outcome.exchanges.flatMap((e) => e.violations);
    if (violations.length > 0) {
      result.violations.push({ call: label, problem: describeViolations(violations), ...(last === undefined ? {} : { exchange: last }) });
      return;
    }
    const error = outcome.error;
    if (last === undefined) {
      result.failures.push({ call: label, problem: `no request reached Prism: ${String(error)}` });
      return;
    }
    if (last.prismError !== undefined) {
      result.prismLimits.push({ call: label, problem: `${last.prismError} (${last.status})`, exchange: last });
      return;
    }
    if (error === undefined) return;
    if (error instanceof index.ParseError) {
      result.failures.push({ call: label, problem: `ParseError: ${error.message}`, exchange: last });
    } else if (!index.isApiError(error)) {
      result.failures.push({ call: label, problem: `${(error as Error).name}: ${(error as Error).message}`, exchange: last });
    } else if (!statusDeclared(op.descriptor, (error as unknown as { status: number }).status)) {
      result.failures.push({ call: label, problem: `ApiError for undeclared status ${last.status}`, exchange: last });
    }
  }

  return { name: specCase.name, operations: operations.length, exercised, notSelected, calls, warnings, droppedFields, violatingExchanges, ...result };
}

/** Writes the client for `specCase` into test/e2e/prism/__generated__/<name>. */
export async function generateClient(specCase: SpecCase): Promise<string> {
  const out = generatedDir('e2e/prism', specCase.name);
  await generate({ spec: specCase.spec, out });
  return out;
}
