import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AbortError, ConnectionError, TimeoutError } from '../../../runtime/errors/errors.js';
import {
  computeBackoffDelay,
  createRetryBudget,
  decideRetry,
  parseHttpDate,
  parseRetryAfter,
  readRateLimitHeaders,
  readServerWaitMs,
  resolveRetryPolicy,
  type AttemptOutcome,
} from '../../../runtime/resilience/retry.js';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const policy = resolveRetryPolicy(undefined);

describe('computeBackoffDelay', () => {
  it('stays within [0, min(maxDelay, base·2^n)] for any retry index, settings and random draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 120_000 }),
        fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(Number.NaN, -1, 2, 0.999999999)),
        (n, base, max, draw) => {
          const delay = computeBackoffDelay(n, { baseDelayMs: base, maxDelayMs: max }, () => draw);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(Math.min(max, base * 2 ** n));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('uses the default curve 500 · 2^n capped at 8000 (full jitter at the top of the range)', () => {
    const top = (n: number): number => computeBackoffDelay(n, policy, () => 0.999999);
    expect([0, 1, 2, 3, 4, 5].map(top)).toEqual([499, 999, 1999, 3999, 7999, 7999]);
    expect(computeBackoffDelay(3, policy, () => 0)).toBe(0);
  });
});

describe('parseHttpDate (RFC 9110 §5.6.7)', () => {
  const expected = Date.UTC(1994, 10, 6, 8, 49, 37);
  it.each([
    ['IMF-fixdate', 'Sun, 06 Nov 1994 08:49:37 GMT', expected],
    ['obsolete RFC 850', 'Sunday, 06-Nov-94 08:49:37 GMT', expected],
    ['ANSI C asctime', 'Sun Nov  6 08:49:37 1994', expected],
    ['asctime with a two-digit day', 'Tue Nov 15 08:49:37 1994', Date.UTC(1994, 10, 15, 8, 49, 37)],
    ['surrounding whitespace', '  Sun, 06 Nov 1994 08:49:37 GMT ', expected],
    ['31 February', 'Mon, 31 Feb 2025 08:49:37 GMT', undefined],
    ['hour 25', 'Sun, 06 Nov 1994 25:49:37 GMT', undefined],
    ['unknown month', 'Sun, 06 Noo 1994 08:49:37 GMT', undefined],
    ['not GMT', 'Sun, 06 Nov 1994 08:49:37 PST', undefined],
    ['ISO 8601 is not an HTTP-date', '1994-11-06T08:49:37Z', undefined],
  ])('%s', (_, given, want) => expect(parseHttpDate(given, NOW)).toBe(want));

  it.each([
    ['94 seen in 2025 is 1994 (more than 50 years ahead otherwise)', 2025, '94', 1994],
    ['30 seen in 2025 is 2030', 2025, '30', 2030],
    ['75 seen in 2025 is 2075 (exactly 50 years ahead)', 2025, '75', 2075],
    ['76 seen in 2025 is 1976', 2025, '76', 1976],
    ['10 seen in 2090 is 2110, not 2010', 2090, '10', 2110],
  ])('two-digit years: %s', (_, year, yy, want) => {
    const parsed = parseHttpDate(`Sunday, 06-Nov-${yy} 08:49:37 GMT`, Date.UTC(year, 5, 1));
    expect(parsed === undefined ? undefined : new Date(parsed).getUTCFullYear()).toBe(want);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['delta-seconds', '120', 120_000],
    ['zero', '0', 0],
    ['fractional seconds (tolerated)', '1.5', 1500],
    ['negative is invalid', '-5', undefined],
    ['garbage', 'soon', undefined],
    ['a date 30 s ahead', 'Wed, 15 Jan 2025 12:00:30 GMT', 30_000],
    ['a date in the past waits 0', 'Wed, 15 Jan 2025 11:00:00 GMT', 0],
  ])('%s', (_, given, want) => expect(parseRetryAfter(given, NOW)).toBe(want));
});

describe('readRateLimitHeaders', () => {
  it.each([
    ['structured list (draft-08+)', { ratelimit: '"default";r=0;t=30' }, { remaining: 0, resetInMs: 30_000 }],
    [
      'structured, the most restrictive policy wins',
      { ratelimit: '"hour";r=100;t=3000, "burst";r=0;t=5' },
      { remaining: 0, resetInMs: 5000 },
    ],
    [
      'structured, tie on r picks the longest wait',
      { ratelimit: '"a";r=0;t=5, "b";r=0;t=50' },
      { remaining: 0, resetInMs: 50_000 },
    ],
    [
      'structured with policy',
      { ratelimit: '"default";r=7;t=2', 'ratelimit-policy': '"default";q=100;w=60' },
      { remaining: 7, resetInMs: 2000 },
    ],
    ['dictionary (draft-07)', { ratelimit: 'limit=10, remaining=0, reset=6' }, { remaining: 0, resetInMs: 6000 }],
    [
      'RateLimit-Remaining/Reset (drafts 00–06)',
      { 'ratelimit-remaining': '0', 'ratelimit-reset': '4' },
      { remaining: 0, resetInMs: 4000 },
    ],
    [
      'X-RateLimit-Reset in epoch seconds',
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 42) },
      { remaining: 0, resetInMs: 42_000 },
    ],
    [
      'X-RateLimit-Reset in epoch ms',
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW + 1500) },
      { remaining: 0, resetInMs: 1500 },
    ],
    [
      'X-RateLimit-Reset as a delta',
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '12' },
      { remaining: 0, resetInMs: 12_000 },
    ],
    [
      'X-RateLimit-Reset in the past',
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 - 5) },
      { remaining: 0, resetInMs: 0 },
    ],
    [
      'epoch reset measured against the server Date (clock skew)',
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 10), date: 'Wed, 15 Jan 2025 12:00:05 GMT' },
      { remaining: 0, resetInMs: 5000 },
    ],
    ['nothing', {}, {}],
  ])('%s', (_, headers, want) => expect(readRateLimitHeaders(new Headers(headers), NOW)).toEqual(want));
});

describe('readServerWaitMs', () => {
  it('prefers retry-after-ms, then Retry-After, then an exhausted quota reset', () => {
    const all = { 'retry-after-ms': '250', 'retry-after': '3', ratelimit: '"d";r=0;t=9' };
    expect(readServerWaitMs(new Headers(all), 503, NOW)).toBe(250);
    expect(readServerWaitMs(new Headers({ 'retry-after': '3', ratelimit: '"d";r=0;t=9' }), 503, NOW)).toBe(3000);
    expect(readServerWaitMs(new Headers({ ratelimit: '"d";r=0;t=9' }), 503, NOW)).toBe(9000);
  });
  it('ignores a reset when quota is left, unless the status is 429', () => {
    expect(readServerWaitMs(new Headers({ ratelimit: '"d";r=5;t=9' }), 503, NOW)).toBeUndefined();
    expect(readServerWaitMs(new Headers({ 'x-ratelimit-reset': '9' }), 429, NOW)).toBe(9000);
  });
});

describe('decideRetry', () => {
  const response = (status: number, headers: Record<string, string> = {}): AttemptOutcome => ({
    kind: 'response',
    status,
    headers: new Headers(headers),
  });
  const error = (e: unknown): AttemptOutcome => ({ kind: 'error', error: e });
  const decide = (outcome: AttemptOutcome, method = 'GET', key = false, retriesSoFar = 0) =>
    decideRetry({ outcome, method, hasIdempotencyKey: key, retriesSoFar, policy, now: NOW });

  it.each([
    ['GET 503', response(503), 'GET', false, true],
    ['GET 408, 429, 500, 502, 504', response(504), 'GET', false, true],
    ['GET 501 is not in the list', response(501), 'GET', false, false],
    ['GET 404', response(404), 'GET', false, false],
    ['PUT, DELETE, HEAD, OPTIONS, TRACE 503', response(503), 'TRACE', false, true],
    ['POST 503 without a key', response(503), 'POST', false, false],
    ['PATCH 503 without a key', response(503), 'PATCH', false, false],
    ['POST 503 with a key', response(503), 'POST', true, true],
    ['x-should-retry: false beats 503', response(503, { 'x-should-retry': 'false' }), 'GET', false, false],
    ['x-should-retry: true on 400', response(400, { 'x-should-retry': 'true' }), 'GET', false, true],
    ['x-should-retry: true lets a POST without key go again', response(409, { 'x-should-retry': 'true' }), 'POST', false, true],
    ['x-should-retry: true never repeats a success', response(200, { 'x-should-retry': 'true' }), 'GET', false, false],
    ['GET connection error', error(new ConnectionError('reset', { outcomeUnknown: true })), 'GET', false, true],
    [
      'POST connection error, outcome unknown',
      error(new ConnectionError('reset', { outcomeUnknown: true })),
      'POST',
      false,
      false,
    ],
    ['POST connection error, never sent', error(new ConnectionError('refused', { outcomeUnknown: false })), 'POST', false, true],
    ['POST with key, outcome unknown', error(new ConnectionError('reset', { outcomeUnknown: true })), 'POST', true, true],
    ['GET timeout', error(new TimeoutError('slow')), 'GET', false, true],
    ['POST timeout without key', error(new TimeoutError('slow')), 'POST', false, false],
    ['abort', error(new AbortError('stop')), 'GET', false, false],
    ['an unknown error', error(new TypeError('bug')), 'GET', false, false],
  ])('%s → retry %s', (_, outcome, method, key, want) => expect(decide(outcome, method, key).retry).toBe(want));

  it('stops after maxRetries', () => {
    expect(decide(response(503), 'GET', false, 1).retry).toBe(true);
    expect(decide(response(503), 'GET', false, 2)).toEqual({ retry: false, reason: 'max-retries' });
  });

  it('returns the server wait, and refuses a wait above maxRetryAfterMs', () => {
    expect(decide(response(429, { 'retry-after': '2' }))).toEqual({ retry: true, reason: 'status-429', serverWaitMs: 2000 });
    expect(decide(response(429, { 'retry-after': '61' }))).toEqual({
      retry: false,
      reason: 'retry-after-too-long',
      waitTooLongMs: 61_000,
    });
  });
});

describe('createRetryBudget', () => {
  it('spends one token per retry, refills 0.1 per success, never above capacity', () => {
    const budget = createRetryBudget({ capacity: 2, refillPerSuccess: 0.5 });
    expect([budget.trySpend(), budget.trySpend(), budget.trySpend()]).toEqual([true, true, false]);
    budget.recordSuccess();
    expect(budget.trySpend()).toBe(false);
    budget.recordSuccess();
    expect(budget.trySpend()).toBe(true);
    for (let i = 0; i < 10; i += 1) budget.recordSuccess();
    expect(budget.tokens).toBe(2);
  });
  it('defaults to 10 tokens', () => {
    const budget = createRetryBudget(undefined);
    let granted = 0;
    while (budget.trySpend() && granted < 100) granted += 1;
    expect(granted).toBe(10);
  });
});
