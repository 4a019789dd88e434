/**
 * Keyed single-flight: while a task for a key is running, later callers for that key share its
 * promise instead of starting another. Used so N concurrent requests that find a token expired cause
 * exactly one token request. A failed task rejects every waiter and is forgotten, so the next call
 * starts afresh.
 */
import type { Clock } from '../client/descriptor.js';

export type SingleFlight<T> = (key: string, task: () => Promise<T>) => Promise<T>;

export function createSingleFlight<T>(): SingleFlight<T> {
  const running = new Map<string, Promise<T>>();
  return (key, task) => {
    const existing = running.get(key);
    if (existing) return existing;
    const promise = (async () => {
      try {
        return await task();
      } finally {
        running.delete(key);
      }
    })();
    // Set synchronously, before the task's first await resolves, so callers in the same tick join it.
    running.set(key, promise);
    return promise;
  };
}

/** How long one caller may wait for a shared task: its signal and its call's deadline. */
export interface WaitLimits {
  readonly signal?: AbortSignal | undefined;
  /** Absolute clock time (the call's `deadlineMs` from its start). */
  readonly deadline?: number | undefined;
}

/**
 * Waits for `promise` but stops waiting (not the shared task, which other callers may still want)
 * when this caller's signal aborts or its deadline passes; `onDeadline` names the error.
 */
export async function waitWithin<T>(promise: Promise<T>, limits: WaitLimits, clock: Clock, onDeadline: () => Error): Promise<T> {
  const { signal, deadline } = limits;
  if (signal === undefined && deadline === undefined) return promise;
  if (signal?.aborted === true) throw abortReason(signal);
  const stop = new AbortController();
  const waits: Promise<never>[] = [];
  if (signal !== undefined) {
    waits.push(
      new Promise<never>((_, reject) => {
        const onAbort = (): void => reject(abortReason(signal));
        signal.addEventListener('abort', onAbort, { once: true });
        stop.signal.addEventListener('abort', () => signal.removeEventListener('abort', onAbort), { once: true });
      }),
    );
  }
  if (deadline !== undefined) {
    const remaining = deadline - clock.now();
    if (remaining <= 0) throw onDeadline();
    waits.push(clock.sleep(remaining, stop.signal).then(() => Promise.reject(onDeadline())));
  }
  try {
    return await Promise.race([promise, ...waits]);
  } finally {
    stop.abort();
  }
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('The operation was aborted', 'AbortError');
}
