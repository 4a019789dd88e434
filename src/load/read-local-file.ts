/**
 * Reads a file that a `$ref` names, only if it really lies inside the spec folder: the lexical
 * path is checked first (so `../../etc/passwd` is refused without touching the disk), then the
 * real path of its folder, then the file itself if it is a symlink (so no symlink inside the
 * folder can lead out of it). SECURITY-CASES.md 14.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { SpecError } from '../errors.js';
import { isInside } from './classify-ref.js';
import { MAX_CONCURRENT_READS, MAX_LOCAL_FILE_BYTES } from './limits.js';

export interface SpecRoot {
  /** Absolute folder as given (lexical). */
  dir: string;
  /** The same folder after resolving symlinks. */
  realDir: string;
  /** Real path of each folder looked at so far (one load; DigitalOcean's 2,907 files sit in ~300). */
  realDirs: Map<string, Promise<string>>;
}

/** Throws SpecError without a location (the caller knows which `$ref` asked). */
export async function readInsideRoot(file: string, root: SpecRoot): Promise<string> {
  if (!isInside(root.dir, file)) throw outside(file, root);
  return withReadSlot(async () => {
    // The folder first: nothing behind a symlinked folder is even stat'ed.
    const realDir = await realDirOf(path.dirname(file), root).catch((cause: unknown) => {
      throw notFound(file, cause);
    });
    let real = path.join(realDir, path.basename(file));
    if (!isInside(root.realDir, real)) throw outside(real, root);
    let stats = await fsp.lstat(real).catch((cause: unknown) => {
      throw notFound(file, cause);
    });
    if (stats.isSymbolicLink()) {
      real = await fsp.realpath(real).catch((cause: unknown) => {
        throw notFound(file, cause);
      });
      if (!isInside(root.realDir, real)) throw outside(real, root);
      stats = await fsp.stat(real);
    }
    if (!stats.isFile()) {
      throw new SpecError(`Referenced path ${file} is not a regular file`, { code: 'REF_NOT_A_FILE' });
    }
    if (stats.size > MAX_LOCAL_FILE_BYTES) {
      throw new SpecError(`Referenced file ${file} is larger than ${MAX_LOCAL_FILE_BYTES} bytes`, { code: 'REF_TOO_LARGE' });
    }
    return (await fsp.readFile(real)).toString('utf8');
  });
}

function realDirOf(dir: string, root: SpecRoot): Promise<string> {
  let real = root.realDirs.get(dir);
  if (real === undefined) {
    real = fsp.realpath(dir);
    root.realDirs.set(dir, real);
  }
  return real;
}

function notFound(file: string, cause: unknown): SpecError {
  return new SpecError(`Referenced file ${file} does not exist`, {
    code: 'REF_NOT_FOUND',
    cause,
    hint: 'Check the $ref path; it is resolved relative to the file that contains it.',
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
