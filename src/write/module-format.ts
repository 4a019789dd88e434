/**
 * `moduleFormat: 'mts'`: the same ECMAScript-module client, written as `.mts` files that import
 * `.mjs` specifiers. TypeScript and Node decide a `.ts` file's format from the nearest package.json
 * (`"type": "module"` or not); an `.mts` file is an ES module everywhere and compiles to `.mjs`, so
 * the client drops into a CommonJS package unchanged and its code `require()`s it (Node ≥ 20.19,
 * TypeScript ≥ 5.8 under `module: nodenext`).
 */
import type { OutputFile } from './output-file.js';

/** `ts`: `.ts` files for ESM packages and bundlers (default); `mts`: `.mts` files for CommonJS packages. */
import type { ModuleFormat } from '../config/config.js';

/** Relative module specifiers ending in `.js` in import/export declarations and dynamic imports. */
const RELATIVE_JS_SPECIFIER = /((?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)')(\.{1,2}\/[^'\n]*?)\.js'/gm;

export function applyModuleFormat(files: readonly OutputFile[], format: ModuleFormat): OutputFile[] {
  if (format === 'ts') return [...files];
  const rewrite = (content: string): string => content.replace(RELATIVE_JS_SPECIFIER, "$1$2.mjs'");
  return files.map((file) => {
    if (file.path.endsWith('.ts')) return { path: `${file.path.slice(0, -'.ts'.length)}.mts`, content: rewrite(file.content) };
    // The README's import examples name the files the user imports.
    if (file.path.endsWith('.md')) return { path: file.path, content: rewrite(file.content) };
    return file;
  });
}
