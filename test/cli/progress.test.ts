/** The progress line: on a TTY only, after the delay, erased at the end. Fake timers, no real waits. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function sink(isTTY: boolean): { isTTY: boolean; text: string; write(chunk: string): void } {
  return {
    isTTY,
    text: '',
    write(chunk) {
      this.text += chunk;
    },
  };
}

describe('createProgress', () => {
  it('stays silent for a run shorter than the delay', () => {
    const out = sink(true);
    const progress = createProgress(out, { delayMs: 1000, now: () => 0 });
    progress.step('generating');
    vi.advanceTimersByTime(999);
    progress.stop();
    expect(out.text).toBe('');
  });

  it('shows the step and elapsed time after the delay, redraws in place, erases the line at the end', () => {
    const out = sink(true);
    let clock = 0;
    const progress = createProgress(out, { delayMs: 1000, intervalMs: 250, now: () => clock });
    progress.step('generating');
    clock = 1000;
    vi.advanceTimersByTime(1000);
    expect(out.text).toBe('\r\u001b[2Kapiwright: generating… 1.0 s');
    clock = 1250;
    vi.advanceTimersByTime(250);
    expect(out.text.endsWith('\r\u001b[2Kapiwright: generating… 1.3 s')).toBe(true);
    progress.stop();
    expect(out.text.endsWith('\r\u001b[2K')).toBe(true);
    const before = out.text;
    vi.advanceTimersByTime(5000);
    expect(out.text).toBe(before);
  });

  it('never writes when the stream is not a TTY', () => {
    const out = sink(false);
    const progress = createProgress(out, { delayMs: 0 });
    progress.step('generating');
    vi.advanceTimersByTime(5000);
    progress.stop();
    expect(out.text).toBe('');
  });
});
