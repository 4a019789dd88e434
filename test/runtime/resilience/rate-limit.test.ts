import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AbortError, RateLimitError, TimeoutError } from '../../../runtime/errors/errors.js';
import { createRateLimiter, type RateLimitNotice, type RateLimitOptions } from '../../../runtime/resilience/rate-limit.js';
import { createResilience } from '../../../runtime/resilience/resilience.js';
import { createMemoryStateStore } from '../../../runtime/resilience/state-store.js';
import { createFakeClock, flush } from '../support/fake-clock.js';
import { createRecorder, makeCtx, respond } from './support.js';

function setup(options: RateLimitOptions, start = 0) {
  const clock = createFakeClock(start);
  const notices: RateLimitNotice[] = [];
  const limiter = createRateLimiter(options, { clock, store: createMemoryStateStore(), onLimited: (n) => notices.push(n) });
  return { clock, limiter, notices };
}

/** Starts `n` acquisitions and records when (clock time) and in which order each was admitted. */
function acquireMany(s: ReturnType<typeof setup>, n: number, key = 'k') {
  const admitted: Array<{ index: number; at: number }> = [];
  const errors: Array<{ index: number; error: unknown }> = [];
  const all = Array.from({ length: n }, (_, index) =>
    s.limiter.acquire(key).then(
      () => void admitted.push({ index, at: s.clock.now() }),
      (error: unknown) => void errors.push({ index, error }),
    ),
  );
  return { admitted, errors, all };
}

async function runFor(s: ReturnType<typeof setup>, ms: number, step = 10): Promise<void> {
  for (let t = 0; t < ms; t += step) await s.clock.advance(step);
}

function maxInWindow(times: number[], windowMs: number): number {
  let max = 0;
  for (const t of times) max = Math.max(max, times.filter((u) => u >= t && u < t + windowMs).length);
  return max;
}

describe('token bucket', () => {
  it('with burst 1, never admits more than requestsPerSecond in any 1 s window', async () => {
    const s = setup({ requestsPerSecond: 5, burst: 1 });
    const r = acquireMany(s, 20);
    await runFor(s, 5000);
    await Promise.all(r.all);
    expect(r.admitted).toHaveLength(20);
    expect(
      maxInWindow(
        r.admitted.map((a) => a.at),
        1000,
      ),
    ).toBe(5);
    expect(r.admitted.at(-1)?.at).toBe(19 * 200);
  });

  it('property: any window of W ms admits at most burst + rate·W/1000', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 30 }),
        async (rps, burst, n) => {
          const s = setup({ requestsPerSecond: rps, burst });
          const r = acquireMany(s, n);
          await runFor(s, Math.ceil((n / rps) * 1000) + 200, 25);
          await Promise.all(r.all);
          expect(r.admitted).toHaveLength(n);
          const times = r.admitted.map((a) => a.at);
          for (const w of [100, 500, 1000, 3000])
            expect(maxInWindow(times, w)).toBeLessThanOrEqual(burst + Math.floor((rps * w) / 1000));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('admits the burst at once, then paces', async () => {
    const s = setup({ requestsPerSecond: 2, burst: 3 });
    const r = acquireMany(s, 5);
    await flush();
    expect(r.admitted.map((a) => a.at)).toEqual([0, 0, 0]);
    await runFor(s, 1000);
    expect(r.admitted.map((a) => a.at)).toEqual([0, 0, 0, 500, 1000]);
  });

  it('serves waiters in FIFO order', async () => {
    const s = setup({ requestsPerSecond: 10, burst: 1 });
    const r = acquireMany(s, 12);
    await runFor(s, 1500);
    expect(r.admitted.map((a) => a.index)).toEqual([...Array(12).keys()]);
  });

  it('refuses at once a waiter that would exceed maxWaitMs, with status 0 and retryAfterMs', async () => {
    const s = setup({ requestsPerSecond: 1, burst: 1, maxWaitMs: 2500 });
    const r = acquireMany(s, 6);
    await flush();
    expect(r.admitted.map((a) => a.index)).toEqual([0]);
    expect(r.errors.map((e) => e.index)).toEqual([3, 4, 5]); // would wait 3 s, 4 s, 5 s
    const error = r.errors[0]?.error as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.status).toBe(0);
    expect(error.retryAfterMs).toBe(3000);
    await runFor(s, 2000);
    expect(r.admitted.map((a) => [a.index, a.at])).toEqual([
      [0, 0],
      [1, 1000],
      [2, 2000],
    ]);
    expect(s.notices.filter((n) => n.rejected)).toHaveLength(3);
  });

  it('rejects with TimeoutError when the deadline comes before the turn', async () => {
    const s = setup({ requestsPerSecond: 1, burst: 1 });
    await s.limiter.acquire('k');
    await expect(s.limiter.acquire('k', { deadline: 500 })).rejects.toBeInstanceOf(TimeoutError);
  });

  it('an aborted waiter leaves the queue and the next one moves up', async () => {
    const s = setup({ requestsPerSecond: 1, burst: 1 });
    await s.limiter.acquire('k');
    const controller = new AbortController();
    const aborted = s.limiter.acquire('k', { signal: controller.signal }).catch((e: unknown) => e);
    let nextAt = -1;
    const next = s.limiter.acquire('k').then(() => void (nextAt = s.clock.now()));
    await flush();
    controller.abort();
    expect(await aborted).toBeInstanceOf(AbortError);
    await runFor(s, 1100);
    await next;
    expect(nextAt).toBe(1000);
  });

  it('keeps one bucket per key', async () => {
    const s = setup({ requestsPerSecond: 1, burst: 1 });
    await s.limiter.acquire('a');
    await s.limiter.acquire('b');
    const r = acquireMany(s, 1, 'a');
    await flush();
    expect(r.admitted).toHaveLength(0);
  });
});

describe('learning from responses', () => {
  it.each([
    ['RateLimit structured', { ratelimit: '"default";r=0;t=5' }],
    ['RateLimit-Remaining/Reset', { 'ratelimit-remaining': '0', 'ratelimit-reset': '5' }],
    ['X-RateLimit-Remaining/Reset (epoch)', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000005' }],
  ])('%s with nothing left pauses the key until the reset', async (_, headers) => {
    const s = setup({}, 1_700_000_000_000);
    await s.limiter.learn('k', 200, new Headers(headers));
    const r = acquireMany(s, 3);
    await s.clock.advance(4990);
    expect(r.admitted).toHaveLength(0);
    await s.clock.advance(10);
    expect(r.admitted).toHaveLength(3);
  });

  it('remaining quota does not pause', async () => {
    const s = setup({});
    await s.limiter.learn('k', 200, new Headers({ ratelimit: '"default";r=3;t=5' }));
    const r = acquireMany(s, 1);
    await flush();
    expect(r.admitted).toHaveLength(1);
  });

  it('a 429 with Retry-After pauses every caller of that key, and only that key', async () => {
    const s = setup({ requestsPerSecond: 100 });
    await s.limiter.learn('k', 429, new Headers({ 'retry-after': '2' }));
    const same = acquireMany(s, 4, 'k');
    const other = acquireMany(s, 1, 'other');
    await flush();
    expect(other.admitted).toHaveLength(1);
    await s.clock.advance(1999);
    expect(same.admitted).toHaveLength(0);
    await s.clock.advance(1);
    expect(same.admitted).toHaveLength(4);
  });

  it('a learned pause longer than maxWaitMs refuses new callers at once', async () => {
    const s = setup({ maxWaitMs: 10_000 });
    await s.limiter.learn('k', 429, new Headers({ 'retry-after': '3600' }));
    const error = (await s.limiter.acquire('k').catch((e: unknown) => e)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    // The hour asked for is capped at maxLearnedPauseMs (default 60 s), still past maxWaitMs.
    expect(error.retryAfterMs).toBe(60_000);
    expect(s.clock.now()).toBe(0);
  });

  it('maxLearnedPauseMs bounds a learned pause; a larger ceiling keeps more of what the server asked', async () => {
    const capped = setup({ maxWaitMs: 10_000, maxLearnedPauseMs: 20_000 });
    await capped.limiter.learn('k', 429, new Headers({ 'retry-after': '86400' }));
    expect(((await capped.limiter.acquire('k').catch((e: unknown) => e)) as RateLimitError).retryAfterMs).toBe(20_000);
    const wide = setup({ maxWaitMs: 10_000, maxLearnedPauseMs: Number.POSITIVE_INFINITY });
    await wide.limiter.learn('k', 429, new Headers({ 'retry-after': '3600' }));
    expect(((await wide.limiter.acquire('k').catch((e: unknown) => e)) as RateLimitError).retryAfterMs).toBe(3_600_000);
  });

  it('learnFromHeaders: false ignores the headers', async () => {
    const s = setup({ learnFromHeaders: false });
    await s.limiter.learn('k', 429, new Headers({ 'retry-after': '30' }));
    const r = acquireMany(s, 1);
    await flush();
    expect(r.admitted).toHaveLength(1);
  });

  it('through execute: a 429 to one request holds back the concurrent ones of the same origin', async () => {
    const clock = createFakeClock(0);
    const recorder = createRecorder();
    const resilience = createResilience({ circuitBreaker: false }, { clock, random: () => 0.5, observer: recorder.observer });
    const url = new URL('https://api.example.test/items');
    const sentAt: number[] = [];
    let first = true;
    const attempt = (): Promise<Response> => {
      sentAt.push(clock.now());
      if (first) {
        first = false;
        return Promise.resolve(respond(429, { 'retry-after': '3' }));
      }
      return Promise.resolve(respond(200));
    };
    const p1 = resilience.execute(makeCtx(), { method: 'GET', url }, attempt);
    await flush();
    const others = [
      resilience.execute(makeCtx(), { method: 'GET', url }, attempt),
      resilience.execute(makeCtx(), { method: 'GET', url }, attempt),
    ];
    await clock.advance(2999);
    expect(sentAt).toEqual([0]);
    await clock.advance(1);
    await Promise.all([p1, ...others]);
    expect(sentAt).toEqual([0, 3000, 3000, 3000]);
    expect(recorder.observer.metrics.snapshot().rateLimitHits).toBeGreaterThanOrEqual(3);
  });

  it('through execute: a client-side refusal rejects with RateLimitError before any attempt', async () => {
    const clock = createFakeClock(0);
    const resilience = createResilience(
      { circuitBreaker: false, rateLimit: { requestsPerSecond: 1, burst: 1, maxWaitMs: 0 } },
      { clock, random: () => 0.5, observer: createRecorder().observer },
    );
    const url = new URL('https://api.example.test/items');
    let calls = 0;
    const attempt = (): Promise<Response> => {
      calls += 1;
      return Promise.resolve(respond(200));
    };
    await resilience.execute(makeCtx(), { method: 'GET', url }, attempt);
    await expect(resilience.execute(makeCtx(), { method: 'GET', url }, attempt)).rejects.toBeInstanceOf(RateLimitError);
    expect(calls).toBe(1);
  });

  it('through execute: aborting or reaching the deadline while queued ends the request before any attempt', async () => {
    const clock = createFakeClock(0);
    const resilience = createResilience(
      { circuitBreaker: false, rateLimit: { requestsPerSecond: 1, burst: 1 } },
      { clock, random: () => 0.5, observer: createRecorder().observer },
    );
    const url = new URL('https://api.example.test/items');
    let calls = 0;
    const attempt = (): Promise<Response> => {
      calls += 1;
      return Promise.resolve(respond(200));
    };
    await resilience.execute(makeCtx(), { method: 'GET', url }, attempt);
    const controller = new AbortController();
    const aborted = resilience
      .execute(makeCtx({ signal: controller.signal }), { method: 'GET', url }, attempt)
      .catch((e: unknown) => e);
    await flush();
    controller.abort(new DOMException('caller timeout', 'TimeoutError'));
    expect(await aborted).toBeInstanceOf(TimeoutError);
    const controller2 = new AbortController();
    const aborted2 = resilience
      .execute(makeCtx({ signal: controller2.signal }), { method: 'GET', url }, attempt)
      .catch((e: unknown) => e);
    await flush();
    controller2.abort();
    expect(await aborted2).toBeInstanceOf(AbortError);
    await expect(resilience.execute(makeCtx({ deadline: 300 }), { method: 'GET', url }, attempt)).rejects.toBeInstanceOf(
      TimeoutError,
    );
    expect(calls).toBe(1);
  });
});
