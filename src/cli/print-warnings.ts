/**
 * Warnings go to stderr as they are found; after the first 20 only a count is kept, so a spec with
 * thousands of quirks does not bury the result.
 */
import { formatDiagnostic, type Diagnostic } from '../errors.js';
import { writeLine, type TextSink } from './io.js';

export const MAX_PRINTED_WARNINGS = 20;

export interface WarningPrinter {
  report(diagnostic: Diagnostic): void;
  /** Prints the `… and N more warnings` line when some were held back. */
  finish(): void;
}

export function createWarningPrinter(stderr: TextSink, quiet: boolean): WarningPrinter {
  const seen = new Set<Diagnostic>();
  let held = 0;
  return {
    report(diagnostic) {
      if (seen.has(diagnostic)) return;
      seen.add(diagnostic);
      if (quiet) return;
      if (seen.size <= MAX_PRINTED_WARNINGS) writeLine(stderr, formatDiagnostic(diagnostic));
      else held++;
    },
    finish() {
      if (held > 0) writeLine(stderr, `… and ${held} more warning${held === 1 ? '' : 's'}`);
      held = 0;
    },
  };
}
