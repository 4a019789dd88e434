/**
 * runtime/index.ts, the runtime's public surface, read as what it is: comments and
 * `export { … } from '…'` declarations. A client's copy keeps the declarations whose module the
 * client holds (select-runtime.ts), with the comments that introduce them.
 */
import { relativeImports } from './module-imports.js';

/** One `export … from` declaration of the barrel. */
export interface BarrelExport {
  /** The module it re-exports from, as written (`./client/client.js`). */
  specifier: string;
  /** The names it exports (after any `as`); `undefined` for `export *`. */
  exports: readonly string[] | undefined;
}

/** A barrel split into lines of trivia and declarations, in order. */
export interface Barrel {
  parts: readonly BarrelPart[];
}

type BarrelPart = { kind: 'comment' | 'blank'; text: string } | { kind: 'export'; text: string; declaration: BarrelExport };

/**
 * Splits the barrel; `undefined` when it holds anything else (local code, plain imports), which a
 * client's copy cannot prune safely: the caller then ships the whole runtime.
 */
export function parseBarrel(source: string): Barrel | undefined {
  const parts: BarrelPart[] = [];
  const lines = source.split('\n');
  let inBlockComment = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const trimmed = line.trim();
    if (inBlockComment || trimmed.startsWith('/*')) {
      inBlockComment = !trimmed.includes('*/');
      parts.push({ kind: 'comment', text: line });
    } else if (trimmed === '') {
      parts.push({ kind: 'blank', text: line });
    } else if (trimmed.startsWith('//')) {
      parts.push({ kind: 'comment', text: line });
    } else if (/^export\b/.test(trimmed)) {
      // A declaration runs to the line that ends it.
      let end = i;
      while (end < lines.length - 1 && !(lines[end] ?? '').trimEnd().endsWith(';')) end++;
      const text = lines.slice(i, end + 1).join('\n');
      const declaration = readExport(text);
      if (declaration === undefined) return undefined;
      parts.push({ kind: 'export', text, declaration });
      i = end;
    } else {
      return undefined;
    }
  }
  return { parts };
}

/** Every declaration of the barrel. */
export function barrelExports(barrel: Barrel): BarrelExport[] {
  return barrel.parts.flatMap((part) => (part.kind === 'export' ? [part.declaration] : []));
}

/**
 * The barrel's text with only the declarations `keep` accepts. A comment goes with the
 * declarations it introduces (those up to the next comment or blank line): it stays if one of them
 * does, or if it introduces none (the file's own doc comment).
 */
export function printBarrel(barrel: Barrel, keep: (declaration: BarrelExport) => boolean): string {
  const { parts } = barrel;
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part === undefined) continue;
    if (part.kind === 'export') {
      if (keep(part.declaration)) out.push(part.text);
    } else if (part.kind === 'blank') {
      if (out.length > 0 && out.at(-1) !== '') out.push('');
    } else if (introducesKept(parts, i, keep)) {
      out.push(part.text);
    }
  }
  while (out.at(-1) === '') out.pop();
  return `${out.join('\n')}\n`;
}

/** Whether the comment at `index` introduces no declaration, or one that is kept. */
function introducesKept(parts: readonly BarrelPart[], index: number, keep: (declaration: BarrelExport) => boolean): boolean {
  let i = index;
  while (parts[i]?.kind === 'comment') i++;
  let introduced = 0;
  for (let part = parts[i]; part?.kind === 'export'; part = parts[++i]) {
    introduced++;
    if (keep(part.declaration)) return true;
  }
  return introduced === 0;
}

/** `export { a, b as c } from './m.js';` or `export * from './m.js';`; `undefined` for anything else. */
function readExport(text: string): BarrelExport | undefined {
  const match = /^\s*export\s+(?:type\s+)?(\{[^}]*\}|\*)\s*from\s*(['"])(\.{1,2}\/[^'"]+)\2\s*;\s*$/.exec(text);
  if (match === null) return undefined;
  const [imported] = relativeImports(text);
  if (imported === undefined) return undefined;
  const clause = match[1] ?? '';
  if (clause === '*') return { specifier: imported.specifier, exports: undefined };
  const exports = clause
    .slice(1, -1)
    .split(',')
    .map((item) => item.trim().replace(/^type\s+/, ''))
    .filter((item) => item !== '')
    .map((item) => item.split(/\s+as\s+/).at(-1) ?? item);
  return { specifier: imported.specifier, exports };
}
