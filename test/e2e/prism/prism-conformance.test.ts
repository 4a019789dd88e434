/**
 * Conformance: each generated client calls every operation of its spec against a Prism mock of the
 * same spec. Prism validates every request (path, query, header and cookie parameters and their
 * styles, bodies, security); the run asserts it reported no request violation and that every
 * response parsed. The clients check every response strictly with their generated validators; a
 * refused body must be refused by ajv too (then Prism sent data breaking the spec, reported as a
 * bad response), else the validator is wrong and the call fails. One Prism process per spec,
 * started one after another.
 *
 * PRISM_SPECS=a,b runs only those cases; PRISM_DEBUG=1 also writes each result and Prism's log
 * beside the generated clients and prints timings.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/paths.js';
import { driveSpec, generateClient, type CallProblem, type SpecResult } from './drive-spec.js';
import { sendOracleProbes } from './oracle-probes.js';
import { startPrism, type PrismServer } from './prism-server.js';
import { specCases } from './spec-cases.js';

const only = process.env['PRISM_SPECS']?.split(',');
const debug = process.env['PRISM_DEBUG'] !== undefined;
const cases = only === undefined ? specCases : specCases.filter((c) => only.includes(c.name));
const results: SpecResult[] = [];
const timings: string[] = [];
let running: PrismServer | undefined;

afterAll(async () => {
  await running?.stop();
  console.log(formatReport(results));
  if (debug) console.log(timings.join('\n'));
});

function formatReport(rows: readonly SpecResult[]): string {
  const header = [
    'spec',
    'operations',
    'exercised',
    'calls',
    'skipped calls',
    'violations',
    'failures',
    'example fallbacks',
    'prism limits',
    'bad responses',
    'dropped form fields',
  ];
  const lines = rows.map((r) =>
    [
      r.name,
      r.operations,
      r.exercised,
      r.calls,
      r.skipped.length,
      r.violations.length,
      r.failures.length,
      r.exampleFallbacks.length,
      r.prismLimits.length,
      r.badResponses.length,
      r.droppedFields,
    ].map(String),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]?.length ?? 0)));
  const format = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const details = rows.flatMap((r) => [
    ...r.skipped.map((s) => `  ${r.name}: skipped ${s.call} — ${s.reason}`),
    ...r.prismLimits.map((s) => `  ${r.name}: prism limit ${s.call} — ${s.problem}`),
    ...r.badResponses.map((s) => `  ${r.name}: response breaks the spec ${s.call} — ${s.problem.slice(0, 300)}`),
    ...r.exampleFallbacks.map(
      (s) => `  ${r.name}: spec example rejected, schema sample used ${s.call} — ${s.problem.slice(0, 200)}`,
    ),
  ]);
  return [
    'Prism conformance (request violations must be 0)',
    format(header),
    format(widths.map((w) => '-'.repeat(w))),
    ...lines.map(format),
    ...details,
  ].join('\n');
}

/** Prism's own count of requests that failed validation, read once its log has caught up (bounded wait). */
async function countLoggedViolations(prism: PrismServer, expected: number): Promise<number> {
  let count = 0;
  for (let attempt = 0; attempt < 40; attempt++) {
    count = prism.output().split('Request did not pass the validation rules').length - 1;
    if (count >= expected) return count;
    await sleep(50);
  }
  return count;
}

function show(p: CallProblem): object {
  const e = p.exchange;
  return {
    call: p.call,
    problem: p.problem,
    ...(e === undefined
      ? {}
      : { request: `${e.method} ${e.url} → ${e.status} ${JSON.stringify(e.requestHeaders)} ${e.requestBody.slice(0, 300)}` }),
  };
}

describe.sequential('generated clients against Prism', () => {
  for (const specCase of cases) {
    it(`${specCase.name}: every operation passes Prism's request validation`, async () => {
      const started = performance.now();
      const starting = startPrism(specCase.spec);
      const generated = generateClient(specCase);
      // Both run at once; a failed generation is observed here and rethrown below, after Prism is up.
      generated.catch(() => undefined);
      running = await starting;
      try {
        const outDir = await generated;
        const ready = performance.now();
        const result = await driveSpec(specCase, running.url, outDir);
        results.push(result);
        timings.push(
          `${specCase.name}: prism + generate ${Math.round(ready - started)} ms, calls ${Math.round(performance.now() - ready)} ms`,
        );
        if (debug) {
          // Kept beside the generated clients (git-ignored) for a person reading a failure.
          const base = path.join(repoRoot, 'test/e2e/prism/__generated__', specCase.name);
          writeFileSync(`${base}.result.json`, JSON.stringify(result, null, 2));
          writeFileSync(`${base}.prism.log`, running.output());
        }
        expect(running.alive(), `Prism exited during the run:\n${running.output().slice(-1500)}`).toBe(true);
        expect(result.violations.map(show)).toEqual([]);
        expect(result.failures.map(show)).toEqual([]);
        expect(result.exercised).toBeGreaterThan(0);
        let expectedLogged = result.violatingExchanges;
        if (specCase.probeOracle === true) {
          // The oracle must still hear a broken request, through each of Prism's ways of reporting one.
          const probes = await sendOracleProbes(running.url);
          expect(probes.filter((p) => (p.exchange?.violations.length ?? 0) === 0).map((p) => p.name)).toEqual([]);
          expectedLogged += probes.length;
        }
        // Prism logs every request that failed validation; none may have slipped past the checks above.
        expect(await countLoggedViolations(running, expectedLogged)).toBe(expectedLogged);
      } finally {
        await running.stop();
        running = undefined;
      }
    }, 120_000);
  }
});
