import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const corpusDir = path.resolve(repoRoot, '../shared/corpus/dev');
export const fixturesDir = path.join(repoRoot, 'fixtures');

/** A fresh folder under test/<area>/__generated__/<name> (git-ignored), emptied first. */
export function generatedDir(area: string, name: string): string {
  const dir = path.join(repoRoot, 'test', area, '__generated__', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}
