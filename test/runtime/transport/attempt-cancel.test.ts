/** How an attempt is ended (transport/attempt-cancel.ts): by the caller's signal or the timer, seen by a signal or a callback. */
import { describe, expect, it } from 'vitest';
import { createAttemptCancel } from '../../../runtime/transport/attempt-cancel.js';

describe('createAttemptCancel', () => {
  it('without a timer, hands fetch the caller’s own signal', () => {
    const caller = new AbortController();
    expect(createAttemptCancel(caller.signal, false).cancel.signal).toBe(caller.signal);
    expect(createAttemptCancel(undefined, false).cancel.signal).toBeUndefined();
  });

  it('the timer’s end reaches callbacks, and a signal read later is already aborted with the reason', () => {
    const control = createAttemptCancel(undefined, true);
    const seen: unknown[] = [];
    control.cancel.onCancel((reason) => seen.push(reason));
    const reason = new Error('timed out');
    control.end(reason);
    control.end(new Error('again')); // only the first end counts
    expect(seen).toEqual([reason]);
    expect(control.cancel.ended).toBe(true);
    expect(control.cancel.signal?.aborted).toBe(true);
    expect(control.cancel.signal?.reason).toBe(reason);
    const late: unknown[] = [];
    control.cancel.onCancel((why) => late.push(why));
    expect(late).toEqual([reason]);
  });

  it('follows the caller’s abort into the signal and the callbacks, until disposed', () => {
    const caller = new AbortController();
    const control = createAttemptCancel(caller.signal, true);
    const signal = control.cancel.signal;
    expect(signal).not.toBe(caller.signal);
    const seen: unknown[] = [];
    const stop = control.cancel.onCancel((reason) => seen.push(reason));
    caller.abort('stop');
    expect(signal?.aborted).toBe(true);
    expect(seen).toEqual(['stop']);
    stop();

    const other = new AbortController();
    const disposed = createAttemptCancel(other.signal, true);
    const none: unknown[] = [];
    disposed.cancel.onCancel((reason) => none.push(reason));
    disposed.dispose();
    other.abort('late');
    expect(none).toEqual([]);
    expect(disposed.cancel.ended).toBe(false);
  });

  it('an unsubscribed callback is not called', () => {
    const control = createAttemptCancel(undefined, true);
    const seen: unknown[] = [];
    const stop = control.cancel.onCancel((reason) => seen.push(reason));
    stop();
    control.end('x');
    expect(seen).toEqual([]);
  });
});
