/**
 * Server-asked waits, read once (resilience/retry-after.ts) for both the wait and
 * RateLimitError.retryAfterMs, and bounded: one huge Retry-After cannot pause a whole origin for
 * days (maxLearnedPauseMs, default 60 s like maxRetryAfterMs). Real loopback socket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntimeClient } from '../../../runtime/client/runtime-client.js';
import type { Clock } from '../../../runtime/client/descriptor.js';
import { RateLimitError } from '../../../runtime/errors/errors.js';
import { formatHttpDate } from '../support/fault-server.js';
import { json, makeApi, makeOp, rejectionOf, startServer, type TestServer } from '../support/client.js';

let server: TestServer;
let answers: Array<() => [number, Record<string, string>]> = [];
beforeAll(async () => {
  server = await startServer((_req, res) => {
    const [status, headers] = answers.shift()?.() ?? [200, {}];
    json(res, status, { status }, headers);
  });
});
afterAll(() => server.close());

/** Real time plus what was slept: sleeps are recorded and move this clock forward at once (the transport timer is off: timeoutMs Infinity). */
function recordingClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  let slept = 0;
  return {
    sleeps,
    now: () => Date.now() + slept,
    sleep: async (ms) => {
      sleeps.push(ms);
      slept += ms;
    },
  };
}

describe('server-asked waits', () => {
  it('a Retry-After of one day fails that call at once and pauses the origin for at most 60 s', async () => {
    const clock = recordingClock();
    const client = createRuntimeClient(makeApi([{ url: server.origin }]), {
      clock,
      timeoutMs: Number.POSITIVE_INFINITY,
      circuitBreaker: false,
      // Long enough to wait out the capped pause; without the cap the wait (a day) would be refused.
      rateLimit: { maxWaitMs: 120_000 },
    });
    answers = [() => [429, { 'retry-after': '86400' }], () => [200, {}]];
    const error = await rejectionOf(client.request(makeOp(), undefined));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(86_400_000);
    await expect(client.request(makeOp(), undefined)).resolves.toEqual({ status: 200 });
    expect(clock.sleeps.length).toBeGreaterThan(0); // the learned pause was waited …
    expect(Math.max(...clock.sleeps)).toBeLessThanOrEqual(60_000); // … but never longer than the ceiling
  });

  it('RateLimitError.retryAfterMs reads an HTTP-date against the server’s own Date (skew cancelled)', async () => {
    const client = createRuntimeClient(makeApi([{ url: server.origin }]), {
      retry: false,
      circuitBreaker: false,
      rateLimit: false,
    });
    // The server's clock runs an hour ahead; it asks for 30 s.
    const serverNow = Math.floor(Date.now() / 1000) * 1000 + 3_600_000;
    answers = [
      () => [
        429,
        { date: formatHttpDate(serverNow, 'imf-fixdate'), 'retry-after': formatHttpDate(serverNow + 30_000, 'imf-fixdate') },
      ],
    ];
    const error = await rejectionOf(client.request(makeOp(), undefined));
    expect((error as RateLimitError).retryAfterMs).toBe(30_000);
  });

  it('RateLimitError.retryAfterMs honours retry-after-ms, as the retry loop does', async () => {
    const client = createRuntimeClient(makeApi([{ url: server.origin }]), {
      retry: false,
      circuitBreaker: false,
      rateLimit: false,
    });
    answers = [() => [429, { 'retry-after-ms': '1500', 'retry-after': '9' }]];
    const error = await rejectionOf(client.request(makeOp(), undefined));
    expect((error as RateLimitError).retryAfterMs).toBe(1500);
  });
});
