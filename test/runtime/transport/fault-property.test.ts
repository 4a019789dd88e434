/**
 * The outcome-unknown promise, through the whole client (createRuntimeClient → resilience →
 * transport → redirects) on real loopback sockets: for every fault the fault server can produce ×
 * every method × with and without an idempotency key, the server-side effect of a request happens
 * at most once without a key, and exactly once with one (the server recovers after the faults).
 * Then fast-check draws random fault sequences for the same property.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntimeClient } from '../../../runtime/client/runtime-client.js';
import type { HttpMethod, OperationDescriptor } from '../../../runtime/client/descriptor.js';
import { startFaultServer, type Fault, type FaultServer } from '../support/fault-server.js';
import { makeApi } from '../support/client.js';
import * as undici from 'undici';
import { createUndiciFetch } from '../../../runtime/transport/undici-fetch.js';

let server: FaultServer;
let refusedBase: string;
let route = 0;

beforeAll(async () => {
  server = await startFaultServer();
  const closed = await startFaultServer();
  refusedBase = closed.url.toString();
  await closed.close();
});
const agent = new undici.Agent({ connections: 16 });
/** The undici transport, which the client drives through its direct sender (transport/wire.ts). */
const overUndici = createUndiciFetch(undici, { dispatcher: agent });
afterAll(async () => {
  await agent.close();
  await server.close();
});

const METHODS: readonly HttpMethod[] = ['GET', 'HEAD', 'DELETE', 'PUT', 'POST', 'PATCH'];
const NON_IDEMPOTENT = new Set(['POST', 'PATCH']);

/** Each fault, given the case's path prefix (redirect targets live under it). The server acts first where it would. */
const FAULTS: Record<string, (prefix: string) => Fault> = {
  'reset before the response (acted)': () => ({ kind: 'reset-before-response', process: true }),
  'reset before the response (not acted)': () => ({ kind: 'reset-before-response' }),
  'reset mid-body': () => ({ kind: 'reset-mid-body', process: true }),
  'stalled headers (timeout)': () => ({ kind: 'stall-headers' }),
  'body trickling past the timeout': () => ({ kind: 'trickle-body', intervalMs: 40, chunks: 20 }),
  'truncated body': () => ({ kind: 'truncated-json', process: true }),
  'invalid JSON': () => ({ kind: 'invalid-json', process: true }),
  'oversize body': () => ({ kind: 'oversize', bytes: 4096, process: true }),
  '500': () => ({ kind: 'status', status: 500 }),
  '503': () => ({ kind: 'status', status: 503 }),
  '429 with retry-after-ms': () => ({ kind: 'retry-after', form: 'ms', waitMs: 5 }),
  '303 to an unsupported scheme (acted)': () => ({ kind: 'redirect', status: 303, to: 'ftp://example.test/x', process: true }),
  '307 to itself': () => ({ kind: 'redirect', status: 307, to: 'self' }),
  '308 to itself': () => ({ kind: 'redirect', status: 308, to: 'self' }),
  '302 loop between two paths': (prefix) => ({ kind: 'redirect', status: 302, to: `${prefix}/loop` }),
  '301 to a refused port': () => ({ kind: 'redirect', status: 301, to: `${refusedBase}gone` }),
  '303 to a reset (acted)': (prefix) => ({ kind: 'redirect', status: 303, to: `${prefix}/reset`, process: true }),
  '307 to http on another host': () => ({ kind: 'redirect', status: 307, to: 'http://insecure.example.test/x' }),
};

function operation(method: HttpMethod, path: string): OperationDescriptor {
  const withBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
  return {
    id: `case${route}`,
    method,
    path,
    params: [],
    responses: { '200': ['application/json'] },
    ...(withBody ? { body: { mediaTypes: ['application/json'], required: false } } : {}),
  };
}

interface Outcome {
  effects: number;
  ok: boolean;
}

/** One call: the scripted faults, then (when `recover`) a healthy answer; redirect targets scripted alike. */
async function runCase(
  method: HttpMethod,
  faults: readonly ((prefix: string) => Fault)[],
  withKey: boolean,
  fetchOption?: typeof fetch,
): Promise<Outcome> {
  route += 1;
  const prefix = `/p${route}`;
  const script = [...faults.map((f) => f(prefix)), { kind: 'ok' } as const];
  server.script(`${prefix}/op`, script);
  // Where redirects lead: a loop back to the operation, a reset; the side effect is never applied there.
  server.script(`${prefix}/loop`, [{ kind: 'redirect', status: 302, to: `${prefix}/op` }]);
  server.script(`${prefix}/reset`, [{ kind: 'reset-before-response' }]);
  const client = createRuntimeClient(makeApi(), {
    baseUrl: server.url.toString(),
    retry: { maxRetries: faults.length + 1, baseDelayMs: 1, maxDelayMs: 2, budget: false },
    circuitBreaker: false,
    rateLimit: false,
    timeoutMs: 150,
    maxResponseBytes: 1024,
    ...(withKey ? { idempotencyHeader: 'Idempotency-Key' } : {}),
    ...(fetchOption === undefined ? {} : { fetch: fetchOption }),
  });
  const op = operation(method, `${prefix}/op`);
  const call = withKey ? { idempotencyKey: `key-${route}` } : {};
  const ok = await client.request(op, op.body === undefined ? undefined : { body: { route } }, call).then(
    () => true,
    () => false,
  );
  return { effects: server.effectsUnder(prefix), ok };
}

/**
 * The promise, for non-idempotent methods (repeating an idempotent one is harmless by definition, and
 * the client sends idempotency keys only with POST and PATCH): ≤ 1 effect without a key; with a key
 * also ≤ 1, and exactly 1 when the call succeeded. Returns whether the case was asserted.
 */
function check(method: HttpMethod, withKey: boolean, outcome: Outcome): boolean {
  if (!NON_IDEMPOTENT.has(method)) return false;
  expect(outcome.effects).toBeLessThanOrEqual(1);
  if (withKey && outcome.ok) expect(outcome.effects).toBe(1);
  return true;
}

describe('side effects under every fault (real sockets, the whole client)', () => {
  it.each([
    ['the platform fetch', undefined],
    ['the undici transport', overUndici],
  ])(
    'every fault × method × with/without idempotency key, over %s',
    async (_transport, fetchOption) => {
      let cases = 0;
      let asserted = 0;
      let keyedRecovered = 0;
      for (const [name, fault] of Object.entries(FAULTS)) {
        for (const method of METHODS) {
          for (const withKey of [false, true]) {
            // With a key, the fault repeats so the retry goes through it again before the server recovers.
            const outcome = await runCase(method, withKey ? [fault, fault] : [fault], withKey, fetchOption);
            try {
              if (check(method, withKey, outcome)) asserted += 1;
            } catch (error) {
              throw new Error(`${name}, ${method}, ${withKey ? 'with' : 'without'} key: ${String(error)}`);
            }
            cases += 1;
            if (withKey && outcome.ok && NON_IDEMPOTENT.has(method)) keyedRecovered += 1;
          }
        }
      }
      console.log(
        `fault cases: ${cases} (${Object.keys(FAULTS).length} faults × ${METHODS.length} methods × with/without key), ` +
          `${asserted} of them non-idempotent (effects ≤ 1), ${keyedRecovered} keyed calls recovered with exactly one effect`,
      );
      expect(cases).toBe(Object.keys(FAULTS).length * METHODS.length * 2);
    },
    240_000,
  );

  it('POST with a key through every fault that can be recovered from: exactly one effect', async () => {
    const recoverable = Object.keys(FAULTS).filter((name) => !/another host|oversize|invalid JSON/.test(name));
    for (const name of recoverable) {
      const fault = FAULTS[name]!;
      const outcome = await runCase('POST', [fault, fault], true);
      expect({ name, ...outcome }).toEqual({ name, effects: 1, ok: true });
    }
  }, 120_000);

  it('property: random fault sequences × method × key keep the promise', async () => {
    const names = Object.keys(FAULTS);
    let runs = 0;
    let asserted = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 3 }),
        // The methods the promise is about (the exhaustive test above runs every method).
        fc.constantFrom<HttpMethod>('POST', 'PATCH'),
        fc.boolean(),
        async (sequence, method, withKey) => {
          runs += 1;
          const outcome = await runCase(
            method,
            sequence.map((name) => FAULTS[name]!),
            withKey,
          );
          if (check(method, withKey, outcome)) asserted += 1;
        },
      ),
      { numRuns: 40, seed: 20261204 },
    );
    console.log(`random fault sequences: ${runs} runs, ${asserted} on non-idempotent methods`);
    expect(runs).toBe(40);
  }, 240_000);
});
