/**
 * Part of the oracle child (see oracle-child.ts): walks the facade of a generated client and calls
 * every operation with every declared parameter set to a marker, then hands what it saw to
 * oracle-checks.ts. Runs in the child process, so it imports only node: modules (and types).
 */
import {
  BASE_PATH,
  checkApi,
  checkDescriptor,
  checkReceived,
  type ApiDescriptorLike,
  type Checker,
  type Descriptor,
  type Received,
} from './oracle-checks.js';
import type { ChildReport, ExpectedOperation, ParamLocation } from './oracle-types.js';

export { BASE_PATH, Checker, type Received } from './oracle-checks.js';
export const CALL_HEADER = 'x-oracle-call';
export const STATUS_HEADER = 'x-oracle-status';
/** The runtime methods endpoint functions hand a descriptor to (`paginate()` and `stream()` go through `execute`). */
const DESCRIPTOR_METHODS = ['request', 'execute'];
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

type Operation = (params?: object, options?: object) => unknown;
interface ValidationRefusal {
  validationIssues?: readonly { path: string; keyword: string; message: string }[] | undefined;
}
type Facade = Record<string, unknown> & { runtime: Record<string, unknown> & { api: ApiDescriptorLike } };

export interface ClientModule {
  createClient(options: object): Facade;
  isApiError(value: unknown): boolean;
}

function markerFor(index: number, location: ParamLocation): string {
  // Quotes, backtick, `${`, `<`, space and a non-ASCII letter: each must arrive as itself. Header values stay ASCII.
  return location === 'header' ? `v${index}'"\`\${<>}` : `v${index}'"\`\${<é> }`;
}

function bodyFor(mediaType: string): unknown {
  const essence = (mediaType.split(';')[0] ?? '').trim().toLowerCase();
  const structured =
    /json/.test(essence) ||
    essence.includes('*') ||
    essence === 'application/x-www-form-urlencoded' ||
    essence.startsWith('multipart/');
  return structured ? { note: 'oracle body' } : 'oracle body';
}

/** One credential per scheme, under the option name the descriptor gives it. */
function authFor(api: ApiDescriptorLike): Record<string, unknown> {
  const auth: Record<string, unknown> = {};
  for (const scheme of Object.values(api.securitySchemes)) {
    let value: unknown;
    if (scheme.type === 'apiKey') value = 'oracle-key';
    else if (scheme.type === 'http')
      value = scheme.scheme?.toLowerCase() === 'basic' ? { username: 'oracle', password: 'oracle' } : 'oracle-token';
    else if (scheme.type === 'oauth2' || scheme.type === 'openIdConnect') value = { accessToken: 'oracle-token' };
    if (value !== undefined) Object.defineProperty(auth, scheme.option, { value, enumerable: true });
  }
  return auth;
}

function facadeMembers(client: Facade, report: ChildReport): { member: string; fn: Operation }[] {
  const members: { member: string; fn: Operation }[] = [];
  for (const key of Object.keys(client)) {
    const value = client[key];
    // `runtime` and `metrics` are the client's own members, not operations (plan/ reserves both names).
    if (value === client.runtime || value === client.runtime['metrics']) continue;
    if (typeof value === 'function') members.push({ member: key, fn: value as Operation });
    else if (value !== null && typeof value === 'object') {
      const namespace = value as Record<string, unknown>;
      report.thenable.namespaceThens.push(`${key}: ${typeof namespace['then']}`);
      for (const name of Object.keys(namespace)) {
        const fn = namespace[name];
        if (typeof fn === 'function') members.push({ member: `${key}.${name}`, fn: fn as Operation });
      }
    }
  }
  return members;
}

/** The same call answered with 400 and the polluting body: a typed ApiError whose toJSON() works. */
async function callErrorPath(check: Checker, mod: ClientModule, label: string, fn: Operation, params: object): Promise<void> {
  check.report.counts.errorCalls += 1;
  try {
    await fn(params, { headers: { [STATUS_HEADER]: '400' } });
    check.mismatch(`${label}: a 400 answer throws`, 'ApiError', 'resolved');
  } catch (error) {
    const apiError = error as { status?: unknown; name?: unknown; message?: unknown; toJSON?: () => unknown };
    if (!mod.isApiError(error) || apiError.status !== 400) {
      check.mismatch(
        `${label}: a 400 answer throws an ApiError`,
        'ApiError 400',
        `${String(apiError.name)}: ${String(apiError.message)}`,
      );
      return;
    }
    try {
      JSON.stringify(apiError.toJSON?.());
    } catch (thrown) {
      check.mismatch(`${label}: error.toJSON() works`, 'serializable', String(thrown));
    }
  }
}

/**
 * The same call with request validation on, as a user gets it by default: the validators the spec
 * shaped run on hostile markers and either let the request through or refuse it with a
 * ValidationError. Then every enum (or const) value of a parameter, sent as itself, must pass that
 * parameter's check: the generated validator holds the spec's values byte for byte.
 */
async function callValidated(
  check: Checker,
  label: string,
  fn: Operation,
  params: Record<string, unknown>,
  op: Descriptor,
  spec: ExpectedOperation,
): Promise<void> {
  const validated = { validate: { request: true } };
  const refusal = async (call: Record<string, unknown>): Promise<ValidationRefusal | undefined> => {
    try {
      await fn(call, validated);
      return undefined;
    } catch (error) {
      const { name, message, validationIssues } = error as ValidationRefusal & { name?: unknown; message?: unknown };
      if (name === 'ValidationError') return { validationIssues };
      check.mismatch(`${label}: with request validation on, sent or refused with a ValidationError`, 'ValidationError', {
        name: String(name),
        message: String(message),
      });
      return undefined;
    }
  };
  await refusal(params);
  for (const p of op.params) {
    const key = p.key ?? p.name;
    const pointer = `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    for (const value of spec.params.find((s) => s.in === p.in && s.name === p.name)?.enum ?? []) {
      check.report.counts.stringsCompared += 1;
      const call = { ...params };
      Object.defineProperty(call, key, { value, enumerable: true, writable: true });
      const refused = await refusal(call);
      const issues = (refused?.validationIssues ?? []).filter((issue) => issue.path === pointer);
      if (issues.length > 0) check.mismatch(`${label}: ${p.in} ${p.name} = its own enum value passes validation`, value, issues);
    }
  }
}

/** Calls every facade member: first a probe that only captures its descriptor, then the real call. */
export async function callEverything(
  check: Checker,
  mod: ClientModule,
  serverUrl: string,
  received: ReadonlyMap<string, Received>,
): Promise<void> {
  const { report, expect } = check;
  const { api } = mod.createClient({ baseUrl: `${serverUrl}${BASE_PATH}` }).runtime;
  checkApi(check, api);
  const client = mod.createClient({
    baseUrl: `${serverUrl}${BASE_PATH}`,
    auth: authFor(api),
    // The markers below ignore every enum, const, pattern and required property on purpose (they
    // carry quotes, `${`, …): request validation would refuse them. Validation gets its own call
    // per operation (callValidated), so the round trip compares strings and nothing else.
    validate: { request: false },
    retry: false,
    circuitBreaker: false,
    rateLimit: false,
    timeoutMs: 5_000,
  });
  report.thenable.clientThen = typeof client['then'];
  const awaited: unknown = await Promise.race([
    Promise.resolve(client),
    new Promise((resolve) => setTimeout(() => resolve('timed out'), 1_000)),
  ]);
  report.thenable.awaitedIsClient = awaited === client;

  // Endpoint functions call `client.request(descriptor, …)` (or `execute`, through `paginate`) on the runtime object the
  // facade also exposes as `runtime`: wrapping those methods reveals each member's descriptor.
  const runtime = client.runtime;
  const originals = new Map(
    DESCRIPTOR_METHODS.flatMap((m) =>
      typeof runtime[m] === 'function' ? [[m, runtime[m] as (...args: unknown[]) => unknown] as const] : [],
    ),
  );
  let captured: Descriptor | undefined;
  let probing = true;
  for (const [method, original] of originals) {
    runtime[method] = function (this: unknown, op: Descriptor, ...rest: unknown[]) {
      captured = op;
      return probing ? { probe: true } : original.call(this, op, ...rest);
    };
  }

  const reached = new Set<string>();
  let callId = 0;
  for (const { member, fn } of facadeMembers(client, report)) {
    captured = undefined;
    probing = true;
    try {
      fn(undefined, undefined);
    } catch (error) {
      report.calls.push({
        member,
        outcome: 'probe-failed',
        error: { name: String((error as Error).name), message: String((error as Error).message) },
        received: false,
      });
      continue;
    }
    const op = captured as Descriptor | undefined;
    if (op === undefined) {
      report.calls.push({
        member,
        outcome: 'probe-failed',
        error: { name: 'Error', message: 'the member never called client.request' },
        received: false,
      });
      continue;
    }
    const spec = expect.operations.find((o) => o.method === op.method && o.path === op.path);
    const label = `${member} (${op.method} ${JSON.stringify(op.path)})`;
    if (spec === undefined) {
      report.unmatched.push(label);
      check.mismatch(
        `${member}: descriptor method + path match a spec operation`,
        expect.operations.map((o) => `${o.method} ${o.path}`),
        `${op.method} ${op.path}`,
      );
      continue;
    }
    report.counts.stringsCompared += 1; // the path literal itself matched byte for byte
    reached.add(`${spec.method} ${spec.path}`);
    checkDescriptor(check, label, op, spec);

    const params: Record<string, unknown> = {};
    const values = new Map<string, string>();
    op.params.forEach((p, index) => {
      const value = markerFor(index, p.in);
      values.set(`${p.in} ${p.name}`, value);
      Object.defineProperty(params, p.key ?? p.name, { value, enumerable: true, writable: true });
    });
    if (op.body !== undefined)
      Object.defineProperty(params, op.bodyKey ?? 'body', { value: bodyFor(op.body.mediaTypes[0] ?? ''), enumerable: true });

    const id = String(++callId);
    probing = false;
    const record: ChildReport['calls'][number] = {
      member,
      method: op.method,
      specPath: spec.path,
      outcome: 'ok',
      received: false,
    };
    try {
      const data = await fn(params, { headers: { [CALL_HEADER]: id } });
      if (data !== null && typeof data === 'object' && Object.getPrototypeOf(data) !== Object.prototype) {
        check.mismatch(
          `${label}: parsed response keeps Object.prototype`,
          'Object.prototype',
          String(Object.getPrototypeOf(data)),
        );
      }
    } catch (error) {
      record.outcome = 'error';
      record.error = { name: String((error as Error).name), message: String((error as Error).message) };
    }
    report.counts.calls += 1;
    const got = received.get(id);
    record.received = got !== undefined;
    report.calls.push(record);
    if (got !== undefined) {
      report.counts.received += 1;
      checkReceived(check, label, spec, op, values, got);
      if (record.outcome === 'error') check.mismatch(`${label}: call succeeds once the server answered`, 'ok', record.error);
      await callErrorPath(check, mod, label, fn, params);
      await callValidated(check, label, fn, params, op, spec);
      continue;
    }
    const unsendable = spec.params.filter((p) => (p.in === 'header' && !HTTP_TOKEN.test(p.name)) || LONE_SURROGATE.test(p.name));
    if (record.error?.name === 'ValidationError' && unsendable.length > 0)
      report.refusals.push(`${label}: ${record.error.message}`);
    else check.mismatch(`${label}: request reaches the server`, 'received', record.error ?? 'nothing received');
  }
  probing = false;
  for (const [method, original] of originals) runtime[method] = original;
  report.unreached = expect.operations.map((o) => `${o.method} ${o.path}`).filter((key) => !reached.has(key));
}
