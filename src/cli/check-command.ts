/**
 * `apiwright check <spec> --out <dir>`: exit 1 and list the differing files (changed, added,
 * removed) when the committed output is stale; exit 0 when it is up to date. For CI.
 */
import type { StaleFiles } from '../generate.js';
import type { CliIo, GenerateFn, TextSink } from './io.js';
import { displayPath, writeLine } from './io.js';
import type { CommandArgs } from './parse-args.js';
import { EXIT_FAILURE, EXIT_OK } from './report-error.js';
import { resolveJobs, type RunInputs } from './resolve-inputs.js';
import { runGenerate } from './run-generate.js';

const GROUPS: readonly [keyof StaleFiles, string][] = [
  ['changed', 'changed'],
  ['added', 'missing (would be created)'],
  ['removed', 'no longer generated (would be deleted)'],
];

function printStale(sink: TextSink, stale: StaleFiles): void {
  for (const [key, title] of GROUPS) {
    const files = stale[key];
    if (files.length === 0) continue;
    writeLine(sink, `  ${title}:`);
    for (const file of files) writeLine(sink, `    ${file}`);
  }
}

export async function runCheckCommand(io: CliIo, generate: GenerateFn, args: CommandArgs): Promise<number> {
  // Every job is checked, so one run lists everything stale; exit 1 when any is.
  let code = EXIT_OK;
  for (const inputs of await resolveJobs(io.cwd, args, true)) {
    if ((await checkJob(io, generate, args, inputs)) !== EXIT_OK) code = EXIT_FAILURE;
  }
  return code;
}

async function checkJob(io: CliIo, generate: GenerateFn, args: CommandArgs, inputs: RunInputs): Promise<number> {
  const result = await runGenerate(io, generate, args, inputs, true);
  const out = displayPath(io.cwd, inputs.out);
  // generate() leaves `stale` out when nothing differs.
  const stale = result.stale ?? { changed: [], added: [], removed: [] };
  const count = stale.changed.length + stale.added.length + stale.removed.length;
  if (count === 0) {
    if (!args.quiet) writeLine(io.stdout, `${out} is up to date`);
    return EXIT_OK;
  }
  const spec = displayPath(io.cwd, inputs.spec);
  writeLine(io.stderr, `${out} is out of date with ${spec} (${count} file${count === 1 ? ' differs' : 's differ'}):`);
  printStale(io.stderr, stale);
  writeLine(io.stderr, `Run \`apiwright generate ${spec} --out ${out}\` and commit the result.`);
  return EXIT_FAILURE;
}
