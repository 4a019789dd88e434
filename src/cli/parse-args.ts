/**
 * The command line, parsed with yargs into one plain value. yargs only parses here; commands run
 * in main.ts, so every outcome (help, usage error, command) comes back as data and an exit code.
 */
import yargs from 'yargs';
import { RUNTIME_EXTRAS, type RuntimeExtra } from '../config/config.js';

export type CommandName = 'generate' | 'check' | 'validate' | 'init' | 'inspect' | 'health';

export interface CommandArgs {
  command: CommandName;
  spec: string | undefined;
  out: string | undefined;
  config: string | undefined;
  /** Undefined when the flag is absent, so the config file decides. */
  allowRemoteRefs: boolean | undefined;
  /** `--no-validators`: leave validators.gen.ts out (undefined: the config decides). */
  validators: boolean | undefined;
  /** Folder local `$ref`s may read from. */
  refRoot: string | undefined;
  quiet: boolean;
  debug: boolean;
  // Strict build, inspect and health.
  /** `--strict`: every warning is an error; undefined when absent, so the config's `failOnWarnings` decides. */
  strict: boolean | undefined;
  /** `--json` (inspect, health) and `--markdown` (inspect). */
  json: boolean;
  markdown: boolean;
  /** health: `--base-url`, `--operation`, `--ca`, `--probes`, `--timeout` (ms); undefined when absent. */
  baseUrl: string | undefined;
  operation: string | undefined;
  ca: string | undefined;
  probes: number | undefined;
  timeout: number | undefined;
  // generate only: undefined when the flag is absent, so the config file decides.
  mocks: boolean | undefined;
  watch: boolean | undefined;
  /** generate and check: `--runtime-extras redis,webhooks`; undefined when absent, so the config decides. */
  runtimeExtras: RuntimeExtra[] | undefined;
}

export type ParsedArgs =
  | { kind: 'command'; args: CommandArgs }
  /** --help or --version: print `text` to stdout, exit 0. */
  | { kind: 'info'; text: string }
  /** Unknown command or flag: print `text` to stderr, exit 2. */
  | { kind: 'usage'; text: string };

const COMMANDS: readonly CommandName[] = ['generate', 'check', 'validate', 'init', 'inspect', 'health'];

function buildParser(version: string) {
  return yargs()
    .scriptName('apiwright')
    .usage('$0 <command> [options]')
    .exitProcess(false)
    .strict()
    .demandCommand(1, 'Pick a command.')
    .recommendCommands()
    .wrap(100)
    .version(version)
    .help()
    .option('config', {
      type: 'string',
      requiresArg: true,
      global: true,
      describe: 'Config file (default: apiwright.config.{ts,js,json} in the working directory)',
    })
    .option('quiet', { type: 'boolean', global: true, describe: 'Print errors only' })
    .option('debug', { type: 'boolean', global: true, describe: 'Print stack traces of errors' })
    .command('generate [spec]', 'Generate a TypeScript client from an OpenAPI spec', (y) =>
      y
        .positional('spec', specOption)
        .option('out', outOption)
        .options(loadOptions)
        .option('strict', strictOption)
        .options(emitOptions)
        .options(generateOptions),
    )
    .command('check [spec]', 'Exit 1 when the output folder differs from what generate would write', (y) =>
      y
        .positional('spec', specOption)
        .option('out', outOption)
        .options(loadOptions)
        .option('strict', strictOption)
        .options(emitOptions),
    )
    .command('validate [spec]', 'Validate a spec: broken $refs and the OpenAPI schema; exit 1 on any error', (y) =>
      y.positional('spec', specOption).options(loadOptions).option('strict', strictOption),
    )
    .command('inspect [spec]', 'Print what the spec offers: endpoints, auth, pagination, rate limits, retry safety', (y) =>
      y
        .positional('spec', specOption)
        .options(loadOptions)
        .option('json', { type: 'boolean', describe: 'Print the report as JSON (stable shape, see docs/inspect-report.md)' })
        .option('markdown', { type: 'boolean', describe: 'Print the report as Markdown' })
        .conflicts('json', 'markdown'),
    )
    .command('health [spec]', 'Check the live API: DNS, TCP, TLS, latency, credentials; exit 0 healthy, 1 unhealthy', (y) =>
      y.positional('spec', specOption).options(loadOptions).options(healthOptions),
    )
    .command('init [spec]', 'Write apiwright.config.json with sensible defaults', (y) =>
      y
        .positional('spec', { type: 'string', describe: 'Spec file to put in the config' })
        .option('out', { type: 'string', requiresArg: true, describe: 'Output folder to put in the config' }),
    );
}

const specOption = { type: 'string', describe: 'Spec file (default: "input" in the config file)' } as const;
const outOption = {
  type: 'string',
  requiresArg: true,
  describe: 'Output folder (default: "output" in the config file)',
} as const;
/** How the spec is read: the same for generate, check and validate. */
const loadOptions = {
  'allow-remote-refs': { type: 'boolean', describe: 'Allow $ref to http(s) URLs (never private addresses)' },
  'ref-root': { type: 'string', requiresArg: true, describe: "Folder local $refs may read from (default: the spec's folder)" },
} as const;

/** What is generated: the same for generate and check. */
const emitOptions = {
  validators: {
    type: 'boolean',
    describe: 'Generate validators.gen.ts and validate requests and responses (--no-validators: smallest output)',
  },
  // What of the runtime a client ships (src/write/select-runtime.ts).
  'runtime-extras': {
    type: 'string',
    requiresArg: true,
    describe: `Runtime features to ship although the client does not use them: ${RUNTIME_EXTRAS.join(', ')} (comma-separated; config runtimeExtras)`,
    coerce: parseRuntimeExtras,
  },
} as const;

const strictOption = { type: 'boolean', describe: 'Treat every warning as an error (config: failOnWarnings)' } as const;
const healthOptions = {
  'base-url': { type: 'string', requiresArg: true, describe: "Base URL to check (default: the spec's first server)" },
  operation: { type: 'string', requiresArg: true, describe: 'operationId of the safe (GET/HEAD) operation to call' },
  ca: { type: 'string', requiresArg: true, describe: 'PEM file of extra certificate authorities to trust (private CAs)' },
  probes: { type: 'number', requiresArg: true, describe: 'HTTP requests to time (default 5, at most 100)' },
  timeout: { type: 'number', requiresArg: true, describe: 'Milliseconds each step may take (default 5000)' },
  json: { type: 'boolean', describe: 'Print the result as JSON' },
} as const;

function optionalNumber(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** Flags of `generate` alone. */
const generateOptions = {
  mocks: { type: 'boolean', describe: 'Also write mocks.gen.ts: msw handlers for every operation (needs msw in your tests)' },
  watch: { type: 'boolean', describe: 'Regenerate when the spec or a file it references changes; Ctrl-C stops' },
} as const;

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export async function parseArgs(argv: readonly string[], version: string): Promise<ParsedArgs> {
  const outcome = await new Promise<{ error: Error | undefined; args: Record<string, unknown>; output: string }>((resolve) => {
    void buildParser(version).parse([...argv], {}, (error, args, output) => {
      resolve({ error: error ?? undefined, args, output });
    });
  });
  if (outcome.error !== undefined) return { kind: 'usage', text: outcome.output || outcome.error.message };
  const { args } = outcome;
  const positional: unknown = args['_'];
  const command: unknown = Array.isArray(positional) ? (positional as unknown[])[0] : undefined;
  if (outcome.output !== '' || typeof command !== 'string' || !(COMMANDS as readonly string[]).includes(command)) {
    return { kind: 'info', text: outcome.output };
  }
  return {
    kind: 'command',
    args: {
      command: command as CommandName,
      spec: optionalString(args['spec']),
      out: optionalString(args['out']),
      config: optionalString(args['config']),
      allowRemoteRefs: typeof args['allowRemoteRefs'] === 'boolean' ? args['allowRemoteRefs'] : undefined,
      refRoot: optionalString(args['refRoot']),
      validators: typeof args['validators'] === 'boolean' ? args['validators'] : undefined,
      quiet: args['quiet'] === true,
      debug: args['debug'] === true,
      strict: typeof args['strict'] === 'boolean' ? args['strict'] : undefined,
      json: args['json'] === true,
      markdown: args['markdown'] === true,
      baseUrl: optionalString(args['baseUrl']),
      operation: optionalString(args['operation']),
      ca: optionalString(args['ca']),
      probes: optionalNumber(args['probes']),
      timeout: optionalNumber(args['timeout']),
      mocks: typeof args['mocks'] === 'boolean' ? args['mocks'] : undefined,
      watch: typeof args['watch'] === 'boolean' ? args['watch'] : undefined,
      runtimeExtras: Array.isArray(args['runtimeExtras']) ? (args['runtimeExtras'] as RuntimeExtra[]) : undefined,
    },
  };
}

/** `redis,webhooks` → the extras; an unknown name is a usage error naming the accepted ones. */
function parseRuntimeExtras(value: unknown): RuntimeExtra[] {
  const names = String(value)
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !(RUNTIME_EXTRAS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new Error(
      `--runtime-extras: unknown ${unknown.map((name) => `"${name}"`).join(', ')}; accepted: ${RUNTIME_EXTRAS.join(', ')}`,
    );
  }
  return [...new Set(names as RuntimeExtra[])];
}
