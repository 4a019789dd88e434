/**
 * Worker-thread entry (in-worker.ts starts it): receives one ValidatorSource, answers with the
 * laid-out validators.gen.ts, the names it gave (for the caller's agreement check) and warnings.
 */
import { parentPort } from 'node:worker_threads';
import { layoutSource } from '../ts/layout.js';
import type { ValidatorSource } from './source.js';
import { compileValidators } from './validators-file.js';

parentPort?.once('message', (source: ValidatorSource) => {
  const module = compileValidators(source);
  parentPort?.postMessage({
    content: layoutSource(module.content),
    exports: module.exports,
    operations: [...module.operations.values()],
    warnings: module.warnings,
  });
});
