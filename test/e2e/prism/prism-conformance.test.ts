/**
 * Conformance: each generated client calls every operation of its spec against a Prism mock of the
 * same spec. Prism validates every request (parameters, styles, bodies, security); the run asserts
 * it reported no request violation and that every response parsed.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/paths.js';
import { driveSpec, generateClient, type SpecResult } from './drive-spec.js';
import { startPrism, type PrismServer } from './prism-server.js';
import { specCases } from './spec-cases.js';

const only = process.env['PRISM_SPECS']?.split(',');
const cases = only === undefined ? specCases : specCases.filter((c) => only.includes(c.name));
const results: SpecResult[] = [];
let running: PrismServer | undefined;

afterAll(async () => {
  await running?.stop();
  console.log(formatTable(results));
});

function formatTable(rows: readonly SpecResult[]): string {
  const header = ['spec', 'ops', 'exercised', 'skipped', 'not selected', 'calls', 'violations', 'failures', 'example fallbacks', 'prism limits'];
  const lines = rows.map((r) => [r.name, r.operations, r.exercised, r.skipped.length, r.notSelected, r.calls, r.violations.length, r.failures.length, r.exampleFallbacks.length, r.prismLimits.length].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]?.length ?? 0)));
  const format = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const details = rows.flatMap((r) => [
    ...r.skipped.map((s) => `  ${r.name} skipped ${s.call}: ${s.reason}`),
    ...r.exampleFallbacks.map((s) => `  ${r.name} example fallback ${s.call}: ${s.problem}`),
    ...r.prismLimits.map((s) => `  ${r.name} prism limit ${s.call}: ${s.problem}`),
  ]);
  return ['Prism conformance', format(header), format(widths.map((w) => '-'.repeat(w))), ...lines.map(format), ...details].join('\n');
}

/** Prism's own count of requests that failed validation, read once its log has caught up (bounded wait). */
async function countLoggedViolations(prism: PrismServer, expected: number): Promise<number> {
  let count = 0;
  for (let attempt = 0; attempt < 20; attempt++) {
    count = prism.output().split('Request did not pass the validation rules').length - 1;
    if (count >= expected) return count;
    await sleep(50);
  }
  return count;
}

describe.sequential('generated clients against Prism', () => {
  for (const specCase of cases) {
    it(`${specCase.name}: every operation passes Prism's request validation`, async () => {
      const starting = startPrism(specCase.spec);
      const generated = generateClient(specCase);
      // Both run at once; a failed generation is observed here and rethrown below, after Prism is up.
      generated.catch(() => undefined);
      running = await starting;
      try {
        const result = await driveSpec(specCase, running.url, await generated);
        results.push(result);
        if (process.env['PRISM_DEBUG'] !== undefined) writeFileSync(path.join(repoRoot, 'test/e2e/prism/__generated__', `${specCase.name}.result.json`), JSON.stringify(result, null, 2));
        const show = (p: { call: string; problem: string; exchange?: { url: string; requestHeaders: object; requestBody: string; status: number } }) => ({
          call: p.call,
          problem: p.problem,
          request: p.exchange === undefined ? undefined : `${p.exchange.status} ${p.exchange.url} ${JSON.stringify(p.exchange.requestHeaders)} ${p.exchange.requestBody.slice(0, 300)}`,
        });
        expect(result.violations.map(show)).toEqual([]);
        expect(result.failures.map(show)).toEqual([]);
        expect(result.exercised).toBeGreaterThan(0);
        // Prism logs every request that failed validation; none may have slipped past the checks above.
        expect(await countLoggedViolations(running, result.violatingExchanges)).toBe(result.violatingExchanges);
      } finally {
        await running.stop();
        running = undefined;
      }
    }, 120_000);
  }
});
