/**
 * validators.gen.ts compiled on a second thread while the main thread emits every other file.
 * On GitHub's spec the validators are most of the output (8 MB of 14); compiling them beside the
 * rest takes their time off the wall clock on any machine with two cores. The worker runs the
 * same code on a structured clone of the same source, so its output is byte-identical to
 * compiling inline (held by test/cli/validators-worker.test.ts).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../../errors.js';
import type { OperationChecks } from './operation-checks.js';
import { portableSource, type ValidatorSource } from './source.js';
import type { ValidatorNames } from './validators-file.js';

export interface CompiledInWorker {
  /** validators.gen.ts, already laid out. */
  content: string;
  warnings: Diagnostic[];
}

interface WorkerAnswer extends CompiledInWorker {
  exports: string[];
  operations: OperationChecks[];
}

/**
 * Starts the compile; undefined when no compiled worker script sits beside this module (running
 * from TypeScript sources, as the unit tests do): the caller compiles inline then.
 */
export function compileValidatorsInWorker(
  source: ValidatorSource,
  script = new URL('./worker.js', import.meta.url),
): Promise<WorkerAnswer> | undefined {
  if (!existsSync(fileURLToPath(script))) return undefined;
  return new Promise((resolve, reject) => {
    const worker = new Worker(script);
    let answered = false;
    worker.once('message', (answer: WorkerAnswer) => {
      answered = true;
      resolve(answer);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the validators worker stopped (exit code ${code}) before it answered`));
    });
    worker.postMessage(portableSource(source));
  });
}

/**
 * The worker named every function exactly as the main thread did (naming is deterministic); a
 * mismatch would leave endpoint descriptors pointing at functions that do not exist.
 */
export function assertSameNames(names: ValidatorNames, answer: WorkerAnswer): CompiledInWorker {
  const mine = JSON.stringify([names.exports, [...names.operations.values()]]);
  const theirs = JSON.stringify([answer.exports, answer.operations]);
  if (mine !== theirs) throw new Error('internal error: the validators worker named functions differently from the main thread');
  return { content: answer.content, warnings: answer.warnings };
}
