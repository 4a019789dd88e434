/**
 * `apiwright health <spec>`: checks the live API with safe requests only. Exit 0 healthy,
 * 1 unhealthy (or the spec cannot be read), 2 usage (bad flags, no absolute server URL, an
 * operation that does not exist, is not GET/HEAD or needs parameters).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CliIo } from './io.js';
import { writeLine } from './io.js';
import type { CommandArgs } from './parse-args.js';
import { EXIT_FAILURE, EXIT_OK } from './report-error.js';
import { resolveInputs } from './resolve-inputs.js';
import { UsageError } from './usage-error.js';

const DEFAULT_PROBES = 5;
const MAX_PROBES = 100;
const DEFAULT_TIMEOUT_MS = 5000;

export async function runHealthCommand(io: CliIo, args: CommandArgs): Promise<number> {
  const probes = args.probes ?? DEFAULT_PROBES;
  const timeoutMs = args.timeout ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(probes) || probes < 1 || probes > MAX_PROBES)
    throw new UsageError(`--probes must be a whole number from 1 to ${MAX_PROBES}`);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > 600_000)
    throw new UsageError('--timeout must be a number of milliseconds from 1 to 600000');
  const ca = args.ca === undefined ? undefined : await readCa(path.resolve(io.cwd, args.ca));
  const inputs = await resolveInputs(io.cwd, args, false);
  const [{ analyzeSpec }, health] = await Promise.all([import('../analyze-spec.js'), import('../health/index.js')]);
  const { plan } = await analyzeSpec({
    spec: inputs.spec,
    allowRemoteRefs: inputs.allowRemoteRefs,
    refRoot: inputs.refRoot,
    clientName: inputs.config.clientName,
    cwd: io.cwd,
  });
  let report;
  try {
    report = await health.runHealth({
      plan,
      baseUrl: args.baseUrl,
      operation: args.operation,
      ca,
      probes,
      timeoutMs,
      env: io.env ?? process.env,
    });
  } catch (error) {
    if (error instanceof health.HealthUsageError || error instanceof health.HealthOperationError)
      throw new UsageError(error.message);
    throw error;
  }
  if (args.json) writeLine(io.stdout, JSON.stringify(report, null, 2));
  else io.stdout.write(health.renderHealthText(report));
  return report.healthy ? EXIT_OK : EXIT_FAILURE;
}

async function readCa(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--ca ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--ca ${file} holds no PEM certificate`);
  return text;
}
