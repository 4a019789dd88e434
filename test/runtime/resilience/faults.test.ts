/**
 * Real sockets against the loopback fault server: what reaches the server, how often, and how many
 * side effects happen, for every fault, with and without an Idempotency-Key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionError, RateLimitError, TimeoutError } from '../../../runtime/errors/errors.js';
import { createResilience, type ResilienceOptions } from '../../../runtime/resilience/resilience.js';
import type { HttpMethod } from '../../../runtime/client/descriptor.js';
import { createFakeClock } from '../support/fake-clock.js';
import { createFetchAttempt } from './fetch-attempt.js';
import { startFaultServer, type Fault, type FaultServer } from '../support/fault-server.js';
import { createRecorder, makeCtx } from './support.js';

let server: FaultServer;
let route = 0;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server.close();
});

interface CallInit {
  faults: readonly Fault[];
  method?: HttpMethod;
  key?: string;
  timeoutMs?: number;
  options?: ResilienceOptions;
}

/** One logical request through a fresh Resilience (auto fake clock: backoff costs no real time). */
async function call(init: CallInit) {
  route += 1;
  const path = `/r${route}`;
  server.script(path, init.faults);
  const method = init.method ?? 'GET';
  const clock = createFakeClock(Date.now(), { auto: true });
  const resilience = createResilience(
    { circuitBreaker: false, ...init.options },
    { clock, random: () => 0.5, observer: createRecorder().observer },
  );
  const ctx = makeCtx({ method, ...(init.key === undefined ? {} : { idempotencyKey: init.key }) });
  const body = JSON.stringify({ order: path });
  const sentKeys: string[] = [];
  const url = new URL(path, server.url);
  const attempt = createFetchAttempt({
    url,
    method,
    ...(method === 'GET' ? {} : { body }),
    timeoutMs: init.timeoutMs ?? 150,
    ctx,
    sentKeys,
  });
  const result = await resilience.execute(ctx, { method, url }, attempt).then(
    (response) => ({ ok: true as const, response }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const id = init.key ?? `body:${method === 'GET' ? '' : body}`;
  const onPath = server.requests.filter((q) => q.path === path).length;
  // GETs have no body or key, so they are told apart by path; the server's own count must agree otherwise.
  if (method !== 'GET') expect(server.hits(id)).toBe(onPath);
  return { result, hits: onPath, effects: server.effects(id), sentKeys, sleeps: clock.sleeps, path };
}

/** Every transport fault, in the variant where the server did act on the request before failing. */
const FAULTS: Array<[string, Fault]> = [
  ['reset before the response', { kind: 'reset-before-response', process: true }],
  ['reset mid-body', { kind: 'reset-mid-body', process: true }],
  ['stalled headers', { kind: 'stall-headers' }],
  ['body trickling past the timeout', { kind: 'trickle-body', intervalMs: 40, chunks: 20 }],
  ['truncated JSON (short Content-Length)', { kind: 'truncated-json', process: true }],
  ['5xx', { kind: 'status', status: 503 }],
  ['429 with Retry-After', { kind: 'retry-after', form: 'seconds', waitMs: 1000 }],
];

describe('idempotency under faults (real sockets)', () => {
  it.each(FAULTS)('GET: %s is retried and then succeeds', async (_, fault) => {
    const r = await call({ faults: [fault, { kind: 'ok' }] });
    expect(r.result.ok).toBe(true);
    expect(r.hits).toBe(2);
  });

  it.each(FAULTS)('POST without a key: %s reaches the server at most once', async (_, fault) => {
    const r = await call({ faults: [fault, { kind: 'ok' }], method: 'POST' });
    expect(r.hits).toBe(1);
    expect(r.effects).toBeLessThanOrEqual(1);
    if (!r.result.ok) expect(r.result.error).toSatisfy((e: unknown) => e instanceof ConnectionError || e instanceof TimeoutError);
    if (!r.result.ok && r.result.error instanceof ConnectionError) expect(r.result.error.outcomeUnknown).toBe(true);
  });

  it.each(FAULTS)('POST with a key: %s is retried with the same key and has exactly one effect', async (_, fault) => {
    const key = `key-${route}-${Math.random()}`;
    const r = await call({ faults: [fault, fault, { kind: 'ok' }], method: 'POST', key });
    expect(r.result.ok).toBe(true);
    expect(r.hits).toBe(3);
    expect(new Set(r.sentKeys)).toEqual(new Set([key]));
    expect(r.effects).toBe(1);
    expect(server.requests.filter((q) => q.path === r.path).every((q) => q.idempotencyKey === key)).toBe(true);
  });

  it('POST with a key through a mixed storm that keeps acting before failing: still one effect', async () => {
    const key = `mixed-${Math.random()}`;
    const r = await call({
      faults: [
        { kind: 'reset-before-response', process: true },
        { kind: 'reset-mid-body', process: true },
        { kind: 'truncated-json', process: true },
        { kind: 'ok' },
      ],
      method: 'POST',
      key,
      options: { retry: { maxRetries: 5 } },
    });
    expect(r.result.ok && (await r.result.response.json())).toEqual({ id: key, replayed: true });
    expect(r.hits).toBe(4);
    expect(r.effects).toBe(1);
  });

  it('a refused connection (nothing sent) is retried even for a POST without a key', async () => {
    const closed = await startFaultServer();
    const url = new URL('/never', closed.url);
    await closed.close();
    const clock = createFakeClock(Date.now(), { auto: true });
    const resilience = createResilience(
      { circuitBreaker: false },
      { clock, random: () => 0.5, observer: createRecorder().observer },
    );
    const ctx = makeCtx({ method: 'POST' });
    let attempts = 0;
    const inner = createFetchAttempt({ url, method: 'POST', body: '{}', timeoutMs: 500, ctx });
    const error = await resilience
      .execute(ctx, { method: 'POST', url }, (n) => ((attempts = n), inner(n)))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).outcomeUnknown).toBe(false);
    expect(attempts).toBe(3);
  });
});

describe('other faults (real sockets)', () => {
  it('a body trickling within the timeout arrives whole in one attempt', async () => {
    const r = await call({ faults: [{ kind: 'trickle-body', intervalMs: 5, chunks: 5 }], timeoutMs: 2000 });
    expect(r.result.ok && (await r.result.response.json())).toMatchObject({ trickled: 5 });
    expect(r.hits).toBe(1);
  });

  it('complete but invalid JSON is a delivered 200: not retried, left for the parser to reject', async () => {
    const r = await call({ faults: [{ kind: 'invalid-json' }, { kind: 'ok' }] });
    expect(r.hits).toBe(1);
    const text = r.result.ok ? await r.result.response.text() : '';
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
  });

  it('a 5xx storm longer than maxRetries resolves with the last 503 after 3 attempts', async () => {
    const r = await call({ faults: [{ kind: 'status', status: 503 }] });
    expect(r.result.ok && r.result.response.status).toBe(503);
    expect(r.hits).toBe(3);
    expect(r.sleeps).toEqual([250, 500]);
  });

  it.each(['seconds', 'imf-fixdate', 'rfc850', 'asctime', 'ms'] as const)(
    '429 with Retry-After as %s: waits what the server asked',
    async (form) => {
      const r = await call({ faults: [{ kind: 'retry-after', form, waitMs: 2000 }, { kind: 'ok' }] });
      expect(r.result.ok).toBe(true);
      expect(r.sleeps).toEqual([2000]);
    },
  );

  it('429 asking for more than maxRetryAfterMs: RateLimitError, one hit, no sleep', async () => {
    const r = await call({ faults: [{ kind: 'retry-after', form: 'seconds', waitMs: 120_000 }] });
    expect(r.result.ok ? undefined : r.result.error).toBeInstanceOf(RateLimitError);
    expect(r.result.ok ? 0 : (r.result.error as RateLimitError).body).toEqual({ error: { message: 'slow down' } });
    expect(r.hits).toBe(1);
    expect(r.sleeps).toEqual([]);
  });
});

describe('retry amplification at 100% failure (real sockets)', () => {
  it('200 calls against a permanent 503 send at most calls × 1.2 attempts', async () => {
    route += 1;
    const path = `/storm${route}`;
    server.script(path, [{ kind: 'status', status: 503 }]);
    const clock = createFakeClock(Date.now(), { auto: true });
    const resilience = createResilience(
      { circuitBreaker: false },
      { clock, random: () => 0.5, observer: createRecorder().observer },
    );
    const url = new URL(path, server.url);
    const calls = 200;
    let attempts = 0;
    for (let i = 0; i < calls; i += 1) {
      const ctx = makeCtx();
      const inner = createFetchAttempt({ url, method: 'GET', timeoutMs: 1000, ctx });
      await resilience.execute(ctx, { method: 'GET', url }, (n) => ((attempts += 1), inner(n)));
    }
    const served = server.requests.filter((q) => q.path === path).length;
    expect(served).toBe(attempts);
    expect(attempts).toBe(calls + 10); // the budget's 10 tokens, then no retries
    expect(attempts / calls).toBeLessThanOrEqual(1.2);
  });
});
