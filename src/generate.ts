/**
 * load → normalize → plan → emit → write. The one function the CLI and the programmatic API call.
 * Only load/ and write/ touch the file system; everything between is pure.
 */
import path from 'node:path';
import type { DateStyle, ModuleFormat, NamingStyle, PaginationOverride, RuntimeExtra } from './config/index.js';
import { analyzeSpec, failingProblems } from './analyze-spec.js';
import { SpecProblemsError, type Diagnostic } from './errors.js';
import { emitClient } from './emit/emit-client.js';
import { readmeData } from './plan/readme-data.js';
import { applyModuleFormat } from './write/module-format.js';
import {
  diffOutput,
  readGeneratorVersion,
  readRuntimeSources,
  renderTemplates,
  selectRuntimeFiles,
  stampHeader,
  withRuntimeHeader,
  writeOutput,
  type OutputFile,
} from './write/index.js';
import { shipsRedisStore } from './write/runtime-extras.js';

export interface GenerateOptions {
  /** Path of the entry spec file. */
  spec: string;
  /** Output folder of the generated client. */
  out: string;
  /** Compare instead of writing: the result's `stale` lists what differs. */
  check?: boolean;
  /** Allow `$ref` to http(s) URLs (never to private addresses). */
  allowRemoteRefs?: boolean;
  /** Folder local `$ref`s may read from (default: the spec's folder); widen it for specs that share files with siblings. */
  refRoot?: string;
  /** Overrides the API name taken from the spec title (environment variable prefix, README). */
  clientName?: string;
  /** Folder relative paths are shown from (README, messages); default `process.cwd()`. */
  cwd?: string;
  /** The config file these options came from, if any (for messages). */
  configFile?: string | undefined;
  /** Property names as the spec writes them (default) or camelCase. */
  naming?: NamingStyle;
  /** `format: date-time`/`date` as strings (default) or `Date`. */
  dates?: DateStyle;
  /** Per operationId: `false` turns detected pagination off, an object declares it. */
  pagination?: Readonly<Record<string, false | PaginationOverride>>;
  /** `false` leaves validators.gen.ts out (and with it request and response validation). Default true. */
  validators?: boolean;
  /** `ts` (default) for ESM packages and bundlers; `mts` writes `.mts` files a CommonJS package can compile and `require()`. */
  moduleFormat?: ModuleFormat;
  /** Also write `mocks.gen.ts`: msw handlers answering with example or generated data (imports msw). */
  mocks?: boolean;
  /** Runtime features shipped although the generated code does not use them (`redis`, `webhooks`, `all`); default none. */
  runtimeExtras?: readonly RuntimeExtra[];
  /** Called for each warning as it is found. */
  onWarning?: (diagnostic: Diagnostic) => void;
  // Strict build: warnings fail it too.
  /** Every warning fails the build (config `failOnWarnings`, CLI `--strict`). A broken `$ref` always does. */
  strict?: boolean;
}

export interface StaleFiles {
  changed: string[];
  added: string[];
  removed: string[];
}

/** What the client covers, for messages and tests. */
export interface GenerateStats {
  operations: number;
  schemas: number;
  /** Paginated operations per style (`offset`, `page`, `cursor`, `nextUrl`, `linkHeader`). */
  pagination: Record<string, number>;
}

export interface GenerateResult {
  outDir: string;
  stats: GenerateStats;
  /** Every file of the client, relative to outDir, posix separators. */
  files: string[];
  /** With `check`: what differs between the committed output and what would be generated (all empty: up to date). */
  stale?: StaleFiles;
  warnings: Diagnostic[];
  /** Every local file the spec was read from (the entry file, then the files its `$ref`s bundled in): what `--watch` watches. */
  sources?: string[];
}

/** Builds the generated client in memory: every file's path and content. */
export async function buildClient(
  options: GenerateOptions,
): Promise<{ files: OutputFile[]; warnings: Diagnostic[]; stats: GenerateStats; sources: string[] }> {
  const { loaded, document, plan, problems } = await analyzeSpec(options);
  const failing = failingProblems(problems, options.strict ?? false);
  if (failing.length > 0) throw new SpecProblemsError(failing, options.strict ?? false);
  const warnings: Diagnostic[] = problems.map(({ severity: _severity, ...diagnostic }) => diagnostic);
  for (const warning of warnings) options.onWarning?.(warning);

  // Paths in generated files are relative to the output folder, never to the working directory:
  // the same inputs give the same bytes from any folder, on any machine (`apiwright check` relies on it).
  const layout = outputLayout(options.spec, options.out, options.cwd ?? process.cwd());
  const validatorWarnings: Diagnostic[] = [];
  const generated = emitClient(plan, validatorWarnings).map((file) => ({
    path: file.path,
    content: stampHeader(file.content, layout.specFromOut),
  }));
  for (const warning of validatorWarnings) options.onWarning?.(warning);
  warnings.push(...validatorWarnings);
  const generatorVersion = readGeneratorVersion();
  const extras = options.runtimeExtras ?? [];
  const [runtimeSources, templates] = await Promise.all([
    readRuntimeSources(),
    renderTemplates({ ...readmeData(plan, generatorVersion, layout), redisStore: shipsRedisStore(extras) }),
  ]);
  // Only the runtime modules this client reaches: a user's compiler reads every file it is given.
  const runtime = selectRuntimeFiles(generated, runtimeSources, extras).map(withRuntimeHeader);
  const pagination: Record<string, number> = {};
  for (const operation of document.operations) {
    if (operation.pagination) pagination[operation.pagination.style] = (pagination[operation.pagination.style] ?? 0) + 1;
  }
  const stats = { operations: document.operations.length, schemas: document.schemas.size, pagination };
  const files = applyModuleFormat([...generated, ...runtime, ...templates], options.moduleFormat ?? 'ts');
  return { files, warnings, stats, sources: loaded.files };
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const { files, warnings, stats, sources } = await buildClient(options);
  const cwd = options.cwd ?? process.cwd();
  const outDir = path.resolve(cwd, options.out);
  const paths = files.map((f) => f.path).sort();
  if (options.check) return { outDir, stats, files: paths, stale: await diffOutput(outDir, files), warnings, sources };
  await writeOutput(outDir, files, { specFile: path.resolve(cwd, options.spec), cwd });
  return { outDir, stats, files: paths, warnings, sources };
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

/** Where the spec is seen from the output folder and from the folder that holds it. */
export interface OutputLayout {
  /** The spec relative to the output folder (headers, README), or its URL. */
  specFromOut: string;
  /** The spec relative to the folder holding the output folder (the README's regenerate command). */
  specFromParent: string;
  /** The output folder's own name, as seen from its parent (`client`). */
  outName: string;
}

function outputLayout(spec: string, out: string, cwd: string): OutputLayout {
  const outDir = path.resolve(cwd, out);
  const outName = path.basename(outDir) || '.';
  if (/^https?:\/\//i.test(spec)) return { specFromOut: spec, specFromParent: spec, outName };
  const specPath = path.resolve(cwd, spec);
  return {
    specFromOut: toPosix(path.relative(outDir, specPath)),
    specFromParent: toPosix(path.relative(path.dirname(outDir), specPath)),
    outName,
  };
}
