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

/** `import … from '…'` or `export … from '…'`, tried where a line starts with the keyword. */
const DECLARATION = new RegExp(String.raw`(?:import|export)\s+(${CLAUSE})\s*from\s*${SPECIFIER}`, 'y');
/** `import '…'` (side effects only), tried where a line starts with `import`. */
const SIDE_EFFECT = new RegExp(String.raw`import\s*${SPECIFIER}`, 'y');
/** `import('…')`: a dynamic import or an import type, tried wherever `import` stands alone. */
const DYNAMIC = new RegExp(String.raw`import\s*\(\s*${SPECIFIER}\s*\)`, 'y');

/**
 * Every relative import of `source` (declarations, side-effect imports, `import()`), in source
 * order. The keywords are found with `indexOf` and each pattern is tried only there: a generated
 * file of megabytes (validators.gen.ts) has its imports in its first lines.
 */
export function relativeImports(source: string): ModuleImport[] {
  const found: { at: number; entry: ModuleImport }[] = [];
  const tryAt = (pattern: RegExp, at: number, names: (match: RegExpExecArray) => readonly string[] | undefined): boolean => {
    pattern.lastIndex = at;
    const match = pattern.exec(source);
    if (match === null) return false;
    found.push({ at, entry: { specifier: match.groups?.['specifier'] ?? '', names: names(match) } });
    return true;
  };
  for (const keyword of ['import', 'export']) {
    for (let at = source.indexOf(keyword); at !== -1; at = source.indexOf(keyword, at + keyword.length)) {
      if (at > 0 && isWordChar(source.charCodeAt(at - 1))) continue;
      // `export function`, `export type X =`… (thousands in a large client) cannot re-export.
      if (keyword === 'export' && !startsReExport(source, at + keyword.length)) continue;
      if (startsLine(source, at)) {
        if (tryAt(DECLARATION, at, (match) => clauseNames(match[1] ?? ''))) continue;
        if (keyword === 'import' && tryAt(SIDE_EFFECT, at, () => [])) continue;
      }
      if (keyword === 'import') tryAt(DYNAMIC, at, () => undefined);
    }
  }
  return found.sort((a, b) => a.at - b.at).map(({ entry }) => entry);
}

/** Whether what follows `export` at `from` can be a re-export: `{`, `*`, or `type` then one of them (char by char: this runs once per `export` of a file). */
function startsReExport(source: string, from: number): boolean {
  let at = skipSpace(source, from);
  if (source.startsWith('type', at) && isSpace(source.charCodeAt(at + 4))) at = skipSpace(source, at + 4);
  const char = source.charCodeAt(at);
  return char === 0x7b /* { */ || char === 0x2a; /* * */
}

function skipSpace(source: string, from: number): number {
  let at = from;
  while (isSpace(source.charCodeAt(at))) at++;
  return at;
}

function isSpace(char: number): boolean {
  return char === 0x20 || char === 0x09 || char === 0x0a || char === 0x0d;
}

/** `\w`: ASCII letters, digits, `_`. */
function isWordChar(char: number): boolean {
  return (char >= 0x30 && char <= 0x39) || (char >= 0x41 && char <= 0x5a) || (char >= 0x61 && char <= 0x7a) || char === 0x5f;
}

/** Whether only spaces and tabs stand between the line's start and `at`. */
function startsLine(source: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const char = source[i];
    if (char === '\n') return true;
    if (char !== ' ' && char !== '\t') return false;
  }
  return true;
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

/**
 * Where the module's prologue ends: the first line that is not blank, a comment, or part of an
 * import or re-export declaration. Generated files keep every import there (the emitters write
 * them first, and never an `import()`), so select-runtime.ts reads only that much of a file of
 * megabytes; test/unit/write/module-imports.test.ts checks it finds what a full read does.
 */
export function prologueEnd(source: string): number {
  let at = 0;
  let inDeclaration = false;
  let inComment = false;
  while (at < source.length) {
    const next = source.indexOf('\n', at);
    const end = next === -1 ? source.length : next + 1;
    const line = source.slice(at, end).trim();
    if (inComment) {
      inComment = !line.includes('*/');
    } else if (inDeclaration) {
      inDeclaration = !line.endsWith(';');
    } else if (line.startsWith('/*')) {
      inComment = !line.includes('*/');
    } else if (line === '' || line.startsWith('//')) {
      // blank or a line comment
    } else if (/^(?:import\b|export\s+(?:type\s+)?[{*])/.test(line)) {
      inDeclaration = !line.endsWith(';');
    } else {
      return at;
    }
    at = end;
  }
  return source.length;
}
