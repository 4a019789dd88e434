import { mkdtemp, readdir, readFile, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Every file under `dir` with its content, keys sorted, posix paths. */
export async function readTree(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
  const tree: Record<string, string> = {};
  for (const file of files) tree[file] = await readFile(path.join(dir, file), 'utf8');
  return tree;
}

/** A scratch folder holding `project/` (the cwd) and `home/`; `cleanup` removes it. */
export async function createScratch(): Promise<{ root: string; cwd: string; home: string; cleanup: () => Promise<void> }> {
  const root = await realpath(await mkdtemp(path.join(os.tmpdir(), 'apiwright-write-')));
  return {
    root,
    cwd: path.join(root, 'project'),
    home: path.join(root, 'home'),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}
