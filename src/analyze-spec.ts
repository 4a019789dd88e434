/**
 * load → normalize → plan, the part of the pipeline `generate`, `inspect` and `health` share, plus
 * the build's rules about problems: every problem reported once with one code, a `$ref` that does
 * not resolve is an error, and under `strict` every warning is one too.
 */
import path from 'node:path';
import type { DateStyle, NamingStyle, PaginationOverride } from './config/index.js';
import { ConfigError, type Diagnostic } from './errors.js';
import type * as ir from './ir/index.js';
import { loadSpec, type LoadedSpec } from './load/index.js';
import { normalizeDocument } from './normalize/index.js';
import { planClient } from './plan/plan-client.js';
import type { ClientPlan } from './plan/plan-types.js';
import { closestName } from './util/closest-name.js';
import { formatPointer } from './json-pointer.js';

export interface AnalyzeOptions {
  spec: string;
  allowRemoteRefs?: boolean | undefined;
  refRoot?: string | undefined;
  clientName?: string | undefined;
  cwd?: string | undefined;
  naming?: NamingStyle | undefined;
  dates?: DateStyle | undefined;
  pagination?: Readonly<Record<string, false | PaginationOverride>> | undefined;
  /** The config file the options came from, named in errors about them. */
  configFile?: string | undefined;
  /** `false`: no validators.gen.ts (plan/ leaves the file out). */
  validators?: boolean | undefined;
  /** Also plan `mocks.gen.ts`. */
  mocks?: boolean | undefined;
}

export type ProblemSeverity = 'error' | 'warning';

/** A diagnostic with the severity the build gives it. */
export interface Problem extends Diagnostic {
  severity: ProblemSeverity;
}

export interface AnalyzedSpec {
  loaded: LoadedSpec;
  document: ir.Document;
  plan: ClientPlan;
  /** The spec file relative to cwd, posix separators (what generated files and reports name). */
  specFile: string;
  /** Loader and normalizer problems, deduplicated, located, in the order found. */
  problems: Problem[];
}

/** Codes that fail a build even without `strict`: the generated types would silently be wrong. */
export const ERROR_CODES: ReadonlySet<string> = new Set(['REF_UNRESOLVED']);

/** How many problems get a line:column (locating re-reads the source with positions). */
const MAX_LOCATED = 200;

export async function analyzeSpec(options: AnalyzeOptions): Promise<AnalyzedSpec> {
  const loaded = await loadSpec(options.spec, {
    allowRemoteRefs: options.allowRemoteRefs ?? false,
    ...(options.refRoot === undefined ? {} : { root: options.refRoot }),
  });
  const normalized = normalizeDocument({
    document: loaded.document,
    version: loaded.version,
    file: loaded.file,
    ...(options.pagination === undefined ? {} : { pagination: options.pagination }),
  });
  checkOperationIds(Object.keys(options.pagination ?? {}), normalized.document, options.configFile, 'pagination');
  const problems = dedupeProblems([...loaded.warnings, ...normalized.warnings]).map((diagnostic, index) =>
    index < MAX_LOCATED ? locateDiagnostic(diagnostic, (pointer) => loaded.locate(pointer)) : diagnostic,
  );
  const cwd = options.cwd ?? process.cwd();
  const specFile = toPosix(path.relative(cwd, path.resolve(cwd, options.spec)));
  const plan = planClient(normalized.document, {
    specFile,
    clientName: options.clientName,
    naming: options.naming,
    dates: options.dates,
    validators: options.validators,
    mocks: options.mocks,
  });
  return { loaded, document: normalized.document, plan, specFile, problems };
}

/**
 * One problem, one report: the loader and normalize both notice a broken `$ref` (same code, same
 * place); the first report wins. Severity: ERROR_CODES are errors, the rest warnings.
 */
export function dedupeProblems(diagnostics: readonly Diagnostic[]): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const diagnostic of diagnostics) {
    const key = `${diagnostic.code}\u0000${diagnostic.pointer ?? diagnostic.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ ...diagnostic, severity: ERROR_CODES.has(diagnostic.code) ? 'error' : 'warning' });
  }
  return problems;
}

/** Problems that stop a build: the errors, and under `strict` the warnings as well. */
export function failingProblems(problems: readonly Problem[], strict: boolean): Problem[] {
  return problems.filter((problem) => strict || problem.severity === 'error');
}

/** Operation ids an option names must exist in the spec; the error names the closest one. */
export function checkOperationIds(
  ids: readonly string[],
  document: ir.Document,
  configFile: string | undefined,
  option: string,
): void {
  if (ids.length === 0) return;
  const known = document.operations.filter((operation) => operation.hasOperationId).map((operation) => operation.id);
  const knownSet = new Set(known);
  for (const id of ids) {
    if (knownSet.has(id)) continue;
    const closest = closestName(id, known);
    throw new ConfigError(`${option} names operationId "${id}", which the spec does not have`, {
      code: 'UNKNOWN_OPERATION_ID',
      file: configFile,
      pointer: configFile === undefined ? undefined : formatPointer([option, id]),
      hint:
        closest === undefined
          ? 'Use an operationId from the spec (`apiwright inspect` lists them).'
          : `Did you mean "${closest}"?`,
    });
  }
}

function locateDiagnostic<T extends Diagnostic>(
  diagnostic: T,
  locate: (pointer: string) => { line?: number | undefined; column?: number | undefined },
): T {
  if (diagnostic.pointer === undefined || diagnostic.line !== undefined) return diagnostic;
  const where = locate(diagnostic.pointer);
  return { ...diagnostic, line: where.line, column: where.column };
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}
