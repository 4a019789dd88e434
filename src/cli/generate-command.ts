/** `apiwright generate <spec> --out <dir>`: writes the client, prints one summary line. */
import type { CliIo, GenerateFn } from './io.js';
import { displayPath, writeLine } from './io.js';
import type { CommandArgs } from './parse-args.js';
import { EXIT_OK } from './report-error.js';
import { resolveInputs } from './resolve-inputs.js';
import { runGenerate } from './run-generate.js';
import { processStopSignal, watchGenerate } from './watch-generate.js';

export async function runGenerateCommand(io: CliIo, generate: GenerateFn, args: CommandArgs): Promise<number> {
  const now = io.now ?? (() => performance.now());
  const started = now();
  const inputs = await resolveInputs(io.cwd, args, true);
  if (args.watch ?? inputs.config.watch)
    return watchGenerate(io, generate, args, inputs, { stop: io.signal ?? processStopSignal() });
  const result = await runGenerate(io, generate, args, inputs, false);
  if (!args.quiet) {
    const elapsed = Math.round(now() - started);
    const count = result.files.length;
    writeLine(
      io.stdout,
      `Generated ${count} file${count === 1 ? '' : 's'} in ${displayPath(io.cwd, inputs.out)} (${elapsed} ms)`,
    );
  }
  return EXIT_OK;
}
