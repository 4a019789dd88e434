/**
 * How generated files name each other: under `nodenext` a `.ts` source is imported by its `.js`
 * name. Decided here once, so no emitter rewrites file paths into specifiers itself.
 */
import path from 'node:path';

/** A generated file's module name: `endpoints/pets.gen.ts` → `endpoints/pets.gen.js`. */
export function moduleName(file: string): string {
  return file.endsWith('.ts') ? `${file.slice(0, -'.ts'.length)}.js` : file;
}

/**
 * The specifier that imports `file` from `fromFile` (both relative to the output folder):
 * `importSpecifier('types.gen.ts')` → `./types.gen.js`; from `endpoints/pets.gen.ts` → `../types.gen.js`.
 */
export function importSpecifier(file: string, fromFile = 'index.ts'): string {
  const relative = path.posix.relative(path.posix.dirname(fromFile), moduleName(file));
  return relative.startsWith('../') ? relative : `./${relative}`;
}
