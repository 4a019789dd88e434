/**
 * `apiwright init [spec] [--out dir]`: writes apiwright.config.json with the defaults spelled out.
 * Never overwrites: an existing config file of any kind is an error.
 */
import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_CONFIG, findConfigFiles } from '../config/index.js';
import { ConfigError } from '../errors.js';
import type { CliIo } from './io.js';
import { writeLine } from './io.js';
import type { CommandArgs } from './parse-args.js';
import { EXIT_OK } from './report-error.js';
import { UsageError } from './usage-error.js';

const LIKELY_SPECS = ['openapi.yaml', 'openapi.yml', 'openapi.json', 'swagger.yaml', 'swagger.yml', 'swagger.json'];

async function guessSpec(cwd: string): Promise<string> {
  for (const name of LIKELY_SPECS) {
    try {
      await access(path.join(cwd, name));
      return name;
    } catch {
      // not this one
    }
  }
  return 'openapi.yaml';
}

/** The config as the user would write it: posix separators, relative to the config's folder. */
function toConfigPath(cwd: string, base: string, value: string): string {
  if (/^https?:\/\//i.test(value)) return value;
  return path.relative(base, path.resolve(cwd, value)).split(path.sep).join('/') || '.';
}

export async function runInitCommand(io: CliIo, args: CommandArgs): Promise<number> {
  const target = path.resolve(io.cwd, args.config ?? 'apiwright.config.json');
  if (path.extname(target) !== '.json') throw new UsageError('init writes a JSON config: give --config a path ending in .json');
  const base = path.dirname(target);
  const existing = await findConfigFiles(base);
  if (
    existing.length > 0 ||
    (await access(target).then(
      () => true,
      () => false,
    ))
  ) {
    throw new ConfigError('a config file already exists; init does not overwrite it', {
      code: 'CONFIG_EXISTS',
      file: existing[0] ?? target,
      hint: 'Edit it, or delete it and run init again.',
    });
  }
  const config = {
    input: toConfigPath(io.cwd, base, args.spec ?? (await guessSpec(io.cwd))),
    output: toConfigPath(io.cwd, base, args.out ?? 'src/client'),
    allowRemoteRefs: DEFAULT_CONFIG.allowRemoteRefs,
    naming: DEFAULT_CONFIG.naming,
    dates: DEFAULT_CONFIG.dates,
  };
  try {
    // `wx`: fails instead of overwriting when a file appeared since the check above.
    await writeFile(target, `${JSON.stringify(config, null, 2)}\n`, { flag: 'wx' });
  } catch (error) {
    throw new ConfigError(`could not write the config: ${error instanceof Error ? error.message : String(error)}`, {
      code: 'CONFIG_WRITE_FAILED',
      file: target,
      cause: error,
    });
  }
  if (!args.quiet) {
    writeLine(io.stdout, `Created ${path.relative(io.cwd, target) || target}`);
    writeLine(io.stdout, 'Next: run `npx apiwright generate` to generate the client.');
  }
  return EXIT_OK;
}
