import { describe, expect, it } from 'vitest';
import { sleepFor, systemClock } from '../../../runtime/util/clock.js';

describe('system clock', () => {
  it('now() is wall time', () => {
    const before = Date.now();
    const now = systemClock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('sleep resolves after roughly the delay', async () => {
    const start = performance.now();
    await sleepFor(5);
    expect(performance.now() - start).toBeGreaterThanOrEqual(4);
  });

  it('sleep rejects with the signal reason at once when aborted, or when already aborted', async () => {
    const controller = new AbortController();
    const start = performance.now();
    const pending = sleepFor(60_000, controller.signal);
    const reason = new Error('stop');
    setTimeout(() => controller.abort(reason), 2);
    await expect(pending).rejects.toBe(reason);
    expect(performance.now() - start).toBeLessThan(1000);
    await expect(sleepFor(10, AbortSignal.abort('gone'))).rejects.toBe('gone');
  });
});
