/**
 * Turns a failure into stderr text and an exit code: 2 for usage errors, 1 for everything else.
 * ApiwrightErrors print `error.format()` (file:line:col (pointer): message + hint), no stack trace
 * unless --debug.
 */
import { ApiwrightError } from '../errors.js';
import { writeLine, type TextSink } from './io.js';
import { UsageError } from './usage-error.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

function stackOf(error: unknown): string | undefined {
  return error instanceof Error ? error.stack : undefined;
}

export function reportError(error: unknown, stderr: TextSink, debug: boolean): number {
  if (error instanceof UsageError) {
    writeLine(stderr, `apiwright: ${error.message}`);
    writeLine(stderr, 'Run `apiwright --help` for usage.');
    return EXIT_USAGE;
  }
  if (error instanceof ApiwrightError) {
    writeLine(stderr, error.format());
  } else {
    writeLine(stderr, `apiwright: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    if (!debug) writeLine(stderr, '  (run with --debug for the stack trace)');
  }
  if (debug) {
    const stack = stackOf(error);
    if (stack !== undefined) writeLine(stderr, stack);
    const cause = error instanceof Error ? stackOf(error.cause) : undefined;
    if (cause !== undefined) writeLine(stderr, `Caused by: ${cause}`);
  }
  return EXIT_FAILURE;
}
