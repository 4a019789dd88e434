/**
 * Fuzz (fast-check): random hostile strings — full Unicode, lone surrogates, quotes, backticks, `*\/`,
 * `${`, U+2028/2029, `</script>`, `__proto__`, code fragments — injected into every place spec text
 * reaches generated code (see fuzz-spec.ts). Each run generates one client, type-checks it
 * (incrementally: the runtime is the same every run) and runs the oracle in a child process.
 *
 * fast-check draws the runs from a fixed, printed seed (override: APIWRIGHT_FUZZ_SEED,
 * APIWRIGHT_FUZZ_RUNS). Every run is checked, then three properties are asserted over all of them,
 * so a build failure (one finding) never hides whether anything ran (another).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedDir } from '../../support/paths.js';
import { typecheck } from '../../support/typecheck.js';
import { oracleFigures, recordFigures } from '../support/figures.js';
import { buildFuzzSpec, countStrings, fuzzStrings, type FuzzStrings } from '../support/fuzz-spec.js';
import { generateWatched, runOracleChild, type OracleRun } from '../support/run-oracle.js';
import { expectationsOf, readSpec } from '../support/spec-expectations.js';

const SEED = Number(process.env['APIWRIGHT_FUZZ_SEED'] ?? 20_260_107);
const RUNS = Number(process.env['APIWRIGHT_FUZZ_RUNS'] ?? 24);
const OPERATIONS_PER_SPEC = 5;

interface FuzzRun {
  index: number;
  /** The spec of this run, kept under test/security/__generated__/fuzz-specs for reproduction. */
  specFile: string;
  injected: FuzzStrings;
  run?: OracleRun;
  error?: string;
}

const runs: FuzzRun[] = [];

/** `run N (spec file): what` for every run where `pick` finds something. */
function failures(pick: (run: OracleRun) => unknown): string[] {
  return runs.flatMap((r) => {
    if (r.run === undefined) return [`run ${r.index} (${r.specFile}): ${r.error ?? 'did not run'}`];
    const found = pick(r.run);
    const empty = found === undefined || (Array.isArray(found) && found.length === 0);
    return empty ? [] : [`run ${r.index} (${r.specFile}): ${JSON.stringify(found).slice(0, 1500)}`];
  });
}

beforeAll(async () => {
  console.log(`[security fuzz] fast-check seed=${SEED} numRuns=${RUNS}`);
  const specsDir = generatedDir('security', 'fuzz-specs');
  const buildInfo = path.join(generatedDir('security', 'fuzz-tsbuildinfo'), 'client.tsbuildinfo');
  const inputs = fc.sample(fuzzStrings, { seed: SEED, numRuns: RUNS });
  for (const [index, injected] of inputs.entries()) {
    const specFile = path.join(specsDir, `run-${index + 1}.json`);
    writeFileSync(specFile, `${JSON.stringify(buildFuzzSpec(injected), null, 2)}\n`);
    const entry: FuzzRun = { index: index + 1, specFile: path.basename(specFile), injected };
    runs.push(entry);
    try {
      const generated = await generateWatched('fuzz-client', specFile);
      const errors = await typecheck(generated.out, ['**/*.ts'], { incremental: true, tsBuildInfoFile: buildInfo });
      const report = await runOracleChild(generated, expectationsOf(readSpec(specFile)));
      entry.run = { generated, typeErrors: errors.map((e) => `${e.file}:${e.line} ${e.code} ${e.message}`), report };
    } catch (error) {
      entry.error = String((error as Error).stack ?? error).slice(0, 2000);
    }
  }
}, 900_000);

afterAll(() => {
  const done = runs.flatMap((r) => (r.run ? [r.run] : []));
  const strings = runs.reduce((n, r) => n + countStrings(r.injected), 0);
  const importable = done.filter((r) => r.report.fatal === undefined && r.report.importErrors.length === 0).length;
  recordFigures('fuzz-spec-text', {
    fuzzSeed: SEED,
    fuzzRuns: runs.length,
    fuzzStrings: strings,
    fuzzRunsImported: importable,
    ...oracleFigures(done),
  });
});

describe(`SECURITY 1–13 fuzz: random spec text in every slot (seed ${SEED}, ${RUNS} runs)`, () => {
  it('every run generated, and nothing was written outside --out', () => {
    expect(runs).toHaveLength(RUNS);
    expect(failures((r) => [...r.generated.writtenOutside, ...r.generated.pathsOutside])).toEqual([]);
  });

  it('no spec text ran: globalThis.__pwned unset, prototypes and globals untouched, client never thenable', () => {
    expect(
      failures((r) => {
        const { report, generated } = r;
        const problems = {
          pwned: report.pwned,
          polluted: report.polluted,
          prototypeKeysAdded: report.prototypeKeysAdded,
          generatorPollution: [
            ...generated.generatorPollution.keysAdded,
            ...(generated.generatorPollution.polluted === undefined ? [] : ['polluted']),
          ],
          newGlobals: report.newGlobals,
          thenable:
            report.fatal === undefined && (report.thenable.clientThen !== 'undefined' || !report.thenable.awaitedIsClient)
              ? report.thenable
              : undefined,
        };
        const found = Object.entries(problems).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0));
        return found.length === 0 ? undefined : Object.fromEntries(found);
      }),
    ).toEqual([]);
  });

  it('generated code stays data and compiles: no spec-derived calls or assignments, no syntax or type error, every module imports', () => {
    expect(
      failures((r) => {
        const { report } = r;
        const found = [
          ...report.unexpectedCalls,
          ...report.codeReferences,
          ...report.transpileDiagnostics,
          ...r.typeErrors,
          ...report.importErrors,
        ];
        return report.fatal === undefined ? found : [...found, report.fatal.split('\n')[0]];
      }),
    ).toEqual([]);
  });

  it('every spec string round-trips, and every operation is sent or refused with a typed error', () => {
    // A client that cannot be imported fails the test above; here only the ones that ran are judged.
    expect(runs.filter((r) => r.run?.report.fatal === undefined).length).toBeGreaterThan(RUNS / 2);
    expect(
      failures((r) => {
        const { report } = r;
        if (report.fatal !== undefined) return undefined;
        const counts =
          report.counts.calls === OPERATIONS_PER_SPEC && report.counts.received + report.refusals.length === OPERATIONS_PER_SPEC;
        const found = [...report.mismatches, ...report.unreached, ...report.unmatched];
        return counts ? found : [...found, { counts: report.counts, refusals: report.refusals }];
      }),
    ).toEqual([]);
  });
});
