/**
 * The real clock: wall time from `Date.now()`, an abortable `setTimeout` sleep and a cancellable
 * timer. Tests inject a fake `Clock` (client/descriptor.ts), so no timing rule needs a real sleep.
 */
import type { Clock } from '../client/descriptor.js';

/** setTimeout fires at once for delays above 2^31 − 1 ms (HTML timers spec), so longer sleeps are chained. */
const MAX_TIMER_MS = 2_147_483_647;

/** Resolves after `ms` milliseconds, or rejects with `signal.reason` as soon as the signal aborts. */
export function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the Clock contract rejects with the signal's own reason
      reject(signal.reason);
      return;
    }
    let remaining = Math.max(0, Number.isFinite(ms) ? ms : MAX_TIMER_MS);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the Clock contract rejects with the signal's own reason
      reject(signal?.reason);
    };
    const arm = (): void => {
      const step = Math.min(remaining, MAX_TIMER_MS);
      remaining -= step;
      timer = setTimeout(() => {
        if (remaining > 0) {
          arm();
          return;
        }
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, step);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    arm();
  });
}

/** `fire` after `ms` unless cancelled: one setTimeout (chained through sleepFor past the timer limit). */
function systemTimer(ms: number, fire: () => void): () => void {
  if (ms <= MAX_TIMER_MS) {
    const handle = setTimeout(fire, Math.max(0, ms));
    return () => clearTimeout(handle);
  }
  return timerFromSleep(sleepFor, ms, fire);
}

/** Why a sleep-driven timer was stopped: a constant, so stopping builds no DOMException. */
const TIMER_STOPPED = Symbol('timer stopped');

function timerFromSleep(sleep: Clock['sleep'], ms: number, fire: () => void): () => void {
  const stop = new AbortController();
  void sleep(ms, stop.signal).then(fire, () => undefined);
  return () => stop.abort(TIMER_STOPPED);
}

/** Starts a cancellable timer on `clock`: its own `timer` when it has one, else through `sleep`. */
export function startTimer(clock: Clock, ms: number, fire: () => void): () => void {
  return clock.timer ? clock.timer(ms, fire) : timerFromSleep((t, signal) => clock.sleep(t, signal), ms, fire);
}

/** Creates the clock the runtime uses unless one is injected. */
export function createSystemClock(): Clock {
  return { now: () => Date.now(), sleep: sleepFor, timer: systemTimer };
}

export const systemClock: Clock = /* @__PURE__ */ createSystemClock();
