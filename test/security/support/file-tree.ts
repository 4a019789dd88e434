/** Listing a folder tree, to prove generation wrote nothing outside --out. */
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Every entry under `root` (posix paths relative to it, folders with a trailing `/`), skipping `skip` subtrees. */
export function listTree(root: string, skip: readonly string[] = []): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (skip.some((s) => path.resolve(s) === path.resolve(full))) continue;
      const rel = path.relative(root, full).split(path.sep).join('/');
      const isDir = entry.isDirectory() && !lstatSync(full).isSymbolicLink();
      found.push(isDir ? `${rel}/` : rel);
      if (isDir) walk(full);
    }
  };
  walk(root);
  return found.sort();
}

/** Entries present after but not before. */
export function addedEntries(before: readonly string[], after: readonly string[]): string[] {
  const seen = new Set(before);
  return after.filter((entry) => !seen.has(entry));
}

/** True when `target` is `dir` or inside it (lexically, after resolving `..`). */
export function isInsideDir(dir: string, target: string): boolean {
  const rel = path.relative(path.resolve(dir), path.resolve(target));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
