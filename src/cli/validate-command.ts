/**
 * `apiwright validate <spec>`: loads the spec (refs resolved, safely) and checks it against the
 * OpenAPI schema. Exit 0 when valid, 1 when the schema check reports problems or loading fails.
 * Loader warnings are printed but do not fail the run.
 */
import { formatLocation, type Diagnostic } from '../errors.js';
import type { CliIo, SpecLoader } from './io.js';
import { displayPath, writeLine } from './io.js';
import type { CommandArgs } from './parse-args.js';
import { createWarningPrinter } from './print-warnings.js';
import { EXIT_FAILURE, EXIT_OK } from './report-error.js';
import { resolveInputs } from './resolve-inputs.js';

// A variable specifier: the CLI keeps compiling while load/ is being written (see report).
const LOADER_MODULE = '../load/index.js';

async function importLoader(): Promise<SpecLoader> {
  return (await import(LOADER_MODULE)) as SpecLoader;
}

function formatProblem(diagnostic: Diagnostic): string {
  const where = formatLocation(diagnostic);
  return `error ${diagnostic.code}${where ? ` ${where}` : ''}: ${diagnostic.message}`;
}

export async function runValidateCommand(io: CliIo, args: CommandArgs): Promise<number> {
  const inputs = await resolveInputs(io.cwd, args, false);
  const loader = io.loader ?? (await importLoader());
  const loaded = await loader.loadSpec(inputs.spec, { allowRemoteRefs: inputs.allowRemoteRefs });
  const warnings = createWarningPrinter(io.stderr, args.quiet);
  for (const warning of loaded.warnings) warnings.report(warning);
  warnings.finish();
  const problems = await loader.validateSpec(loaded);
  const spec = displayPath(io.cwd, inputs.spec);
  if (problems.length > 0) {
    for (const problem of problems) writeLine(io.stderr, formatProblem(problem));
    writeLine(io.stderr, `${spec}: ${problems.length} problem${problems.length === 1 ? '' : 's'} against the OpenAPI ${loaded.version} schema`);
    return EXIT_FAILURE;
  }
  if (!args.quiet) writeLine(io.stdout, `${spec} is valid (OpenAPI ${loaded.version})`);
  return EXIT_OK;
}
