/**
 * `apiwright validate <spec>`: loads the spec (refs resolved, safely) and checks it against the
 * OpenAPI schema. Exit 0 when valid, 1 when the schema check reports problems or loading fails.
 * Loader warnings are printed but do not fail the run.
 */
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
  return io.loader
    ? validateWith(io, args, inputs.spec, loadOptions, io.loader)
    : validateWith(io, args, inputs.spec, loadOptions, await import('../load/index.js'));
}

async function validateWith<Loaded extends LoadedSpecSummary>(
  io: CliIo,
  args: CommandArgs,
  specFile: string,
  loadOptions: { allowRemoteRefs: boolean; root?: string },
  loader: SpecLoader<Loaded>,
): Promise<number> {
  const loaded = await loader.loadSpec(specFile, loadOptions);
  const warnings = createWarningPrinter(io.stderr, args.quiet);
  for (const warning of loaded.warnings) warnings.report(warning);
  warnings.finish();
  const problems = await loader.validateSpec(loaded);
  const spec = displayPath(io.cwd, specFile);
  const version = describeVersion(loaded.version);
  if (problems.length > 0) {
    for (const problem of problems) writeLine(io.stderr, formatProblem(problem));
    writeLine(io.stderr, `${spec}: ${problems.length} problem${problems.length === 1 ? '' : 's'} against the ${version} schema`);
    return EXIT_FAILURE;
  }
  if (!args.quiet) writeLine(io.stdout, `${spec} is valid (${version})`);
  return EXIT_OK;
}
