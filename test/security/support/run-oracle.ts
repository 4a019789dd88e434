/**
 * The parent side of the oracle: generate a hostile spec into a scratch folder (proving nothing is
 * written outside --out), type-check it under the strictest settings, then run oracle-child.ts in
 * a child process and parse its report.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Diagnostic } from '../../../src/errors.js';
import { generate } from '../../../src/generate.js';
import { generatedDir, repoRoot } from '../../support/paths.js';
import { typecheck, type TypeError } from '../../support/typecheck.js';
import { addedEntries, isInsideDir, listTree } from './file-tree.js';
import type { ChildReport, Expectations, OracleInput, OracleReport } from './oracle-types.js';
import { scanGenerated } from './scan-generated.js';
import { expectationsOf, readSpec } from './spec-expectations.js';
import { compileChild, transpileClient } from './transpile-client.js';

const run = promisify(execFile);
export const transpileCacheDir = path.join(repoRoot, 'test/security/__generated__/.transpile-cache');
let childScript: string | undefined;

export interface Generated {
  /** Scratch root; `out` sits four folders below it so `../../evil` would still land inside. */
  root: string;
  out: string;
  files: string[];
  warnings: Diagnostic[];
  ms: number;
  /** Entries that appeared under `root` (outside `out`) or in the spec's folder while generating. */
  writtenOutside: string[];
  /** Paths generate() reported that resolve outside `out`. */
  pathsOutside: string[];
  /** Keys generate() added to Object.prototype in this process, and `({}).polluted` after it. */
  generatorPollution: { keysAdded: string[]; polluted: unknown };
}

function prototypeKeys(): string[] {
  return [Object.prototype, Array.prototype, Function.prototype].flatMap((proto) => Reflect.ownKeys(proto).map(String));
}

/** Generates `spec` into test/security/__generated__/<name>/w/x/y/z/out, watching everything around it. */
export async function generateWatched(name: string, spec: string): Promise<Generated> {
  const root = generatedDir('security', name);
  const out = path.join(root, 'w', 'x', 'y', 'z', 'out');
  mkdirSync(path.dirname(out), { recursive: true });
  const specDir = path.dirname(spec);
  const beforeRoot = listTree(root, [out]);
  const beforeSpec = listTree(specDir);
  const warnings: Diagnostic[] = [];
  const protoBefore = new Set(prototypeKeys());
  const started = performance.now();
  const result = await generate({ spec, out, onWarning: (w) => warnings.push(w) });
  const ms = performance.now() - started;
  const generatorPollution = {
    keysAdded: prototypeKeys().filter((k) => !protoBefore.has(k)),
    polluted: ({} as Record<string, unknown>)['polluted'],
  };
  const writtenOutside = [
    ...addedEntries(beforeRoot, listTree(root, [out])).map((e) => `${root}/${e}`),
    ...addedEntries(beforeSpec, listTree(specDir)).map((e) => `${specDir}/${e}`),
  ];
  const pathsOutside = result.files.filter((file) => !isInsideDir(out, path.join(out, file)));
  return { root, out, files: result.files, warnings, ms, writtenOutside, pathsOutside, generatorPollution };
}

/** Type-checks every .ts file of the client (not only what index.ts reaches). */
export function typecheckClient(out: string): Promise<TypeError[]> {
  return typecheck(out, ['**/*.ts']);
}

/** The last reference token of a JSON pointer, unescaped (RFC 6901 §4), also URI-decoded when it was. */
function lastToken(pointer: string): string[] {
  const token = (pointer.split('/').pop() ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
  try {
    return [token, decodeURIComponent(token)];
  } catch {
    return [token];
  }
}

/**
 * A media type no header can carry may be left out, provided the generator said so: a warning that
 * points at it. Every other spec string must still round-trip.
 */
export function withoutAnnouncedDrops(expect: Expectations, warnings: readonly Diagnostic[]): Expectations {
  const announced = new Set(
    warnings.flatMap((w) => (w.pointer !== undefined && /\/content\/[^/]*$/.test(w.pointer) ? lastToken(w.pointer) : [])),
  );
  if (announced.size === 0) return expect;
  const keep = (mediaTypes: readonly string[]): string[] => mediaTypes.filter((m) => !announced.has(m));
  return {
    ...expect,
    operations: expect.operations.map((op) => ({
      ...op,
      bodyMediaTypes: keep(op.bodyMediaTypes),
      responses: Object.fromEntries(Object.entries(op.responses).map(([status, types]) => [status, keep(types)])),
    })),
  };
}

/**
 * Transpiles the client into `<out>-exec`, scans its syntax, then runs oracle-child.ts on it and
 * merges both halves into one report.
 */
export async function runOracleChild(generated: Generated, specExpect: Expectations): Promise<OracleReport> {
  const { out } = generated;
  const execDir = `${out}-exec`;
  const expect = withoutAnnouncedDrops(specExpect, generated.warnings);
  const transpiled = transpileClient(out, execDir, transpileCacheDir);
  const scan = scanGenerated(out, transpiled.sources, expect);
  const input: OracleInput = { execDir, expect };
  const inputFile = `${out}-oracle-input.json`;
  writeFileSync(inputFile, JSON.stringify(input));
  let stdout: string;
  try {
    childScript ??= compileChild(path.join(repoRoot, 'test/security/__generated__/.oracle-child'));
    ({ stdout } = await run(process.execPath, [childScript, inputFile], {
      cwd: repoRoot,
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    }));
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`oracle child failed: ${failed.message}\n${failed.stderr ?? ''}`.slice(0, 4000));
  }
  const line = stdout.split('\n').find((l) => l.startsWith('ORACLE-REPORT '));
  if (line === undefined) throw new Error(`oracle child printed no report:\n${stdout.slice(0, 4000)}`);
  const child = JSON.parse(line.slice('ORACLE-REPORT '.length)) as ChildReport;
  return {
    ...child,
    transpileDiagnostics: [...transpiled.diagnostics, ...scan.transpileDiagnostics],
    unexpectedCalls: scan.unexpectedCalls,
    codeReferences: scan.codeReferences,
    bidiControls: scan.bidiControls,
    mismatches: [...scan.mismatches, ...child.mismatches],
    counts: {
      ...child.counts,
      enumsChecked: scan.enumsChecked,
      propertyNamesChecked: scan.propertyNamesChecked,
      stringsCompared: child.counts.stringsCompared + scan.propertyNamesChecked + expect.enums.reduce((n, e) => n + e.length, 0),
    },
  };
}

export interface OracleRun {
  generated: Generated;
  typeErrors: string[];
  report: OracleReport;
}

export interface BatchEntry {
  name: string;
  spec: string;
}

export type BatchResult = { run: OracleRun; error?: undefined } | { run?: undefined; error: string };

/**
 * generate → type-check → oracle child for many specs: each generated into <group>/<name>, ONE tsc
 * run over all of them (the runtime copies cost most of a check), then `concurrency` children at a time.
 */
export async function runOracleBatch(
  group: string,
  entries: readonly BatchEntry[],
  concurrency = 2,
): Promise<Map<string, BatchResult>> {
  const groupDir = generatedDir('security', group);
  const results = new Map<string, BatchResult>();
  const generatedRuns = new Map<string, Generated>();
  for (const { name, spec } of entries) {
    try {
      generatedRuns.set(name, await generateWatched(path.join(group, name), spec));
    } catch (error) {
      results.set(name, { error: `generate failed: ${String((error as Error).stack ?? error)}` });
    }
  }
  const typeErrors = await typecheckAll(groupDir, generatedRuns);
  const queue = entries.filter(({ name }) => generatedRuns.has(name));
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const generated = generatedRuns.get(next.name);
      if (generated === undefined) continue;
      const own = typeErrors.get(next.name) ?? [];
      try {
        const report = await runOracleChild(generated, expectationsOf(readSpec(next.spec)));
        results.set(next.name, { run: { generated, typeErrors: own, report } });
      } catch (error) {
        results.set(next.name, { error: String((error as Error).message) });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/**
 * One tsc run over every client of a batch. tsc reports no semantic error at all once any file has a
 * syntax error, so clients with syntax errors are set aside and the rest checked again.
 */
async function typecheckAll(groupDir: string, generatedRuns: ReadonlyMap<string, Generated>): Promise<Map<string, string[]>> {
  const byName = new Map<string, string[]>();
  let remaining = [...generatedRuns.keys()];
  for (let pass = 0; pass < 4 && remaining.length > 0; pass++) {
    const outs = remaining.map((name) => [name, generatedRuns.get(name)?.out ?? ''] as const);
    const errors = await typecheck(
      groupDir,
      outs.map(([, out]) => `${path.relative(groupDir, out).split(path.sep).join('/')}/**/*.ts`),
    );
    for (const [name, out] of outs) {
      const own = errors.filter(
        (e) => isInsideDir(out, path.resolve(repoRoot, e.file)) || isInsideDir(out, path.resolve(groupDir, e.file)),
      );
      byName.set(
        name,
        own.map((e) => `${e.file}:${e.line} ${e.code} ${e.message}`),
      );
    }
    const syntactic = new Set(
      outs.filter(([name]) => (byName.get(name) ?? []).some((e) => / TS1\d{3} /.test(e))).map(([name]) => name),
    );
    if (syntactic.size === 0) break;
    remaining = remaining.filter((name) => !syntactic.has(name));
  }
  return byName;
}

/** generate → type-check → oracle child, for one spec file. */
export async function runOracle(name: string, spec: string): Promise<OracleRun> {
  const generated = await generateWatched(name, spec);
  const typeErrors = (await typecheckClient(generated.out)).map((e) => `${e.file}:${e.line} ${e.code} ${e.message}`);
  const report = await runOracleChild(generated, expectationsOf(readSpec(spec)));
  return { generated, typeErrors, report };
}

/**
 * Everything that must be empty / unset for a spec to pass the oracle, in one object for one
 * assertion. `omit` leaves out checks a dedicated test pins (so one finding fails one test).
 */
export function oracleVerdict(run: OracleRun, omit: readonly string[] = []): Record<string, unknown> {
  const verdict = fullVerdict(run);
  for (const key of omit) delete verdict[key];
  return verdict;
}

/** `cleanVerdict` without the omitted keys. */
export function cleanVerdictWithout(omit: readonly string[] = []): Record<string, unknown> {
  const verdict = { ...cleanVerdict };
  for (const key of omit) delete verdict[key];
  return verdict;
}

function fullVerdict(run: OracleRun): Record<string, unknown> {
  const { report, generated } = run;
  return {
    fatal: report.fatal,
    pwned: report.pwned,
    polluted: report.polluted,
    prototypeKeysAdded: report.prototypeKeysAdded,
    newGlobals: report.newGlobals,
    typeErrors: run.typeErrors,
    transpileDiagnostics: report.transpileDiagnostics,
    unexpectedCalls: report.unexpectedCalls,
    codeReferences: report.codeReferences,
    bidiControls: report.bidiControls,
    generatorPollution: generated.generatorPollution,
    importErrors: report.importErrors,
    clientThen: report.thenable.clientThen,
    awaitedIsClient: report.thenable.awaitedIsClient,
    namespaceThens: report.thenable.namespaceThens.filter((t) => !t.endsWith(': undefined')),
    unreached: report.unreached,
    unmatched: report.unmatched,
    mismatches: report.mismatches,
    writtenOutside: generated.writtenOutside,
    pathsOutside: generated.pathsOutside,
  };
}

/** What `oracleVerdict` must equal. */
export const cleanVerdict: Record<string, unknown> = {
  fatal: undefined,
  pwned: undefined,
  polluted: undefined,
  prototypeKeysAdded: [],
  newGlobals: [],
  typeErrors: [],
  transpileDiagnostics: [],
  unexpectedCalls: [],
  codeReferences: [],
  bidiControls: [],
  generatorPollution: { keysAdded: [], polluted: undefined },
  importErrors: [],
  clientThen: 'undefined',
  awaitedIsClient: true,
  namespaceThens: [],
  unreached: [],
  unmatched: [],
  mismatches: [],
  writtenOutside: [],
  pathsOutside: [],
};
