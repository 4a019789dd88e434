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
  return new AttemptEnd(caller, timed);
}

/** One object per attempt, its methods on the prototype: this runs on every call. */
class AttemptEnd implements AttemptCancel, AttemptCancelControl {
  ended: boolean;
  reason: unknown;
  private readonly caller: AbortSignal | undefined;
  private readonly timed: boolean;
  private controller: AbortController | undefined;
  private listeners: Array<(reason: unknown) => void> | undefined;
  /** Set once the caller's signal is followed (only when someone listens). */
  private onCallerAbort: (() => void) | undefined;

  constructor(caller: AbortSignal | undefined, timed: boolean) {
    this.caller = caller;
    this.timed = timed;
    this.ended = caller?.aborted === true;
    this.reason = caller?.reason;
  }

  get cancel(): AttemptCancel {
    return this;
  }

  get signal(): AbortSignal | undefined {
    if (!this.timed) return this.caller;
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.ended) this.controller.abort(this.reason);
      else this.follow();
    }
    return this.controller.signal;
  }

  onCancel(abort: (reason: unknown) => void): () => void {
    if (this.ended) {
      abort(this.reason);
      return noop;
    }
    this.follow();
    (this.listeners ??= []).push(abort);
    return () => {
      const index = this.listeners?.indexOf(abort) ?? -1;
      if (index >= 0) this.listeners?.splice(index, 1);
    };
  }

  end(why: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.reason = why;
    this.controller?.abort(why);
    if (this.listeners !== undefined) for (const listener of this.listeners.splice(0)) listener(why);
  }

  dispose(): void {
    if (this.onCallerAbort !== undefined) this.caller?.removeEventListener('abort', this.onCallerAbort);
  }

  /** The caller's signal is followed only once someone listens: the common call has no caller signal at all. */
  private follow(): void {
    const caller = this.caller;
    if (this.onCallerAbort !== undefined || caller === undefined || this.ended) return;
    this.onCallerAbort = () => this.end(caller.reason);
    caller.addEventListener('abort', this.onCallerAbort, { once: true });
  }
}

const noop = (): void => undefined;
