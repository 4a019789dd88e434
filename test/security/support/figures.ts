/**
 * The figures the lead reports for the security suite. Each test file prints its own line and
 * writes it to test/security/__generated__/figures/<file>.json; `node
 * test/security/support/print-figures.mjs` sums them after a run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../support/paths.js';
import type { OracleRun } from './run-oracle.js';

export type Figures = Record<string, number>;

export const figuresDir = path.join(repoRoot, 'test/security/__generated__/figures');

export function recordFigures(source: string, figures: Figures): void {
  mkdirSync(figuresDir, { recursive: true });
  writeFileSync(path.join(figuresDir, `${source}.json`), `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`[security figures] ${source}: ${Object.entries(figures).map(([k, v]) => `${k}=${v}`).join(', ')}`);
}

/** Oracle figures over a set of runs: executions observed, mismatches, files outside --out, calls. */
export function oracleFigures(runs: readonly OracleRun[]): Figures {
  const sum = (pick: (run: OracleRun) => number): number => runs.reduce((total, run) => total + pick(run), 0);
  return {
    codeExecutions: sum((r) => (r.report.pwned !== undefined ? 1 : 0) + r.report.unexpectedCalls.length + r.report.codeReferences.length),
    prototypePollutions: sum((r) => r.report.prototypeKeysAdded.length + (r.report.polluted !== undefined ? 1 : 0) + r.generated.generatorPollution.keysAdded.length),
    roundTripMismatches: sum((r) => r.report.mismatches.length),
    filesWrittenOutsideOut: sum((r) => r.generated.writtenOutside.length + r.generated.pathsOutside.length),
    typeErrors: sum((r) => r.typeErrors.length),
    operationsCalled: sum((r) => r.report.counts.calls + r.report.counts.errorCalls),
    requestsReceived: sum((r) => r.report.counts.received),
    stringsCompared: sum((r) => r.report.counts.stringsCompared),
  };
}
