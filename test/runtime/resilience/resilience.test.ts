import { describe, expect, it } from 'vitest';
import { AbortError, ConnectionError, RateLimitError, TimeoutError } from '../../../runtime/errors/errors.js';
import { createResilience, type ResilienceOptions } from '../../../runtime/resilience/resilience.js';
import type { HttpMethod, RequestContext } from '../../../runtime/client/descriptor.js';
import { createFakeClock, flush, type FakeClock } from '../support/fake-clock.js';
import { formatHttpDate } from '../support/fault-server.js';
import { createRecorder, makeCtx, respond } from './support.js';

const URL_A = new URL('https://api.example.test/v1/things?limit=5');

function setup(
  options: ResilienceOptions = {},
  clock: FakeClock = createFakeClock(undefined, { auto: true }),
  random = () => 0.5,
) {
  const recorder = createRecorder();
  const resilience = createResilience({ circuitBreaker: false, ...options }, { clock, random, observer: recorder.observer });
  return { clock, recorder, resilience };
}

/** An attempt function that plays `outcomes` in order (the last repeats) and counts calls. */
function script(outcomes: Array<() => Response | Error>) {
  let calls = 0;
  const attempt = (): Promise<Response> => {
    const make = outcomes[Math.min(calls, outcomes.length - 1)];
    calls += 1;
    const out = make?.() ?? new Error('no outcome');
    return out instanceof Response ? Promise.resolve(out) : Promise.reject(out);
  };
  return { attempt, calls: () => calls };
}

const run = (
  s: ReturnType<typeof setup>,
  ctx: RequestContext,
  outcomes: Array<() => Response | Error>,
  method: HttpMethod = 'GET',
) => {
  const sc = script(outcomes);
  return { promise: s.resilience.execute(ctx, { method, url: URL_A }, sc.attempt), calls: sc.calls };
};

describe('backoff and attempts', () => {
  it('retries 503 twice with full-jitter backoff, then resolves with the last response', async () => {
    const s = setup();
    const r = run(s, makeCtx(), [() => respond(503)]);
    const response = await r.promise;
    expect(response.status).toBe(503);
    expect(r.calls()).toBe(3);
    expect(s.clock.sleeps).toEqual([250, 500]); // random 0.5 · 500 · 2^n
  });

  it('stops as soon as an attempt succeeds', async () => {
    const s = setup();
    const r = run(s, makeCtx(), [() => respond(502), () => respond(200, {}, 'ok')]);
    expect(await (await r.promise).text()).toBe('ok');
    expect(r.calls()).toBe(2);
  });

  it('honours maxRetries, baseDelayMs and maxDelayMs options', async () => {
    const s = setup({ retry: { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 300 } }, undefined, () => 0.999);
    const r = run(s, makeCtx(), [() => respond(500)]);
    await r.promise;
    expect(r.calls()).toBe(6);
    expect(s.clock.sleeps).toEqual([99, 199, 299, 299, 299]);
  });

  it('retry: false sends exactly one attempt', async () => {
    const s = setup({ retry: false });
    const r = run(s, makeCtx(), [() => respond(503)]);
    await r.promise;
    expect(r.calls()).toBe(1);
  });

  it('cancels the body of every discarded response', async () => {
    const s = setup();
    let cancelled = 0;
    const streamed = (): Response =>
      new Response(new ReadableStream({ pull: (c) => c.enqueue(new Uint8Array(8)), cancel: () => void (cancelled += 1) }), {
        status: 503,
      });
    const r = run(s, makeCtx(), [streamed, streamed, () => respond(200)]);
    await r.promise;
    await flush();
    expect(cancelled).toBe(2);
  });
});

describe('server-asked waits (fake clock)', () => {
  const t0 = Date.UTC(2025, 0, 15, 12, 0, 0);
  it.each([
    ['Retry-After delta-seconds', { 'retry-after': '3' }, 3000],
    ['Retry-After IMF-fixdate', { 'retry-after': formatHttpDate(t0 + 7000, 'imf-fixdate') }, 7000],
    ['Retry-After RFC 850', { 'retry-after': formatHttpDate(t0 + 8000, 'rfc850') }, 8000],
    ['Retry-After asctime', { 'retry-after': formatHttpDate(t0 + 9000, 'asctime') }, 9000],
    [
      'Retry-After date against a skewed server Date',
      { 'retry-after': formatHttpDate(t0 + 100_000, 'imf-fixdate'), date: formatHttpDate(t0 + 96_000, 'imf-fixdate') },
      4000,
    ],
    ['retry-after-ms', { 'retry-after-ms': '1250' }, 1250],
    ['RateLimit structured', { ratelimit: '"default";r=0;t=5', 'ratelimit-policy': '"default";q=10;w=60' }, 5000],
    ['RateLimit dictionary (draft-07)', { ratelimit: 'limit=10, remaining=0, reset=6' }, 6000],
    ['RateLimit-Reset (older drafts)', { 'ratelimit-remaining': '0', 'ratelimit-reset': '11' }, 11_000],
    ['X-RateLimit-Reset epoch seconds', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(t0 / 1000 + 13) }, 13_000],
    ['X-RateLimit-Reset delta', { 'x-ratelimit-reset': '2' }, 2000],
    ['a past date retries at once', { 'retry-after': formatHttpDate(t0 - 5000, 'imf-fixdate') }, 0],
  ])('429 with %s waits exactly that long', async (_, headers, want) => {
    const s = setup({ rateLimit: false }, createFakeClock(t0, { auto: true }));
    const r = run(s, makeCtx(), [() => respond(429, headers), () => respond(200)]);
    expect((await r.promise).status).toBe(200);
    expect(s.clock.sleeps).toEqual(want === 0 ? [] : [want]);
    expect(s.clock.now() - t0).toBe(want);
  });

  it('a 503 Retry-After is honoured too', async () => {
    const s = setup();
    const r = run(s, makeCtx(), [() => respond(503, { 'retry-after': '2' }), () => respond(200)]);
    await r.promise;
    expect(s.clock.sleeps).toEqual([2000]);
  });

  it.each([429, 503])('a %s asking for more than maxRetryAfterMs fails at once with RateLimitError', async (status) => {
    const s = setup({ retry: { maxRetryAfterMs: 30_000 } });
    const ctx = makeCtx();
    const body = JSON.stringify({ error: { message: 'quota exhausted' } });
    const r = run(s, ctx, [() => respond(status, { 'retry-after': '120', 'set-cookie': 'sid=secret-cookie' }, body)]);
    const error = (await r.promise.catch((e: unknown) => e)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(120_000);
    expect(error.status).toBe(status);
    expect(error.body).toEqual({ error: { message: 'quota exhausted' } });
    expect(error.requestId).toBe(ctx.requestId);
    expect(error.headers.get('retry-after')).toBe('120');
    expect(error.headers.get('set-cookie')).toBe('[REDACTED]');
    expect(r.calls()).toBe(1);
    expect(s.clock.sleeps).toEqual([]);
  });

  it('the default maxRetryAfterMs is 60 s: 60 is slept, 61 is not', async () => {
    const ok = setup();
    await run(ok, makeCtx(), [() => respond(429, { 'retry-after': '60' }), () => respond(200)]).promise;
    expect(ok.clock.sleeps).toEqual([60_000]);
    const tooLong = setup();
    await expect(run(tooLong, makeCtx(), [() => respond(429, { 'retry-after': '61' })]).promise).rejects.toBeInstanceOf(
      RateLimitError,
    );
  });

  it('without a server wait, a 429 falls back to backoff', async () => {
    const s = setup({ rateLimit: false });
    await run(s, makeCtx(), [() => respond(429), () => respond(200)]).promise;
    expect(s.clock.sleeps).toEqual([250]);
  });

  it('x-should-retry overrides the status in both directions', async () => {
    const no = setup();
    const r1 = run(no, makeCtx(), [() => respond(503, { 'x-should-retry': 'false' })]);
    expect((await r1.promise).status).toBe(503);
    expect(r1.calls()).toBe(1);
    const yes = setup();
    const r2 = run(
      yes,
      makeCtx({ method: 'POST' }),
      [() => respond(409, { 'x-should-retry': 'true' }), () => respond(201)],
      'POST',
    );
    expect((await r2.promise).status).toBe(201);
    expect(r2.calls()).toBe(2);
  });
});

describe('method safety', () => {
  it('a POST without an idempotency key is never retried on 503, timeout or an unknown-outcome connection error', async () => {
    for (const outcome of [
      () => respond(503),
      () => new TimeoutError('slow'),
      () => new ConnectionError('reset', { outcomeUnknown: true }),
    ]) {
      const s = setup();
      const r = run(s, makeCtx({ method: 'POST' }), [outcome, () => respond(200)], 'POST');
      await r.promise.catch(() => undefined);
      expect(r.calls()).toBe(1);
    }
  });

  it('a POST whose connection never reached the server is retried', async () => {
    const s = setup();
    const r = run(
      s,
      makeCtx({ method: 'POST' }),
      [() => new ConnectionError('refused', { outcomeUnknown: false }), () => respond(201)],
      'POST',
    );
    expect((await r.promise).status).toBe(201);
    expect(r.calls()).toBe(2);
  });

  it('a POST or PATCH with an idempotency key is retried', async () => {
    for (const method of ['POST', 'PATCH'] as const) {
      const s = setup();
      const r = run(
        s,
        makeCtx({ method, idempotencyKey: 'k-1' }),
        [() => new ConnectionError('reset', { outcomeUnknown: true }), () => respond(200)],
        method,
      );
      expect((await r.promise).status).toBe(200);
      expect(r.calls()).toBe(2);
    }
  });

  it('a final connection error is rethrown as is', async () => {
    const s = setup();
    const failure = new ConnectionError('reset', { outcomeUnknown: true });
    await expect(run(s, makeCtx(), [() => failure]).promise).rejects.toBe(failure);
  });
});

describe('deadline and abort', () => {
  it('no wait is started that would pass the deadline: TimeoutError instead', async () => {
    const clock = createFakeClock(1_000_000, { auto: true });
    const s = setup({ retry: { baseDelayMs: 1000 } }, clock, () => 0.999);
    const r = run(s, makeCtx({ deadline: 1_000_000 + 1500 }), [() => respond(503)]);
    const error = await r.promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(r.calls()).toBe(2); // 999 ms wait fits, the 1999 ms one does not
    expect(clock.sleeps).toEqual([999]);
  });

  it('no attempt starts at or after the deadline', async () => {
    const clock = createFakeClock(5000, { auto: true });
    const s = setup({}, clock);
    const r = run(s, makeCtx({ deadline: 5000 }), [() => respond(200)]);
    await expect(r.promise).rejects.toBeInstanceOf(TimeoutError);
    expect(r.calls()).toBe(0);
  });

  it('a server wait past the deadline is not slept', async () => {
    const clock = createFakeClock(0, { auto: true });
    const s = setup({}, clock);
    const r = run(s, makeCtx({ deadline: 10_000 }), [() => respond(429, { 'retry-after': '30' })]);
    await expect(r.promise).rejects.toBeInstanceOf(TimeoutError);
    expect(clock.sleeps).toEqual([]);
  });

  it('aborting during a backoff wait rejects at once with AbortError and sends nothing more', async () => {
    const clock = createFakeClock(0);
    const s = setup({}, clock);
    const controller = new AbortController();
    const r = run(s, makeCtx({ signal: controller.signal }), [() => respond(503)]);
    const settled = r.promise.catch((e: unknown) => e);
    await flush();
    expect(clock.pending()).toBe(1);
    controller.abort(new Error('user cancelled'));
    const error = await settled;
    expect(error).toBeInstanceOf(AbortError);
    expect(clock.now()).toBe(0);
    expect(r.calls()).toBe(1);
  });

  it('an already aborted signal sends nothing', async () => {
    const s = setup();
    const controller = new AbortController();
    controller.abort();
    const r = run(s, makeCtx({ signal: controller.signal }), [() => respond(200)]);
    await expect(r.promise).rejects.toBeInstanceOf(AbortError);
    expect(r.calls()).toBe(0);
  });

  it('a caller signal that aborts with a TimeoutError reason becomes TimeoutError', async () => {
    const clock = createFakeClock(0);
    const s = setup({}, clock);
    const controller = new AbortController();
    const r = run(s, makeCtx({ signal: controller.signal }), [() => respond(503)]);
    const settled = r.promise.catch((e: unknown) => e);
    await flush();
    controller.abort(new DOMException('timed out', 'TimeoutError'));
    expect(await settled).toBeInstanceOf(TimeoutError);
  });
});

describe('observability of the loop', () => {
  it('logs one record per attempt and emits retry/request events', async () => {
    const s = setup();
    const ctx = makeCtx({ id: 'listThings' });
    await run(s, ctx, [() => respond(503), () => respond(200)]).promise;
    const attempts = s.recorder.lines.filter((l) => l.record['event'] === 'attempt');
    expect(attempts.map((l) => [l.level, l.record['status'], l.record['attempt'], l.record['will_retry']])).toEqual([
      ['warn', 503, 1, true],
      ['info', 200, 2, false],
    ]);
    const record = attempts[0]?.record ?? {};
    expect(record).toMatchObject({ method: 'GET', operation: 'listThings', request_id: ctx.requestId, url: URL_A.toString() });
    expect(typeof record['duration_ms']).toBe('number');
    expect(typeof record['timestamp']).toBe('string');
    expect(s.recorder.events.map((e) => e.type)).toEqual(['attempt', 'retry', 'attempt', 'request']);
    const snapshot = s.recorder.observer.metrics.snapshot();
    expect(snapshot).toMatchObject({ requests: 1, attempts: 2, retries: 1, successes: 1 });
  });
});
