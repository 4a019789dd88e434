/**
 * `apiwright generate --watch`: generate, then regenerate whenever the spec or a file its `$ref`s
 * read changes (chokidar; changes within `debounceMs` make one run). One summary line per run. A
 * failed run (a half-saved file, a broken ref) prints its error and leaves the previous output as it
 * was (write/ swaps the output in only after everything was generated). Stops cleanly on `stop`
 * (SIGINT or SIGTERM from the command), with exit code 0.
 */
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { GenerateResult } from '../generate.js';
import type { CliIo, GenerateFn } from './io.js';
import { displayPath, writeLine } from './io.js';
import type { CommandArgs } from './parse-args.js';
import { EXIT_OK, reportError } from './report-error.js';
import type { RunInputs } from './resolve-inputs.js';
import { runGenerate } from './run-generate.js';

export interface WatchOptions {
  /** Aborts the watch: the command then exits 0. */
  stop: AbortSignal;
  /** Quiet period after a change before regenerating. Default 150 ms. */
  debounceMs?: number;
}

export async function watchGenerate(
  io: CliIo,
  generate: GenerateFn,
  args: CommandArgs,
  inputs: RunInputs,
  options: WatchOptions,
): Promise<number> {
  const now = io.now ?? (() => performance.now());
  const watched = new Set<string>([inputs.spec]);
  const watcher = watch([inputs.spec], { ignoreInitial: true, persistent: true });
  watcher.on('error', (error) => writeLine(io.stderr, `apiwright: watch error: ${String(error)}`));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  const run = async (): Promise<void> => {
    const started = now();
    try {
      const result = await runGenerate(io, generate, args, inputs, false);
      updateWatched(watcher, watched, inputs.spec, result);
      writeLine(io.stdout, `${clock()} ${summary(io, inputs, result, Math.round(now() - started))}`);
    } catch (error) {
      reportError(error, io.stderr, args.debug);
      writeLine(io.stdout, `${clock()} Failed; the previous output in ${displayPath(io.cwd, inputs.out)} is unchanged`);
    }
  };
  const runs = createSerialRunner(run);

  await runs.now();
  writeLine(io.stdout, `Watching ${watched.size} file${watched.size === 1 ? '' : 's'} for changes (Ctrl-C to stop)`);
  let timer: ReturnType<typeof setTimeout> | undefined;
  watcher.on('all', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void runs.request(), options.debounceMs ?? 150);
  });

  await new Promise<void>((resolve) => {
    if (options.stop.aborted) resolve();
    else options.stop.addEventListener('abort', () => resolve(), { once: true });
  });
  clearTimeout(timer);
  await watcher.close();
  await runs.idle();
  return EXIT_OK;
}

/** Watches exactly the files the last successful run read (the entry spec always). */
function updateWatched(watcher: FSWatcher, watched: Set<string>, entry: string, result: GenerateResult): void {
  const next = new Set([entry, ...(result.sources ?? []).map((file) => path.resolve(file))]);
  const added = [...next].filter((file) => !watched.has(file));
  const removed = [...watched].filter((file) => !next.has(file));
  if (added.length > 0) watcher.add(added);
  if (removed.length > 0) watcher.unwatch(removed);
  watched.clear();
  for (const file of next) watched.add(file);
}

function summary(io: CliIo, inputs: RunInputs, result: GenerateResult, ms: number): string {
  const count = result.files.length;
  const { operations, schemas } = result.stats;
  return `Generated ${count} file${count === 1 ? '' : 's'} in ${displayPath(io.cwd, inputs.out)} (${operations} operations, ${schemas} schemas, ${ms} ms)`;
}

function clock(): string {
  return `[${new Date().toISOString().slice(11, 19)}]`;
}

/** Runs never overlap: a request during a run makes exactly one more run after it. */
function createSerialRunner(run: () => Promise<void>): { now(): Promise<void>; request(): Promise<void>; idle(): Promise<void> } {
  let current: Promise<void> | undefined;
  let again = false;
  const start = (): Promise<void> => {
    current = run().finally(() => {
      current = undefined;
      if (again) {
        again = false;
        void start();
      }
    });
    return current;
  };
  return {
    now: start,
    request() {
      if (current !== undefined) {
        again = true;
        return current;
      }
      return start();
    },
    async idle() {
      again = false;
      while (current !== undefined) await current;
    },
  };
}

/** An AbortSignal that fires on the first SIGINT or SIGTERM, for the real command line. */
export function processStopSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = (): void => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return controller.signal;
}
