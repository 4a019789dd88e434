/**
 * The compatibility matrix's shared steps: put a representative set of clients into one folder per
 * row, then compile them all as one TypeScript project under that row's preset (one tsc run per row
 * keeps the matrix within minutes on two cores). Each client is generated once per test run and
 * copied into every row that compiles it (test/support/shared-clients.ts): the same bytes each row
 * would generate, for a seventh of the generation time.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { corpusDir, fixturesDir, generatedDir, repoRoot } from '../support/paths.js';
import { copySharedClients, type SharedOptions } from '../support/shared-clients.js';

const run = promisify(execFile);

export interface CompatSpec {
  name: string;
  spec: string;
}

/**
 * Every row compiles these: the fixtures that exercise the most emitter paths (all body kinds,
 * Swagger 2.0, 3.1 schemas, name collisions, every auth kind, renamed properties, SSE and JSON Lines streams) and corpus specs
 * of different styles (next-URL, cursor and link pagination; YAML; 3.1).
 */
export const baseSpecs: readonly CompatSpec[] = [
  ...['petstore/openapi.yaml', 'swagger-2-0/swagger.yaml', 'schemas-3-1/openapi.yaml', 'naming-collisions/openapi.yaml']
    .concat(['security-18-20-auth-client/openapi.json', 'transform-snake-case/openapi.yaml', 'streams/openapi.yaml'])
    .map((file) => ({ name: file.split('/')[0] ?? file, spec: path.join(fixturesDir, file) })),
  ...['spotify.json', 'slack-web-api.json', 'docker-engine.yaml', 'museum-v31.yaml', 'airflow.json'].map((file) => ({
    name: file.replace(/\.(json|ya?ml)$/, ''),
    spec: path.join(corpusDir, file),
  })),
];

/** Big real specs, for the rows whose compiler is fast enough to take them. */
export const bigSpecs: readonly CompatSpec[] = ['github-api.json', 'openai.yaml'].map((file) => ({
  name: file.replace(/\.(json|ya?ml)$/, ''),
  spec: path.join(corpusDir, file),
}));

/** Puts the client of each spec into `<row folder>/<name>` and returns the row folder. */
export async function generateRow(row: string, specs: readonly CompatSpec[], options: SharedOptions = {}): Promise<string> {
  const dir = generatedDir('compat', row);
  await copySharedClients(
    specs.map(({ name, spec }) => ({ spec, out: path.join(dir, name) })),
    options,
  );
  return dir;
}

export type Compiler = 'typescript' | 'typescript54' | 'typescript7';

export interface Project {
  compiler: Compiler;
  /** The whole tsconfig.json: a preset as its tool writes it, plus `include`. */
  tsconfig: Record<string, unknown>;
  /** The package.json the project's files are judged by (`type` decides ESM or CommonJS). */
  packageJson: Record<string, unknown>;
}

/** Writes tsconfig.json and package.json into `dir`, runs tsc there, and returns its error lines (paths relative to `dir`). */
export async function compile(dir: string, project: Project): Promise<string[]> {
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(project.tsconfig, null, 2));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, ...project.packageJson }, null, 2));
  const tsc = path.join(repoRoot, 'node_modules', project.compiler, 'bin', 'tsc');
  try {
    await run(process.execPath, [tsc, '-p', dir, '--pretty', 'false'], {
      cwd: dir,
      maxBuffer: 64 * 1024 * 1024,
      timeout: 600_000,
    });
    return [];
  } catch (error) {
    const stdout = (error as { stdout?: string }).stdout ?? '';
    if (stdout.trim() === '') throw error;
    return stdout.split('\n').filter((line) => line.includes('error TS'));
  }
}

/**
 * Error lines with their leading `<n>/` (the client folder `n` of a numbered row, as `compile`
 * prints it) replaced by `names[n]`, so a failure says which spec it is.
 */
export function nameByFolder(lines: readonly string[], names: readonly string[]): string[] {
  return lines.map((line) => line.replace(/^(\d+)\//, (whole, n: string) => `${names[Number(n)] ?? whole}: `));
}

/** The compiler's version, for the test's log line. */
export async function compilerVersion(compiler: Compiler): Promise<string> {
  const tsc = path.join(repoRoot, 'node_modules', compiler, 'bin', 'tsc');
  const { stdout } = await run(process.execPath, [tsc, '--version'], { timeout: 60_000 });
  return stdout.trim();
}

/** `strict` + the options our own output promises to satisfy (COMMON.md), ESM under nodenext. */
export const strictEsmOptions = {
  target: 'ES2022',
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  module: 'nodenext',
  moduleResolution: 'nodenext',
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  verbatimModuleSyntax: true,
  noImplicitOverride: true,
  noEmit: true,
  skipLibCheck: false,
  types: [] as string[],
};
