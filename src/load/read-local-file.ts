/**
 * Reads a file that a `$ref` names, only if it really lies inside the spec folder: the lexical
 * path is checked first (so `../../etc/passwd` is refused without touching the disk), then the
 * real path (so a symlink inside the folder cannot lead out of it). SECURITY-CASES.md 14.
 */
import fsp from 'node:fs/promises';
import { SpecError } from '../errors.js';
import { isInside } from './classify-ref.js';
import { MAX_CONCURRENT_READS, MAX_LOCAL_FILE_BYTES } from './limits.js';

export interface SpecRoot {
  /** Absolute folder as given (lexical). */
  dir: string;
  /** The same folder after resolving symlinks. */
  realDir: string;
}

/** Throws SpecError without a location (the caller knows which `$ref` asked). */
export async function readInsideRoot(file: string, root: SpecRoot): Promise<string> {
  if (!isInside(root.dir, file)) throw outside(file, root);
  return withReadSlot(async () => {
    let real: string;
    try {
      real = await fsp.realpath(file);
    } catch (cause) {
      throw new SpecError(`Referenced file ${file} does not exist`, {
        code: 'REF_NOT_FOUND',
        cause,
        hint: 'Check the $ref path; it is resolved relative to the file that contains it.',
      });
    }
    if (!isInside(root.realDir, real)) throw outside(real, root);
    const stats = await fsp.stat(real);
    if (!stats.isFile()) {
      throw new SpecError(`Referenced path ${file} is not a regular file`, { code: 'REF_NOT_A_FILE' });
    }
    if (stats.size > MAX_LOCAL_FILE_BYTES) {
      throw new SpecError(`Referenced file ${file} is larger than ${MAX_LOCAL_FILE_BYTES} bytes`, { code: 'REF_TOO_LARGE' });
    }
    return fsp.readFile(real, 'utf8');
  });
}

function outside(file: string, root: SpecRoot): SpecError {
  return new SpecError(`${file} is outside the spec folder ${root.dir}`, {
    code: 'REF_OUTSIDE_ROOT',
    hint: 'Keep referenced files inside the spec folder (symlinks included), or pass a wider `root` to loadSpec.',
  });
}

let active = 0;
const waiting: (() => void)[] = [];

/** Bounds concurrent reads: bundling asks for every file of a 2,907-file spec at once. */
async function withReadSlot<T>(task: () => Promise<T>): Promise<T> {
  if (active >= MAX_CONCURRENT_READS) await new Promise<void>((resolve) => waiting.push(resolve));
  else active += 1;
  try {
    return await task();
  } finally {
    // Hand the slot straight to the next waiter, so a newcomer cannot slip in between.
    const next = waiting.shift();
    if (next === undefined) active -= 1;
    else next();
  }
}
