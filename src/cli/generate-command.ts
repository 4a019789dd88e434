/** `apiwright generate <spec> --out <dir>`: writes the client, prints one summary line. */
import type { CliIo, GenerateFn } from './io.js';
import { displayPath, writeLine } from './io.js';
import type { CommandArgs } from './parse-args.js';
import { EXIT_OK } from './report-error.js';
import { resolveJobs } from './resolve-inputs.js';
import { runGenerate } from './run-generate.js';

export async function runGenerateCommand(io: CliIo, generate: GenerateFn, args: CommandArgs): Promise<number> {
  const now = io.now ?? (() => performance.now());
  const jobs = await resolveJobs(io.cwd, args, true);
  // Watch mode watches every job at once, each with its own files and summary lines, until stopped.
  if (jobs.some((job) => args.watch ?? job.config.watch)) {
    // Imported only here: chokidar is loaded by runs that watch.
    const { processStopSignal, watchGenerate } = await import('./watch-generate.js');
    const stop = io.signal ?? processStopSignal();
    const codes = await Promise.all(jobs.map((job) => watchGenerate(io, generate, args, job, { stop })));
    return Math.max(EXIT_OK, ...codes);
  }
  // One run per job of the config file (one unless it holds an array of jobs).
  for (const inputs of jobs) {
    const started = now();
    const result = await runGenerate(io, generate, args, inputs, false);
    if (!args.quiet) {
      const elapsed = Math.round(now() - started);
      const count = result.files.length;
      writeLine(
        io.stdout,
        `Generated ${count} file${count === 1 ? '' : 's'} in ${displayPath(io.cwd, inputs.out)} (${elapsed} ms)`,
      );
    }
  }
  return EXIT_OK;
}
