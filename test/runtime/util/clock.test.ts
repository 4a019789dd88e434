import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../runtime/client/descriptor.js';
import { sleepFor, startTimer, systemClock } from '../../../runtime/util/clock.js';

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

describe('startTimer', () => {
  const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  it('fires once on the system clock, and not at all when stopped first', async () => {
    let fired = 0;
    startTimer(systemClock, 1, () => (fired += 1));
    const stop = startTimer(systemClock, 1, () => (fired += 10));
    stop();
    stop(); // stopping twice is harmless
    await settle(20);
    expect(fired).toBe(1);
  });

  it('drives a clock without timer() through its sleep, and a stop reaches that sleep as an abort', async () => {
    const sleeps: { ms: number; signal: AbortSignal | undefined }[] = [];
    let wake: () => void = () => undefined;
    const clock: Clock = {
      now: () => 0,
      sleep: (ms, signal) => {
        sleeps.push({ ms, signal });
        return new Promise<void>((resolve) => (wake = resolve));
      },
    };
    let fired = 0;
    const stop = startTimer(clock, 250, () => (fired += 1));
    expect(sleeps.map((s) => s.ms)).toEqual([250]);
    wake();
    await settle(0);
    expect(fired).toBe(1);

    startTimer(clock, 300, () => (fired += 1));
    const second = sleeps[1]?.signal;
    stop(); // the first timer's stop leaves the second alone
    expect(second?.aborted).toBe(false);
    const stopSecond = startTimer(clock, 400, () => (fired += 1));
    stopSecond();
    expect(sleeps[2]?.signal?.aborted).toBe(true);
  });
});
