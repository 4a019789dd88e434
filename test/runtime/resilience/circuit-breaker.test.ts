import { describe, expect, it } from 'vitest';
import {
  createCircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitStateChange,
} from '../../../runtime/resilience/circuit-breaker.js';
import { CircuitOpenError, ConnectionError, TimeoutError } from '../../../runtime/errors/errors.js';
import { createResilience } from '../../../runtime/resilience/resilience.js';
import { createMemoryStateStore, type StateStore } from '../../../runtime/resilience/state-store.js';
import { createFakeClock, flush } from '../support/fake-clock.js';
import { createRecorder, makeCtx, respond } from './support.js';

const A = new URL('https://a.example.test/x');
const B = new URL('https://b.example.test/x');

function deferred<T>() {
  let resolve: (v: T) => void = () => undefined;
  let reject: (e: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup(options: CircuitBreakerOptions = {}, store?: StateStore) {
  const clock = createFakeClock(0);
  const recorder = createRecorder();
  const changes: CircuitStateChange[] = [];
  const resilience = createResilience(
    {
      retry: false,
      rateLimit: false,
      circuitBreaker: { ...options, onStateChange: (c) => changes.push(c) },
      ...(store ? { stateStore: store } : {}),
    },
    { clock, random: () => 0.5, observer: recorder.observer },
  );
  let calls = 0;
  const pending: Array<ReturnType<typeof deferred<Response>>> = [];
  /** Starts a call whose attempt stays pending until settled through `pending`. */
  const start = (url = A) => {
    const p = resilience.execute(makeCtx(), { method: 'GET', url }, () => {
      calls += 1;
      const d = deferred<Response>();
      pending.push(d);
      return d.promise;
    });
    return p.then(
      (r) => ({ ok: true as const, value: r }),
      (e: unknown) => ({ ok: false as const, error: e }),
    );
  };
  const callWith = (outcome: () => Response | Error, url = A) =>
    resilience
      .execute(makeCtx(), { method: 'GET', url }, () => {
        calls += 1;
        const out = outcome();
        return out instanceof Response ? Promise.resolve(out) : Promise.reject(out);
      })
      .catch((e: unknown) => e);
  return { clock, recorder, changes, start, callWith, pending, calls: () => calls };
}

async function trip(s: ReturnType<typeof setup>, n = 5): Promise<void> {
  for (let i = 0; i < n; i += 1) await s.callWith(() => respond(503));
}

describe('circuit breaker: opening', () => {
  it('opens after 5 consecutive 5xx and then fails fast with the time left', async () => {
    const s = setup();
    await trip(s, 4);
    expect(s.changes).toEqual([]);
    await trip(s, 1);
    expect(s.changes).toEqual([{ key: A.origin, from: 'closed', to: 'open', at: 0 }]);
    await s.clock.advance(12_000);
    const error = await s.callWith(() => respond(200));
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect((error as CircuitOpenError).retryAfterMs).toBe(18_000);
    expect(s.calls()).toBe(5);
  });

  it('counts timeouts and connection errors', async () => {
    const s = setup({ failureThreshold: 3 });
    await s.callWith(() => new TimeoutError('slow'));
    await s.callWith(() => new ConnectionError('reset', { outcomeUnknown: true }));
    await s.callWith(() => new TimeoutError('slow'));
    expect(await s.callWith(() => respond(200))).toBeInstanceOf(CircuitOpenError);
  });

  it('never counts 4xx or 429, and a 4xx ends a failure streak', async () => {
    const s = setup({ minimumCalls: 1000 });
    for (let i = 0; i < 50; i += 1) await s.callWith(() => respond(i % 2 === 0 ? 404 : 429));
    await trip(s, 4);
    await s.callWith(() => respond(400));
    await trip(s, 4);
    expect(s.changes).toEqual([]);
    expect((await s.callWith(() => respond(200))) as Response).toBeInstanceOf(Response);
  });

  it('opens on the failure ratio once minimumCalls is reached', async () => {
    const s = setup({ failureThreshold: 100, failureRateThreshold: 0.5, minimumCalls: 10 });
    for (let i = 0; i < 8; i += 1) await s.callWith(() => respond(i % 2 === 0 ? 200 : 500));
    expect(s.changes).toEqual([]);
    await s.callWith(() => respond(200));
    await s.callWith(() => respond(500)); // 10 calls, 5 failures
    expect(s.changes.map((c) => c.to)).toEqual(['open']);
  });

  it('forgets failures older than the rolling window', async () => {
    const s = setup({ failureThreshold: 100, minimumCalls: 4, windowMs: 10_000 });
    await trip(s, 3);
    await s.clock.advance(11_000);
    for (let i = 0; i < 3; i += 1) await s.callWith(() => respond(200));
    await trip(s, 1); // 1 of 4 in the window
    expect(s.changes).toEqual([]);
  });

  it('keeps one breaker per origin', async () => {
    const s = setup();
    await trip(s);
    expect(await s.callWith(() => respond(200), A)).toBeInstanceOf(CircuitOpenError);
    expect(await s.callWith(() => respond(200), B)).toBeInstanceOf(Response);
  });
});

describe('circuit breaker: half-open under concurrency', () => {
  it.each([1, 3])('admits exactly %i probe(s) among 100 concurrent callers', async (k) => {
    const s = setup({ halfOpenMaxCalls: k });
    await trip(s);
    await s.clock.advance(30_000);
    const before = s.calls();
    const results = Array.from({ length: 100 }, () => s.start());
    await flush();
    expect(s.calls() - before).toBe(k);
    for (const d of s.pending) d.resolve(respond(200));
    const settled = await Promise.all(results);
    expect(settled.filter((r) => r.ok)).toHaveLength(k);
    expect(settled.filter((r) => !r.ok && r.error instanceof CircuitOpenError)).toHaveLength(100 - k);
    expect(s.changes.map((c) => c.to)).toEqual(['open', 'half_open', 'closed']);
    expect(await s.callWith(() => respond(200))).toBeInstanceOf(Response);
  });

  it('a failed probe reopens with a fresh cool-down measured from its failure', async () => {
    const s = setup();
    await trip(s);
    await s.clock.advance(30_000);
    const probe = s.start();
    await flush();
    await s.clock.advance(2000);
    s.pending.at(-1)?.resolve(respond(502));
    await probe;
    expect(s.changes.map((c) => [c.from, c.to, c.at])).toEqual([
      ['closed', 'open', 0],
      ['open', 'half_open', 30_000],
      ['half_open', 'open', 32_000],
    ]);
    await s.clock.advance(29_900);
    expect(((await s.callWith(() => respond(200))) as CircuitOpenError).retryAfterMs).toBe(100);
    await s.clock.advance(100);
    expect(await s.callWith(() => respond(200))).toBeInstanceOf(Response);
  });

  it('failures of calls admitted before the breaker opened do not restart the cool-down', async () => {
    const s = setup();
    const inFlight = Array.from({ length: 10 }, () => s.start());
    await flush();
    expect(s.pending).toHaveLength(10);
    for (const d of s.pending.slice(0, 5)) d.resolve(respond(503));
    await flush();
    expect(s.changes.map((c) => c.to)).toEqual(['open']);
    await s.clock.advance(10_000);
    for (const d of s.pending.slice(5)) d.reject(new TimeoutError('slow'));
    await Promise.all(inFlight);
    expect(s.changes.map((c) => c.to)).toEqual(['open']);
    expect(((await s.callWith(() => respond(200))) as CircuitOpenError).retryAfterMs).toBe(20_000);
  });

  it('a late success from before the opening cannot close a half-open breaker', async () => {
    const s = setup({ failureThreshold: 1 });
    const old = s.start();
    await flush();
    await s.callWith(() => respond(500)); // opens
    await s.clock.advance(30_000);
    const probe = s.start();
    await flush();
    s.pending[0]?.resolve(respond(200)); // the old call
    await old;
    expect(s.changes.map((c) => c.to)).toEqual(['open', 'half_open']);
    s.pending[1]?.resolve(respond(200));
    await probe;
    expect(s.changes.map((c) => c.to)).toEqual(['open', 'half_open', 'closed']);
  });

  it('an aborted probe frees its slot; a probe that never reports is replaced after resetTimeoutMs', async () => {
    const s = setup();
    await trip(s);
    await s.clock.advance(30_000);
    const first = s.start();
    await flush();
    s.pending.at(-1)?.reject(new DOMException('gone', 'AbortError'));
    await first;
    const second = s.start();
    await flush();
    expect(s.pending).toHaveLength(2); // admitted as a new probe
    await s.clock.advance(29_999);
    expect(await s.callWith(() => respond(200))).toBeInstanceOf(CircuitOpenError);
    await s.clock.advance(1);
    expect(await s.callWith(() => respond(200))).toBeInstanceOf(Response); // stuck probe replaced
    s.pending.at(-1)?.resolve(respond(200));
    await second;
  });

  it('a store without atomic update still admits exactly one probe (per-key local lock)', async () => {
    const inner = createMemoryStateStore();
    const plain: StateStore = {
      get: async (key) => {
        await Promise.resolve();
        return inner.get(key);
      },
      set: async (key, value) => {
        await Promise.resolve();
        await inner.set(key, structuredClone(value));
      },
    };
    const s = setup({}, plain);
    await trip(s);
    await s.clock.advance(30_000);
    const before = s.calls();
    const results = Array.from({ length: 100 }, () => s.start());
    await flush(10);
    expect(s.calls() - before).toBe(1);
    for (const d of s.pending) d.resolve(respond(200));
    await Promise.all(results);
  });
});

describe('circuit breaker: events', () => {
  it('reports every state change to onStateChange, the observer hook and metrics', async () => {
    const s = setup();
    await trip(s);
    await s.clock.advance(30_000);
    await s.callWith(() => respond(200));
    const circuit = s.recorder.events.filter((e) => e.type === 'circuit');
    expect(circuit.map((e) => (e.type === 'circuit' ? `${e.from}>${e.to}` : ''))).toEqual([
      'closed>open',
      'open>half_open',
      'half_open>closed',
    ]);
    const snapshot = s.recorder.observer.metrics.snapshot();
    expect(snapshot.circuitStateChanges).toBe(3);
    expect(snapshot.circuitStates).toEqual({ [A.origin]: 'closed' });
    expect(s.recorder.lines.some((l) => l.level === 'warn' && l.record['event'] === 'circuit')).toBe(true);
  });

  it('a throwing onStateChange listener does not break the breaker', async () => {
    const clock = createFakeClock(0);
    const breaker = createCircuitBreaker(
      {
        failureThreshold: 1,
        onStateChange: () => {
          throw new Error('listener bug');
        },
      },
      { clock, store: createMemoryStateStore(), random: () => 0.25 },
    );
    const permit = await breaker.acquire('k');
    await breaker.record(permit, 'failure');
    expect(await breaker.state('k')).toBe('open');
  });
});
