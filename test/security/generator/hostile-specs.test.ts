/**
 * SECURITY-CASES.md 1–13: one hand-written hostile spec per case (fixtures/security-NN-*), each run
 * through the oracle: generate (nothing written outside --out, Object.prototype untouched),
 * type-check under the strictest settings, then in a child process transpile, import every module,
 * call every operation against a loopback server and check that no spec text ran as code, no
 * prototype changed, the client is not thenable, and every spec string round-tripped.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient } from '../../../src/generate.js';
import { fixturesDir } from '../../support/paths.js';
import { oracleFigures, recordFigures } from '../support/figures.js';
import { cleanVerdictWithout, oracleVerdict, runOracleBatch, type BatchResult, type OracleRun } from '../support/run-oracle.js';

interface HostileCase {
  id: number;
  dir: string;
  /** Checks a dedicated test below pins, left out of the general verdict so one finding fails one test. */
  omit?: string[];
}

const cases: HostileCase[] = [
  { id: 1, dir: 'security-01-path-keys' },
  { id: 2, dir: 'security-02-server-url' },
  { id: 3, dir: 'security-03-enum-values' },
  { id: 4, dir: 'security-04-enum-varnames' },
  { id: 5, dir: 'security-05-descriptions' },
  { id: 6, dir: 'security-06-const-default' },
  { id: 7, dir: 'security-07-property-names' },
  { id: 8, dir: 'security-08-operation-ids' },
  { id: 9, dir: 'security-09-params-media-info' },
  // Every operation also declares an unsendable header, so the oracle expects each call refused with a ValidationError.
  { id: 9, dir: 'security-09-unsendable-media-type' },
  { id: 10, dir: 'security-10-patterns' },
  // Superscripts and circled digits are \p{N} but not identifier characters (ES2024 §12.7 IdentifierName).
  { id: 11, dir: 'security-11-identifier-characters' },
  { id: 11, dir: 'security-11-schema-tag-names', omit: ['bidiControls'] },
  { id: 12, dir: 'security-12-colliding-names' },
  { id: 13, dir: 'security-13-proto-response' },
];

const specOf = (dir: string): string => path.join(fixturesDir, dir, 'openapi.json');
let results = new Map<string, BatchResult>();

function runOf(dir: string): OracleRun {
  const result = results.get(dir);
  if (result === undefined) throw new Error(`${dir} did not run`);
  if (result.error !== undefined) throw new Error(result.error);
  return result.run;
}

beforeAll(async () => {
  results = await runOracleBatch(
    'cases',
    cases.map(({ dir }) => ({ name: dir, spec: specOf(dir) })),
  );
}, 300_000);

afterAll(() => {
  const runs = [...results.values()].flatMap((r) => (r.run ? [r.run] : []));
  const hostileSpecs = readdirSync(fixturesDir).filter((d) => d.startsWith('security-')).length;
  recordFigures('hostile-specs', { hostileSpecs, generatorSpecs: cases.length, specsRun: runs.length, ...oracleFigures(runs) });
});

describe('SECURITY 1–13: hostile specs through the oracle', () => {
  it('has one fixture per case, each with its entry file', () => {
    const dirs = readdirSync(fixturesDir)
      .filter((d) => /^security-(0\d|1[0-3])-/.test(d))
      .sort();
    expect(dirs).toEqual(cases.map((c) => c.dir));
  });

  it.each(cases)('case $id ($dir): nothing runs, nothing leaks, every string round-trips', ({ dir, omit }) => {
    const run = runOf(dir);
    expect(oracleVerdict(run, omit)).toEqual(cleanVerdictWithout(omit));
    // The oracle really exercised the client: every operation called and answered.
    expect(run.report.counts.calls).toBe(run.report.counts.operations);
    expect(run.report.counts.received + run.report.refusals.length).toBe(run.report.counts.operations);
    expect(run.report.modulesImported).toBeGreaterThan(10);
  });
});

describe('case-specific checks', () => {
  it('case 3/4: every string enum of the spec is a literal union in types.gen.ts', () => {
    expect(runOf('security-03-enum-values').report.counts.enumsChecked).toBe(5);
    expect(runOf('security-04-enum-varnames').report.counts.enumsChecked).toBe(2);
  });

  it('case 8: operations named then/constructor/__proto__/reserved words are all reachable, and the client is never thenable', () => {
    const { report } = runOf('security-08-operation-ids');
    expect(report.thenable).toEqual({ clientThen: 'undefined', awaitedIsClient: true, namespaceThens: expect.any(Array) });
    expect(report.thenable.namespaceThens.length).toBeGreaterThanOrEqual(5);
    expect(report.thenable.namespaceThens.every((t) => t.endsWith(': undefined'))).toBe(true);
    expect(report.calls.map((c) => c.member)).not.toContain('then');
    expect(report.counts.received).toBe(33);
  });

  it('case 9: a header name that is not an HTTP token is refused with a ValidationError, the rest is sent', () => {
    const { report } = runOf('security-09-params-media-info');
    expect(report.refusals).toHaveLength(1);
    expect(report.refusals[0]).toMatch(/^unsendableHeader .*header/);
    expect(report.calls.find((c) => c.member === 'touchItem')).toMatchObject({ outcome: 'ok', received: true });
  });

  it('case 10: catastrophic patterns are reported as warnings and generation finishes promptly', () => {
    const { generated } = runOf('security-10-patterns');
    const codes = generated.warnings.map((w) => `${w.code} ${w.message}`);
    expect(codes).toEqual(expect.arrayContaining([expect.stringMatching(/^CATASTROPHIC_PATTERN .*\^\(a\+\)\+\$/)]));
    expect(codes.filter((c) => c.startsWith('CATASTROPHIC_PATTERN')).length).toBeGreaterThanOrEqual(3);
    expect(generated.ms).toBeLessThan(10_000);
  });

  it('case 11: generated files are plain ASCII names inside --out', () => {
    const { generated } = runOf('security-11-schema-tag-names');
    expect(generated.files.filter((f) => !/^[a-z0-9._/-]+$/i.test(f) || f.split('/').includes('..'))).toEqual([]);
    expect(generated.files.filter((f) => f.startsWith('endpoints/')).length).toBe(12);
  });

  it('case 11: no raw bidirectional control character reaches a generated file (Trojan Source, CVE-2021-42574)', () => {
    expect(runOf('security-11-schema-tag-names').report.bidiControls).toEqual([]);
  });

  it('case 11: no generated file name is a Windows device name (CON, NUL, …), which would write to a device instead', () => {
    const device = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
    const { generated } = runOf('security-11-schema-tag-names');
    expect(generated.files.filter((f) => device.test((path.posix.basename(f).split('.')[0] ?? '').trim()))).toEqual([]);
  });

  it('case 12: colliding names get distinct, deterministic identifiers (two generations are byte-identical)', async () => {
    const spec = specOf('security-12-colliding-names');
    const first = await buildClient({ spec, out: 'out/collisions' });
    const second = await buildClient({ spec, out: 'out/collisions' });
    expect(second.files.map((f) => [f.path, f.content])).toEqual(first.files.map((f) => [f.path, f.content]));
    const { report } = runOf('security-12-colliding-names');
    const members = report.calls.map((c) => c.member);
    expect(new Set(members).size).toBe(14);
    expect(report.unreached).toEqual([]);
    const types = first.files.find((f) => f.path === 'types.gen.ts')?.content ?? '';
    const exported = [...types.matchAll(/^export (?:interface|type) (\S+)/gm)].map((m) => m[1]);
    expect(new Set(exported).size).toBe(exported.length);
    expect(exported.length).toBe(8 + 3 * 14);
  });

  it('case 13: a {"__proto__": …} body, as success and as error, pollutes nothing and is read through every operation', () => {
    const { report } = runOf('security-13-proto-response');
    expect(report.polluted).toBeUndefined();
    expect(report.prototypeKeysAdded).toEqual([]);
    expect(report.counts.errorCalls).toBe(3);
    expect(report.calls.map((c) => c.member).sort()).toEqual(['getPolluter', 'listPolluters', 'postPolluter']);
  });
});
