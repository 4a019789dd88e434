/**
 * Which runtime files a client receives: the modules its generated files reach, and no others. A
 * user's `tsc` parses and binds every file of the project even behind `// @ts-nocheck`, so a
 * webhook receiver, a Redis store or mock data the client never uses would cost every build.
 *
 * Computed from the files, not from a list: generated code imports names from `runtime/index.ts`;
 * each name leads to the module the barrel re-exports it from, and from there every relative import
 * (type imports included: the compiler loads those files too) is followed through the runtime. The
 * client's barrel keeps the declarations whose module it holds, so everything present stays
 * importable. `extras` adds public names the generated code does not use but the user may
 * (runtime-extras.ts); `all` ships the whole runtime, as before.
 */
import path from 'node:path';
import { ApiwrightError } from '../errors.js';
import { prologueEnd, relativeImports, type ModuleImport } from './module-imports.js';
import { comparePaths, type OutputFile } from './output-file.js';
import { barrelExports, parseBarrel, printBarrel, type Barrel, type BarrelExport } from './runtime-barrel.js';
import { extraExports, type RuntimeExtra } from './runtime-extras.js';

/** The runtime's public surface, which generated code imports. */
export const RUNTIME_BARREL = 'runtime/index.ts';

/** A relative import that leads nowhere, or a name the runtime does not export: a generator bug, never the user's. */
export class RuntimeImportError extends ApiwrightError {
  override name = 'RuntimeImportError';
}

/**
 * The runtime files (paths `runtime/…`, sources without their header) the client made of
 * `generated` needs, its barrel rewritten to match; every file when `extras` holds `all` or the
 * barrel is not a plain list of re-exports.
 */
export function selectRuntimeFiles(
  generated: readonly OutputFile[],
  runtime: readonly OutputFile[],
  extras: readonly RuntimeExtra[] = [],
): OutputFile[] {
  const byPath = new Map(runtime.map((file) => [file.path, file]));
  const barrelFile = byPath.get(RUNTIME_BARREL);
  const barrel = barrelFile === undefined ? undefined : parseBarrel(barrelFile.content);
  if (extras.includes('all') || barrelFile === undefined || barrel === undefined) return [...runtime];

  const reached = reachedModules(generated, byPath, barrel, extras);
  const kept = (declaration: BarrelExport): boolean => reached.has(resolve(RUNTIME_BARREL, declaration.specifier));
  const note =
    `// This client's runtime holds the ${reached.size + 1} of apiwright's ${runtime.length} runtime files its code uses; the\n` +
    "// exports of the others are left out (the apiwright config's `runtimeExtras` adds them).\n";
  return [
    ...runtime.filter((file) => reached.has(file.path)),
    { path: RUNTIME_BARREL, content: note + printBarrel(barrel, kept) },
  ].sort((a, b) => comparePaths(a.path, b.path));
}

/** Every runtime module (but the barrel) reachable from the generated files and the extras' names. */
function reachedModules(
  generated: readonly OutputFile[],
  byPath: ReadonlyMap<string, OutputFile>,
  barrel: Barrel,
  extras: readonly RuntimeExtra[],
): Set<string> {
  const index = indexBarrel(barrelExports(barrel));
  const reached = new Set<string>();
  const pending: string[] = [];
  const reach = (file: string): void => {
    if (file === RUNTIME_BARREL || reached.has(file)) return;
    reached.add(file);
    pending.push(file);
  };
  const follow = (from: string, imported: ModuleImport, isKnown: (file: string) => boolean): void => {
    const target = resolve(from, imported.specifier);
    if (target === RUNTIME_BARREL) {
      for (const module of barrelModules(index, imported.names, from)) reach(module);
    } else if (byPath.has(target)) {
      reach(target);
    } else if (!isKnown(target)) {
      throw new RuntimeImportError(`${from} imports '${imported.specifier}', which is not a file of the client`, {
        code: 'RUNTIME_IMPORT_MISSING',
        hint: 'This is a bug in apiwright: please report it with the spec.',
      });
    }
  };

  const generatedPaths = new Set(generated.map((file) => file.path));
  for (const file of generated) {
    if (!file.path.endsWith('.ts')) continue;
    // Only the prologue: generated files import at their top (module-imports.ts prologueEnd).
    const prologue = file.content.slice(0, prologueEnd(file.content));
    for (const imported of relativeImports(prologue)) follow(file.path, imported, (target) => generatedPaths.has(target));
  }
  for (const extra of extras) {
    if (extra === 'all') continue;
    for (const module of barrelModules(index, extraExports[extra], `runtimeExtras "${extra}"`)) reach(module);
  }
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    for (const imported of relativeImports(byPath.get(file)?.content ?? '')) follow(file, imported, () => false);
  }
  return reached;
}

/** Which module the barrel re-exports each name from, read once. */
interface BarrelIndex {
  /** Every module the barrel re-exports from. */
  all: readonly string[];
  /** `export *` modules: they may hold any name. */
  wildcards: readonly string[];
  byName: ReadonlyMap<string, readonly string[]>;
}

function indexBarrel(declarations: readonly BarrelExport[]): BarrelIndex {
  const byName = new Map<string, string[]>();
  const wildcards: string[] = [];
  const all = new Set<string>();
  for (const declaration of declarations) {
    const module = resolve(RUNTIME_BARREL, declaration.specifier);
    all.add(module);
    if (declaration.exports === undefined) wildcards.push(module);
    for (const name of declaration.exports ?? []) byName.set(name, [...(byName.get(name) ?? []), module]);
  }
  return { all: [...all], wildcards, byName };
}

/** The modules the barrel re-exports `names` from (every module for `undefined`), `export *` ones included. */
function barrelModules(barrel: BarrelIndex, names: readonly string[] | undefined, from: string): readonly string[] {
  if (names === undefined) return barrel.all;
  const modules = new Set(barrel.wildcards);
  const unknown: string[] = [];
  for (const name of names) {
    const exporters = barrel.byName.get(name);
    if (exporters === undefined) unknown.push(name);
    for (const module of exporters ?? []) modules.add(module);
  }
  if (unknown.length > 0 && barrel.wildcards.length === 0) {
    throw new RuntimeImportError(
      `${from} imports ${unknown.map((name) => `"${name}"`).join(', ')}, which ${RUNTIME_BARREL} does not export`,
      {
        code: 'RUNTIME_EXPORT_MISSING',
        hint: 'This is a bug in apiwright: please report it with the spec.',
      },
    );
  }
  return [...modules];
}

/** The output path a relative specifier of `from` names: `.js` read as the `.ts` source. */
function resolve(from: string, specifier: string): string {
  return path.posix.join(path.posix.dirname(from), specifier).replace(/\.js$/, '.ts');
}
