/**
 * `apiwright validate <spec>`: loads the spec (refs resolved, safely) and checks it against the
 * OpenAPI schema. Every problem is reported once, with file:line:column and pointer: each `$ref`
 * that does not resolve (an error), then every schema violation (errors), and the loader's other
 * findings (warnings; errors under --strict / failOnWarnings). Exit 0 when there is no error, 1
 * otherwise or when the spec cannot be read, 2 on usage errors.
 */
import { dedupeProblems, type Problem } from '../analyze-spec.js';
import { formatLocation, type Diagnostic } from '../errors.js';
import type { CliIo, LoadedSpecSummary, SpecLoader } from './io.js';
import { displayPath, writeLine } from './io.js';
import type { CommandArgs } from './parse-args.js';
import { createWarningPrinter } from './print-warnings.js';
import { EXIT_FAILURE, EXIT_OK } from './report-error.js';
import { resolveInputs } from './resolve-inputs.js';

function formatProblem(diagnostic: Diagnostic): string {
  const where = formatLocation(diagnostic);
  return `error ${diagnostic.code}${where ? ` ${where}` : ''}: ${diagnostic.message}`;
}

function describeVersion(version: string): string {
  return version === '2.0' ? 'Swagger 2.0' : `OpenAPI ${version}`;
}

export async function runValidateCommand(io: CliIo, args: CommandArgs): Promise<number> {
  const inputs = await resolveInputs(io.cwd, args, false);
  // load/ (swagger-parser) is imported only when validate runs.
  const loadOptions = {
    allowRemoteRefs: inputs.allowRemoteRefs,
    ...(inputs.refRoot === undefined ? {} : { root: inputs.refRoot }),
  };
  const strict = args.strict ?? inputs.config.failOnWarnings;
  return io.loader
    ? validateWith(io, args, inputs.spec, loadOptions, io.loader, strict)
    : validateWith(io, args, inputs.spec, loadOptions, await import('../load/index.js'), strict);
}

async function validateWith<Loaded extends LoadedSpecSummary>(
  io: CliIo,
  args: CommandArgs,
  specFile: string,
  loadOptions: { allowRemoteRefs: boolean; root?: string },
  loader: SpecLoader<Loaded>,
  strict: boolean,
): Promise<number> {
  const loaded = await loader.loadSpec(specFile, loadOptions);
  const schemaProblems = await loader.validateSpec(loaded);
  // Loader findings first (a broken $ref is an error), then the schema's (all errors); each problem once, located.
  const fromLoader = dedupeProblems(loaded.warnings);
  const loaderFoundBrokenRefs = fromLoader.some((problem) => problem.code === 'REF_UNRESOLVED');
  const fromSchema = dedupeProblems(schemaProblems)
    .filter((problem) => !(loaderFoundBrokenRefs && problem.code === 'REF_UNRESOLVED'))
    .map((problem) => ({ ...problem, severity: 'error' as const }));
  const problems = [...fromLoader, ...fromSchema]
    .map((problem) => locate(problem, loaded))
    .map((problem) => (strict ? { ...problem, severity: 'error' as const } : problem));
  const errors = problems.filter((problem) => problem.severity === 'error');
  const warnings = createWarningPrinter(io.stderr, args.quiet);
  for (const problem of problems) {
    if (problem.severity === 'warning') warnings.report(problem);
    else writeLine(io.stderr, formatProblem(problem));
  }
  warnings.finish();
  const spec = displayPath(io.cwd, specFile);
  const version = describeVersion(loaded.version);
  if (errors.length > 0) {
    writeLine(io.stderr, `${spec}: ${errors.length} problem${errors.length === 1 ? '' : 's'} (${version})`);
    return EXIT_FAILURE;
  }
  if (!args.quiet) writeLine(io.stdout, `${spec} is valid (${version})`);
  return EXIT_OK;
}

function locate(problem: Problem, loaded: LoadedSpecSummary): Problem {
  if (problem.pointer === undefined || problem.line !== undefined || loaded.locate === undefined) return problem;
  const where = loaded.locate(problem.pointer);
  return { ...problem, ...(where.line === undefined ? {} : { line: where.line, column: where.column }) };
}
