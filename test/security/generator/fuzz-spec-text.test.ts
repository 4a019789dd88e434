/**
 * Property test (fast-check): random hostile strings — full Unicode, lone surrogates, quotes,
 * backticks, `*\/`, `${`, U+2028/2029, `</script>`, `__proto__`, code fragments — injected into every
 * place spec text reaches generated code (see fuzz-spec.ts). Each run generates one client, type-checks
 * it (incrementally: the runtime is the same every run) and runs the oracle in a child process.
 *
 * Seed and run count are fixed and printed; override with APIWRIGHT_FUZZ_SEED / APIWRIGHT_FUZZ_RUNS.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { generatedDir } from '../../support/paths.js';
import { typecheck } from '../../support/typecheck.js';
import { oracleFigures, recordFigures } from '../support/figures.js';
import { buildFuzzSpec, countStrings, fuzzStrings } from '../support/fuzz-spec.js';
import { cleanVerdictWithout, generateWatched, oracleVerdict, runOracleChild, type OracleRun } from '../support/run-oracle.js';
import { expectationsOf, readSpec } from '../support/spec-expectations.js';

const SEED = Number(process.env['APIWRIGHT_FUZZ_SEED'] ?? 20_260_107);
const RUNS = Number(process.env['APIWRIGHT_FUZZ_RUNS'] ?? 24);
/** Bidi controls in comments are pinned by case 11 (hostile-specs.test.ts); random text may contain them. */
const OMIT = ['bidiControls'];

const specsDir = generatedDir('security', 'fuzz-specs');
const buildInfo = path.join(generatedDir('security', 'fuzz-tsbuildinfo'), 'client.tsbuildinfo');
const oracleRuns: OracleRun[] = [];
let strings = 0;

afterAll(() => {
  recordFigures('fuzz-spec-text', { fuzzSeed: SEED, fuzzRuns: oracleRuns.length, fuzzStrings: strings, ...oracleFigures(oracleRuns) });
});

describe('SECURITY 1–13 fuzz: random spec text in every slot', () => {
  it(`never becomes code, never breaks the build, always round-trips (seed ${SEED}, ${RUNS} runs)`, async () => {
    console.log(`[security fuzz] fast-check seed=${SEED} numRuns=${RUNS}`);
    await fc.assert(
      fc.asyncProperty(fuzzStrings, async (injected) => {
        const specFile = path.join(specsDir, 'openapi.json');
        writeFileSync(specFile, `${JSON.stringify(buildFuzzSpec(injected), null, 2)}\n`);
        strings += countStrings(injected);
        try {
          const generated = await generateWatched('fuzz-client', specFile);
          const typeErrors = (await typecheck(generated.out, ['**/*.ts'], { incremental: true, tsBuildInfoFile: buildInfo })).map(
            (e) => `${e.file}:${e.line} ${e.code} ${e.message}`,
          );
          const report = await runOracleChild(generated.out, expectationsOf(readSpec(specFile)));
          const run: OracleRun = { generated, typeErrors, report };
          oracleRuns.push(run);
          expect(oracleVerdict(run, OMIT)).toEqual(cleanVerdictWithout(OMIT));
          expect(report.counts.calls).toBe(5);
          expect(report.counts.received + report.refusals.length).toBe(5);
        } catch (error) {
          mkdirSync(path.join(specsDir, 'failed'), { recursive: true });
          copyFileSync(specFile, path.join(specsDir, 'failed', `run-${oracleRuns.length + 1}.json`));
          throw error;
        }
      }),
      // Shrinking would re-run generate + tsc + child per step; the failing spec is kept under __generated__/fuzz-specs/failed.
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(oracleRuns).toHaveLength(RUNS);
  }, 600_000);
});
