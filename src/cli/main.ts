/**
 * The CLI entry: parse the command line, dispatch to one command, map the outcome to an exit code
 * (0 ok, 1 spec/config/check failure, 2 usage error). `runCli` runs in-process for tests; `main`
 * is what bin/apiwright.js calls.
 */
import { readGeneratorVersion } from '../write/package-root.js';
import type { CliIo, GenerateFn } from './io.js';
import { writeLine } from './io.js';
import { parseArgs } from './parse-args.js';
import { EXIT_OK, EXIT_USAGE, reportError } from './report-error.js';

export type { CliIo, CliGenerateOptions, GenerateFn, SpecLoader } from './io.js';

/**
 * The pipeline, and each command's module, are imported on first use: a run loads only the
 * command it runs (`--help`, `init` and `validate` never load the generator).
 */
const importGenerate: GenerateFn = async (options) => (await import('../generate.js')).generate(options);

/** Runs one CLI invocation; `argv` is the arguments after the program name. Resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = await parseArgs(argv, readGeneratorVersion());
  if (parsed.kind === 'info') {
    if (parsed.text !== '') writeLine(io.stdout, parsed.text);
    return EXIT_OK;
  }
  if (parsed.kind === 'usage') {
    writeLine(io.stderr, parsed.text);
    return EXIT_USAGE;
  }
  const { args } = parsed;
  const generate = io.generate ?? importGenerate;
  try {
    switch (args.command) {
      case 'generate':
        return await (await import('./generate-command.js')).runGenerateCommand(io, generate, args);
      case 'check':
        return await (await import('./check-command.js')).runCheckCommand(io, generate, args);
      case 'validate':
        return await (await import('./validate-command.js')).runValidateCommand(io, args);
      case 'init':
        return await (await import('./init-command.js')).runInitCommand(io, args);
      // The integration engineer's toolbox.
      case 'inspect':
        return await (await import('./inspect-command.js')).runInspectCommand(io, args);
      case 'health':
        return await (await import('./health-command.js')).runHealthCommand(io, args);
    }
  } catch (error) {
    return reportError(error, io.stderr, args.debug);
  }
}

/** For bin/apiwright.js: `processArgv` is `process.argv` (node, script, …arguments). */
export async function main(processArgv: readonly string[] = process.argv): Promise<number> {
  return runCli(processArgv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
}
