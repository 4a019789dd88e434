/**
 * The spec and output folder of a run: command-line values win over the config file's. Flags
 * resolve against the working directory, config values against the config file's folder.
 */
import path from 'node:path';
import { loadConfig, loadConfigJobs, type ResolvedConfig } from '../config/index.js';
import type { CommandArgs } from './parse-args.js';
import { UsageError } from './usage-error.js';

export interface RunInputs {
  config: ResolvedConfig;
  spec: string;
  out: string;
  allowRemoteRefs: boolean;
  /** Folder local `$ref`s may read from; undefined: the spec's folder. */
  refRoot: string | undefined;
}

function resolveSpec(cwd: string, spec: string): string {
  return /^https?:\/\//i.test(spec) ? spec : path.resolve(cwd, spec);
}

export async function resolveInputs(cwd: string, args: CommandArgs, needsOut: boolean): Promise<RunInputs> {
  return inputsOf(cwd, args, needsOut, await loadConfig(cwd, args.config));
}

// Several jobs in one config file.
/**
 * The runs of `generate` / `check`: one per job of the config file. A spec or --out on the command
 * line picks a single run, so it cannot be combined with a config of several jobs.
 */
export async function resolveJobs(cwd: string, args: CommandArgs, needsOut: boolean): Promise<RunInputs[]> {
  const jobs = await loadConfigJobs(cwd, args.config);
  if (jobs.length > 1 && ((args.spec !== undefined && args.spec !== '') || args.out !== undefined)) {
    throw new UsageError(
      `the config has ${jobs.length} jobs, each with its own input and output: run \`apiwright ${args.command}\` without <spec> or --out, or pass --config with a one-job file`,
    );
  }
  return jobs.map((config) => inputsOf(cwd, args, needsOut, config));
}

function inputsOf(cwd: string, args: CommandArgs, needsOut: boolean, config: ResolvedConfig): RunInputs {
  const spec = args.spec !== undefined && args.spec !== '' ? resolveSpec(cwd, args.spec) : config.spec;
  if (spec === undefined) {
    throw new UsageError(
      `missing <spec>: pass it (apiwright ${args.command} <spec>${needsOut ? ' --out <dir>' : ''}) or set "input" in apiwright.config.json`,
    );
  }
  const out = args.out !== undefined ? path.resolve(cwd, args.out) : config.out;
  if (needsOut && out === undefined) {
    throw new UsageError(`missing --out <dir>: pass it or set "output" in apiwright.config.json`);
  }
  const refRoot = args.refRoot !== undefined ? path.resolve(cwd, args.refRoot) : config.refRoot;
  return { config, spec, out: out ?? '', allowRemoteRefs: args.allowRemoteRefs ?? config.allowRemoteRefs, refRoot };
}
