/**
 * Runs generate() with the CLI's inputs and warning printer; shared by `generate` and `check`.
 */
import type { GenerateResult } from '../generate.js';
import type { CliIo, GenerateFn } from './io.js';
import type { CommandArgs } from './parse-args.js';
import { createWarningPrinter } from './print-warnings.js';
import { createProgress } from './progress.js';
import type { RunInputs } from './resolve-inputs.js';

export async function runGenerate(
  io: CliIo,
  generate: GenerateFn,
  args: CommandArgs,
  inputs: RunInputs,
  check: boolean,
): Promise<GenerateResult> {
  const warnings = createWarningPrinter(io.stderr, args.quiet);
  const progress = createProgress(io.stderr);
  progress.step(check ? 'checking' : 'generating');
  try {
    const result = await generate({
      spec: inputs.spec,
      out: inputs.out,
      check,
      allowRemoteRefs: inputs.allowRemoteRefs,
      ...(inputs.refRoot === undefined ? {} : { refRoot: inputs.refRoot }),
      onWarning: (diagnostic) => {
        progress.clear();
        warnings.report(diagnostic);
      },
      cwd: io.cwd,
      configFile: inputs.config.file,
      naming: inputs.config.naming,
      dates: inputs.config.dates,
      pagination: inputs.config.pagination,
      validators: args.validators ?? inputs.config.validators,
      mocks: args.mocks ?? inputs.config.mocks,
      runtimeExtras: args.runtimeExtras ?? inputs.config.runtimeExtras,
      ...(inputs.config.clientName === undefined ? {} : { clientName: inputs.config.clientName }),
      strict: args.strict ?? inputs.config.failOnWarnings,
      moduleFormat: inputs.config.moduleFormat,
    });
    // Warnings generate() returned without reporting them as they were found.
    for (const diagnostic of result.warnings) warnings.report(diagnostic);
    return result;
  } finally {
    progress.stop();
    warnings.finish();
  }
}
