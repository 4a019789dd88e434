/**
 * Finds and reads `apiwright.config.{ts,mts,js,mjs,cjs,json}`. JSON is parsed; JavaScript is
 * imported; TypeScript is transpiled with the compiler ts-morph bundles, written to a temporary
 * `.mjs` beside the config (so its imports resolve as they would from the config), imported and
 * deleted.
 */
import { randomBytes } from 'node:crypto';
import { access, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../errors.js';
import { DEFAULT_CONFIG, type ResolvedConfig } from './config.js';
import { validateConfigJobs } from './validate-config.js';

export const CONFIG_FILE_NAMES = [
  'apiwright.config.ts',
  'apiwright.config.mts',
  'apiwright.config.js',
  'apiwright.config.mjs',
  'apiwright.config.cjs',
  'apiwright.config.json',
] as const;

const SUPPORTED_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs', '.cjs', '.json'];
let importCounter = 0;

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** The config files present in `cwd`, in CONFIG_FILE_NAMES order. */
export async function findConfigFiles(cwd: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of CONFIG_FILE_NAMES) {
    const file = path.join(cwd, name);
    if (await exists(file)) found.push(file);
  }
  return found;
}

/**
 * Loads the config named by `explicitPath` (relative to `cwd`), or the one config file in `cwd`.
 * Without either, returns the defaults (`file` undefined). A file with several jobs is an error
 * here: callers that run jobs use `loadConfigJobs`.
 */
export async function loadConfig(cwd: string, explicitPath?: string): Promise<ResolvedConfig> {
  const jobs = await loadConfigJobs(cwd, explicitPath);
  if (jobs.length > 1) {
    throw new ConfigError(`the config has ${jobs.length} jobs; this command uses one`, {
      code: 'CONFIG_MANY_JOBS',
      file: jobs[0]?.file,
      hint: 'Pass the spec on the command line, or use a config with one job.',
    });
  }
  return jobs[0] ?? { ...DEFAULT_CONFIG, pagination: {} };
}

/** Every job of the config file (one for an object config; the defaults when there is no file). */
export async function loadConfigJobs(cwd: string, explicitPath?: string): Promise<ResolvedConfig[]> {
  let file: string;
  if (explicitPath !== undefined) {
    file = path.resolve(cwd, explicitPath);
    if (!(await exists(file))) {
      throw new ConfigError(`config file not found: ${file}`, {
        code: 'CONFIG_NOT_FOUND',
        file,
        hint: 'Check the --config path.',
      });
    }
  } else {
    const found = await findConfigFiles(cwd);
    if (found.length === 0) return [{ ...DEFAULT_CONFIG, pagination: {} }];
    if (found.length > 1) {
      throw new ConfigError(`more than one config file: ${found.map((f) => path.basename(f)).join(', ')}`, {
        code: 'CONFIG_AMBIGUOUS',
        file: found[0],
        hint: 'Keep one, or pick one with --config <path>.',
      });
    }
    file = found[0] as string;
  }
  return validateConfigJobs(await readConfigValue(file), file);
}

async function readConfigValue(file: string): Promise<unknown> {
  const extension = path.extname(file).toLowerCase();
  if (!SUPPORTED_EXTENSIONS.includes(extension)) {
    throw new ConfigError(`unsupported config file type "${extension}"`, {
      code: 'CONFIG_UNSUPPORTED',
      file,
      hint: `Use one of ${SUPPORTED_EXTENSIONS.join(', ')}.`,
    });
  }
  if (extension === '.json') return parseJsonConfig(file, await readFile(file, 'utf8'));
  if (extension === '.ts' || extension === '.mts') return importTypeScriptConfig(file);
  return importConfigModule(file, file);
}

function parseJsonConfig(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message)?.[1];
    let line: number | undefined;
    let column: number | undefined;
    if (position !== undefined) {
      const before = text.slice(0, Number(position)).split('\n');
      line = before.length;
      column = (before.at(-1)?.length ?? 0) + 1;
    }
    throw new ConfigError(`invalid JSON: ${message}`, { code: 'CONFIG_PARSE', file, line, column, cause: error });
  }
}

/** Imports `moduleFile` and returns its default export; errors are reported against `file`, the user's config. */
async function importConfigModule(moduleFile: string, file: string): Promise<unknown> {
  let loaded: Record<string, unknown>;
  try {
    // A query makes each load a fresh module, so an edited config is not served from the import cache.
    const url = `${pathToFileURL(moduleFile).href}?apiwright-load=${++importCounter}`;
    loaded = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Node treats `.js` as CommonJS outside a `"type": "module"` package.
    const esmInCommonJs = path.extname(file) === '.js' && /Unexpected token 'export'|Cannot use import statement/.test(message);
    throw new ConfigError(`could not load the config: ${message}`, {
      code: 'CONFIG_LOAD_FAILED',
      file,
      hint: esmInCommonJs ? 'Rename it to apiwright.config.mjs, or add "type": "module" to package.json.' : undefined,
      cause: error,
    });
  }
  if (!('default' in loaded) || loaded['default'] === undefined) {
    throw new ConfigError('the config module has no default export', {
      code: 'CONFIG_INVALID',
      file,
      hint: 'Write `export default defineConfig({ … })`.',
    });
  }
  // `export default` may be a promise (top-level async setup).
  return await Promise.resolve(loaded['default']);
}

async function importTypeScriptConfig(file: string): Promise<unknown> {
  const source = await readFile(file, 'utf8');
  // ts-morph takes ~0.7 s to import: only pay for it when the config is TypeScript.
  const { ts } = await import('ts-morph');
  const output = ts.transpileModule(source, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false, inlineSourceMap: false },
  });
  const diagnostic = output.diagnostics?.[0];
  if (diagnostic !== undefined) {
    const where =
      diagnostic.file && diagnostic.start !== undefined
        ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
        : undefined;
    throw new ConfigError(`invalid TypeScript: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`, {
      code: 'CONFIG_PARSE',
      file,
      line: where === undefined ? undefined : where.line + 1,
      column: where === undefined ? undefined : where.character + 1,
    });
  }
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.mjs`);
  await writeFile(temporary, output.outputText, { flag: 'wx' });
  try {
    return await importConfigModule(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}
