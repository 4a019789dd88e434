/**
 * A progress line on stderr for runs that take more than a second: `apiwright: loading spec… 1.4 s`,
 * rewritten in place, erased when the run ends. Only on a TTY: logs and pipes never see it.
 */
import type { TextSink } from './io.js';

export interface Progress {
  /** Names the current step (`loading`, `generating`…); shown once the run is past the delay. */
  step(name: string): void;
  /** Erases the line for a moment, so another line can be printed; the next redraw brings it back. */
  clear(): void;
  /** Erases the line for good; call it before printing the result. */
  stop(): void;
}

export interface ProgressOptions {
  /** Milliseconds before the line first appears. Default 1000. */
  delayMs?: number;
  /** Milliseconds between redraws. Default 250. */
  intervalMs?: number;
  now?: () => number;
}

const silent: Progress = { step: () => undefined, clear: () => undefined, stop: () => undefined };

export function isTty(sink: TextSink): boolean {
  return (sink as { isTTY?: unknown }).isTTY === true;
}

export function createProgress(sink: TextSink, options: ProgressOptions = {}): Progress {
  if (!isTty(sink)) return silent;
  const now = options.now ?? (() => performance.now());
  const started = now();
  let current = 'working';
  let shown = false;
  const draw = (): void => {
    const seconds = ((now() - started) / 1000).toFixed(1);
    sink.write(`\r\u001b[2Kapiwright: ${current}… ${seconds} s`);
    shown = true;
  };
  let interval: ReturnType<typeof setInterval> | undefined;
  const delay = setTimeout(() => {
    draw();
    interval = setInterval(draw, options.intervalMs ?? 250);
    interval.unref();
  }, options.delayMs ?? 1000);
  delay.unref();
  return {
    step(name) {
      current = name;
      if (shown) draw();
    },
    clear() {
      if (shown) sink.write('\r\u001b[2K');
      shown = false;
    },
    stop() {
      clearTimeout(delay);
      if (interval !== undefined) clearInterval(interval);
      if (shown) sink.write('\r\u001b[2K');
      shown = false;
    },
  };
}
