/**
 * Bounds every call to a remote store and decides when to stop calling it.
 *
 * - Each operation gets `timeoutMs`; a slower or failing one is abandoned (its late settlement is
 *   absorbed: no unhandled rejection) and the caller uses local state.
 * - After a failure the store is *degraded*: operations go local at once (no timeout paid per
 *   call) until `retryIntervalMs` has passed; then one operation at a time probes Redis, and the
 *   first success resumes sharing. The client library's own reconnect brings Redis back; the guard
 *   only notices.
 */

export interface StoreStats {
  /** Operations answered by the remote store. */
  remote: number;
  /** Operations answered locally because the store failed, timed out or was degraded. */
  local: number;
  /** Operations that timed out. */
  timeouts: number;
  /** Times sharing stopped (healthy → degraded). */
  fallbacks: number;
  /** Commands sent (a script is one, two when Redis had to load it). */
  roundTrips: number;
}

export type GuardResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface StoreGuard {
  run<T>(work: () => Promise<T>): Promise<GuardResult<T>>;
  /** Incremented each time the store becomes degraded; views announce each epoch once. */
  readonly epoch: number;
  readonly stats: StoreStats;
}

export interface StoreGuardOptions {
  timeoutMs: number;
  retryIntervalMs: number;
  now: () => number;
}

class StoreTimeoutError extends Error {
  override name = 'StoreTimeoutError';
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 200);
  return 'store error';
}

export function createStoreGuard(options: StoreGuardOptions): StoreGuard {
  const stats: StoreStats = { remote: 0, local: 0, timeouts: 0, fallbacks: 0, roundTrips: 0 };
  let degraded = false;
  let retryAt = 0;
  let probing = false;
  let epoch = 0;
  let lastReason = 'store unavailable';

  const bounded = <T>(work: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        stats.timeouts += 1;
        reject(new StoreTimeoutError(`timeout after ${options.timeoutMs} ms`));
      }, options.timeoutMs);
      // Node keeps a process alive for a pending timer; a store operation must not.
      (timer as { unref?: () => void }).unref?.();
      let started: Promise<T>;
      try {
        started = work();
      } catch (error) {
        started = Promise.reject(asError(error));
      }
      started.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(asError(error));
        },
      );
    });

  return {
    get epoch() {
      return epoch;
    },
    stats,
    async run(work) {
      const probe = degraded && !probing && options.now() >= retryAt;
      if (degraded && !probe) {
        stats.local += 1;
        return { ok: false, reason: lastReason };
      }
      if (probe) probing = true;
      try {
        const value = await bounded(work);
        stats.remote += 1;
        degraded = false;
        return { ok: true, value };
      } catch (error) {
        stats.local += 1;
        lastReason = describe(error);
        if (!degraded) {
          degraded = true;
          epoch += 1;
          stats.fallbacks += 1;
        }
        retryAt = options.now() + options.retryIntervalMs;
        return { ok: false, reason: lastReason };
      } finally {
        if (probe) probing = false;
      }
    },
  };
}
