/**
 * The figures the lead reports for the security suite. Each test file prints its own line, writes
 * it to test/security/__generated__/figures/<file>.json, and prints the sum over every file written
 * so far (the last file to finish prints the suite's total).
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../support/paths.js';
import type { OracleRun } from './run-oracle.js';

export type Figures = Record<string, number>;

export const figuresDir = path.join(repoRoot, 'test/security/__generated__/figures');

export function recordFigures(source: string, figures: Figures): void {
  mkdirSync(figuresDir, { recursive: true });
  writeFileSync(path.join(figuresDir, `${source}.json`), `${JSON.stringify(figures, null, 2)}\n`);
  const line = (f: Figures): string =>
    Object.entries(f)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
  console.log(`[security figures] ${source}: ${line(figures)}`);
  const files = readdirSync(figuresDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const total: Figures = {};
  for (const file of files) {
    for (const [key, value] of Object.entries(JSON.parse(readFileSync(path.join(figuresDir, file), 'utf8')) as Figures)) {
      if (key !== 'fuzzSeed') total[key] = (total[key] ?? 0) + value;
    }
  }
  console.log(`[security figures] total over ${files.map((f) => f.replace(/\.json$/, '')).join(' + ')}: ${line(total)}`);
}

/** Oracle figures over a set of runs: executions observed, mismatches, files outside --out, calls. */
export function oracleFigures(runs: readonly OracleRun[]): Figures {
  const sum = (pick: (run: OracleRun) => number): number => runs.reduce((total, run) => total + pick(run), 0);
  return {
    /** Runs where `globalThis.__pwned` got set: spec text that actually ran. */
    codeExecutionsObserved: sum((r) => (r.report.pwned !== undefined ? 1 : 0)),
    /** Calls, assignments, `globalThis` accesses in generated files that spec text produced (see scan-generated.ts). */
    specDerivedCodeFlagged: sum((r) => r.report.unexpectedCalls.length + r.report.codeReferences.length),
    prototypePollutions: sum(
      (r) =>
        r.report.prototypeKeysAdded.length +
        (r.report.polluted !== undefined ? 1 : 0) +
        r.generated.generatorPollution.keysAdded.length,
    ),
    roundTripMismatches: sum((r) => r.report.mismatches.length),
    filesWrittenOutsideOut: sum((r) => r.generated.writtenOutside.length + r.generated.pathsOutside.length),
    typeErrors: sum((r) => r.typeErrors.length),
    operationsCalled: sum((r) => r.report.counts.calls + r.report.counts.errorCalls),
    requestsReceived: sum((r) => r.report.counts.received),
    stringsCompared: sum((r) => r.report.counts.stringsCompared),
  };
}
