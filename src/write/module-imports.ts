/**
 * The relative module imports of a TypeScript source, and the names each takes: what the write
 * stage needs to know which runtime modules a client reaches (select-runtime.ts). Read with
 * patterns, not a parser (loading TypeScript would cost the generator ~0.7 s): the runtime is
 * prettier-formatted and generated files come from our emitters, so every import or export
 * declaration starts its own line. test/unit/write/module-imports.test.ts checks the result against
 * TypeScript's own `preProcessFile` on every runtime file.
 */

/** One import of a relative module. */
export interface ModuleImport {
  /** The specifier as written, e.g. `../client/client.js`. */
  specifier: string;
  /**
   * The names taken from the module, as the module exports them (before any `as`); `undefined`
   * when the whole module is taken: `import * as`, `export *`, a default import, `import()`.
   * Empty for a side-effect import (`import './x.js'`).
   */
  names: readonly string[] | undefined;
}

const NAME = String.raw`[\w$]+`;
const BRACES = String.raw`\{[^}]*\}`;
/** `{ a, type b as c }`, `* as ns`, `*`, `x`, `x, { a }`, `x, * as ns`, each optionally after `type`. */
const CLAUSE = String.raw`(?:type\s+)?(?:${BRACES}|\*(?:\s+as\s+${NAME})?|${NAME}(?:\s*,\s*(?:${BRACES}|\*\s+as\s+${NAME}))?)`;
const SPECIFIER = String.raw`(?<quote>['"])(?<specifier>\.{1,2}\/[^'"\n]*)\k<quote>`;

/** `import … from '…'` and `export … from '…'` at the start of a line. */
const DECLARATION = new RegExp(String.raw`^[ \t]*(?:import|export)\s+(${CLAUSE})\s*from\s*${SPECIFIER}`, 'gm');
/** `import '…'` (side effects only) at the start of a line. */
const SIDE_EFFECT = new RegExp(String.raw`^[ \t]*import\s*${SPECIFIER}`, 'gm');
/** `import('…')`: a dynamic import or an import type, anywhere. */
const DYNAMIC = new RegExp(String.raw`\bimport\s*\(\s*${SPECIFIER}\s*\)`, 'g');

/** Every relative import of `source` (declarations, side-effect imports, `import()`), in source order. */
export function relativeImports(source: string): ModuleImport[] {
  const found: { at: number; entry: ModuleImport }[] = [];
  for (const match of source.matchAll(DECLARATION)) {
    found.push({ at: match.index, entry: { specifier: match.groups?.['specifier'] ?? '', names: clauseNames(match[1] ?? '') } });
  }
  for (const match of source.matchAll(SIDE_EFFECT)) {
    found.push({ at: match.index, entry: { specifier: match.groups?.['specifier'] ?? '', names: [] } });
  }
  for (const match of source.matchAll(DYNAMIC)) {
    found.push({ at: match.index, entry: { specifier: match.groups?.['specifier'] ?? '', names: undefined } });
  }
  return found.sort((a, b) => a.at - b.at).map(({ entry }) => entry);
}

/** The names a clause takes from its module; `undefined` for the whole module. */
function clauseNames(clause: string): readonly string[] | undefined {
  const braces = /\{([^}]*)\}/.exec(clause);
  const outside = clause
    .replace(/^type\s+/, '')
    .replace(/\{[^}]*\}/, '')
    .trim();
  // Anything besides the braces (`* as ns`, `*`, a default import) takes the whole module.
  if (braces === null || outside !== '') return undefined;
  return (braces[1] ?? '')
    .split(',')
    .map((item) => item.trim().replace(/^type\s+/, ''))
    .filter((item) => item !== '')
    .map((item) => item.split(/\s+as\s+/)[0] ?? item);
}
