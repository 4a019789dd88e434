/**
 * How one attempt can be ended early: by the caller's AbortSignal or by the attempt's timer.
 *
 * A fetch can only be cancelled through an AbortSignal, and linking one costs (an AbortController,
 * fetch's own listener on it). A direct transport (wire.ts) needs none: it registers its abort
 * function with `onCancel`. So the signal is built on first read — by a fetch hop — and an attempt
 * sent through a direct transport never builds one.
 */

export interface AttemptCancel {
  /**
   * The signal to hand a fetch: the caller's own when no timer can fire, else one that follows the
   * caller's and the timer (built on first read; already aborted if the attempt already ended).
   */
  readonly signal: AbortSignal | undefined;
  /** Whether the attempt was ended, and why. */
  readonly ended: boolean;
  readonly reason: unknown;
  /** Calls `abort(reason)` when the attempt ends (at once if it has); returns the unsubscribe. */
  onCancel(abort: (reason: unknown) => void): () => void;
}

export interface AttemptCancelControl {
  readonly cancel: AttemptCancel;
  /** Ends the attempt (the timer fired). */
  end(reason: unknown): void;
  /** Releases the listener on the caller's signal. */
  dispose(): void;
}

export function createAttemptCancel(caller: AbortSignal | undefined, timed: boolean): AttemptCancelControl {
  let ended = caller?.aborted === true;
  let reason: unknown = caller?.reason;
  let controller: AbortController | undefined;
  let listeners: Array<(reason: unknown) => void> | undefined;
  let following = false;

  const end = (why: unknown): void => {
    if (ended) return;
    ended = true;
    reason = why;
    controller?.abort(why);
    if (listeners !== undefined) for (const listener of listeners.splice(0)) listener(why);
  };
  const onCallerAbort = (): void => end(caller?.reason);
  /** The caller's signal is followed only once someone listens: the common call has no caller signal at all. */
  const follow = (): void => {
    if (following || caller === undefined || ended) return;
    following = true;
    caller.addEventListener('abort', onCallerAbort, { once: true });
  };

  const cancel: AttemptCancel = {
    get signal() {
      if (!timed) return caller;
      if (controller === undefined) {
        controller = new AbortController();
        if (ended) controller.abort(reason);
        else follow();
      }
      return controller.signal;
    },
    get ended() {
      return ended;
    },
    get reason() {
      return reason;
    },
    onCancel(abort) {
      if (ended) {
        abort(reason);
        return noop;
      }
      follow();
      (listeners ??= []).push(abort);
      return () => {
        const index = listeners?.indexOf(abort) ?? -1;
        if (index >= 0) listeners?.splice(index, 1);
      };
    },
  };
  return {
    cancel,
    end,
    dispose: () => {
      if (following) caller?.removeEventListener('abort', onCallerAbort);
    },
  };
}

const noop = (): void => undefined;
