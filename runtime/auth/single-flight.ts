/**
 * Keyed single-flight: while a task for a key is running, later callers for that key share its
 * promise instead of starting another. Used so N concurrent requests that find a token expired cause
 * exactly one token request. A failed task rejects every waiter and is forgotten, so the next call
 * starts afresh.
 */
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

/** Waits for `promise` but stops waiting (not the shared task) when this caller's signal aborts. */
export async function waitUnlessAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) throw abortReason(signal);
  let onAbort = (): void => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('The operation was aborted', 'AbortError');
}
