/**
 * The limiter's shared path with a scripted store (no Redis): how a reservation's answer becomes a
 * wait, a RateLimitError, a TimeoutError, or the local limiter when the store cannot answer.
 */
import { describe, expect, it } from 'vitest';
import { RateLimitError, TimeoutError } from '../../../runtime/errors/errors.js';
import type { RateLimitNotice } from '../../../runtime/resilience/rate-limit.js';
import { acquireShared } from '../../../runtime/stores/shared-rate-limit.js';
import type { SharedRateLimit } from '../../../runtime/stores/shared-state.js';
import { createFakeClock } from '../support/fake-clock.js';

function scripted(replies: (number | undefined)[]): SharedRateLimit & { asked: number[] } {
  const asked: number[] = [];
  return {
    asked,
    reserve: (_key, _interval, _burst, maxWaitMs) => {
      asked.push(maxWaitMs);
      return Promise.resolve(replies.shift());
    },
    pause: () => Promise.resolve(true),
  };
}

describe('acquireShared', () => {
  const base = { intervalMs: 20, burst: 1, maxWaitMs: 1000 };

  it('sleeps until the reserved slot and reports the wait once', async () => {
    const clock = createFakeClock(0, { auto: true });
    const notices: RateLimitNotice[] = [];
    const store = scripted([150]);
    await acquireShared(store, 'o', {}, { ...base, clock, onLimited: (n) => notices.push(n) }, () =>
      Promise.reject(new Error('local')),
    );
    expect(clock.sleeps).toEqual([150]);
    expect(notices).toEqual([{ key: 'o', waitMs: 150, rejected: false, requestId: undefined, operation: undefined }]);
  });

  it('refuses with RateLimitError (retryAfterMs) when the wait exceeds maxWaitMs', async () => {
    const clock = createFakeClock(0, { auto: true });
    const error = await acquireShared(scripted([-5000]), 'o', {}, { ...base, clock }, () => Promise.resolve()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(5000);
  });

  it('asks for no slot past the deadline, and refuses with TimeoutError', async () => {
    const clock = createFakeClock(0, { auto: true });
    const store = scripted([-300]);
    const error = await acquireShared(store, 'o', { deadline: 200 }, { ...base, clock }, () => Promise.resolve()).catch(
      (e: unknown) => e,
    );
    expect(store.asked).toEqual([200]);
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it('uses the local limiter when the store cannot answer', async () => {
    const clock = createFakeClock(0, { auto: true });
    let local = 0;
    await acquireShared(scripted([undefined]), 'o', {}, { ...base, clock }, () => {
      local += 1;
      return Promise.resolve();
    });
    expect(local).toBe(1);
  });
});
