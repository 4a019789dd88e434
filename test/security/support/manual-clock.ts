/**
 * A fake Clock (runtime/client/descriptor.ts): short sleeps (retry backoff) resolve at once; long ones (the
 * per-attempt timeout) wait until the test calls `fireTimeouts()`. No test waits for real time.
 */
export interface ManualClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Resolves every pending long sleep, as if its time had passed. Returns how many fired. */
  fireTimeouts(): number;
  /** Long sleeps waiting right now. */
  pending(): number;
}

export function createManualClock(shortMs = 1_000): ManualClock {
  let now = 1_700_000_000_000;
  const waiting = new Set<() => void>();
  return {
    now: () => now,
    sleep(ms, signal) {
      if (ms < shortMs) {
        now += ms;
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        const fire = (): void => {
          waiting.delete(fire);
          now += ms;
          resolve();
        };
        waiting.add(fire);
        signal?.addEventListener(
          'abort',
          () => {
            waiting.delete(fire);
            reject(signal.reason instanceof Error ? signal.reason : new Error('aborted', { cause: signal.reason }));
          },
          { once: true },
        );
      });
    },
    fireTimeouts() {
      const all = [...waiting];
      for (const fire of all) fire();
      return all.length;
    },
    pending: () => waiting.size,
  };
}
