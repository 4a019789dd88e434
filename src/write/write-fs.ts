/**
 * The file-system calls the write stage makes, injectable so tests can make any one of them fail
 * and prove the previous output survives.
 */
import * as fsPromises from 'node:fs/promises';
import path from 'node:path';
import { OS_JUNK_FILES, comparePaths } from './output-file.js';

export type WriteFs = Pick<
  typeof fsPromises,
  'mkdir' | 'mkdtemp' | 'writeFile' | 'readFile' | 'readdir' | 'rename' | 'rm' | 'lstat' | 'realpath'
>;

export const nodeWriteFs: WriteFs = fsPromises;

export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

/**
 * Every file under `dir` (posix paths relative to it, sorted), OS junk left out. Symbolic links are
 * listed as entries and never followed, so a link inside the output cannot lead the walk elsewhere.
 * Returns [] when `dir` does not exist.
 */
export async function listFiles(fs: WriteFs, dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(path.join(dir, relative), { withFileTypes: true });
    } catch (error) {
      if (relative === '' && isNotFound(error)) return;
      throw error;
    }
    for (const entry of entries) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) await walk(child);
      else if (!OS_JUNK_FILES.has(entry.name)) found.push(child);
    }
  };
  await walk('');
  return found.sort(comparePaths);
}
