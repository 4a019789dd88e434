/**
 * A fake Clock for timing rules. `auto` mode: every sleep returns at once and moves time forward
 * by its length (sequential flows). Manual mode: sleeps wait until `advance()` passes their time.
 */
import type { Clock } from '../../../runtime/client/descriptor.js';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

export interface FakeClock extends Clock {
  /** Every sleep requested, in order, in ms. */
  readonly sleeps: number[];
  /** Moves time forward by `ms`, firing due timers in time order and letting promises settle. */
  advance(ms: number): Promise<void>;
  /** Sleeps still waiting. */
  pending(): number;
  set(now: number): void;
}

/** Lets every queued promise reaction run (a macrotask turn drains the microtask queue). */
export async function flush(turns = 3): Promise<void> {
  for (let i = 0; i < turns; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

export function createFakeClock(start = Date.UTC(2025, 0, 15, 12, 0, 0), options: { auto?: boolean } = {}): FakeClock {
  let now = start;
  let seq = 0;
  const timers: Timer[] = [];
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    set(value) {
      now = value;
    },
    pending: () => timers.length,
    sleep(ms, signal) {
      sleeps.push(ms);
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- same contract as the real clock: the signal's reason
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (options.auto === true) {
        now += Math.max(0, ms);
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        const timer: Timer = {
          at: now + Math.max(0, ms),
          seq: (seq += 1),
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        const onAbort = (): void => {
          const i = timers.indexOf(timer);
          if (i >= 0) timers.splice(i, 1);
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- same contract as the real clock: the signal's reason
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        timers.push(timer);
      });
    },
    async advance(ms) {
      const target = now + ms;
      await flush();
      for (let guard = 0; guard < 100_000; guard += 1) {
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const next = timers[0];
        if (next === undefined || next.at > target) break;
        timers.shift();
        now = Math.max(now, next.at);
        next.resolve();
        await flush();
      }
      now = target;
      await flush();
    },
  };
}
