/**
 * Atomic replacement of the output folder. Everything is written into a fresh temporary folder
 * beside the output (same parent, so same file system and `rename` is atomic), then swapped in:
 * old folder renamed aside, temporary folder renamed into place, old folder deleted. Any failure
 * before the swap removes the temporary folder and leaves the previous output exactly as it was.
 * Files the new output no longer has disappear because the whole folder is replaced.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { ApiwrightError } from '../errors.js';
import { assertConfinedPaths } from './confine-paths.js';
import { resolveOutDir } from './guard-out-dir.js';
import { createManifestFile } from './manifest.js';
import { MANIFEST_FILE, comparePaths, type OutputFile } from './output-file.js';
import { listFiles, nodeWriteFs, type WriteFs } from './write-fs.js';

export interface WriteOutputOptions {
  /** Relative `outDir`s resolve against it; it may not be replaced. Default: `process.cwd()`. */
  cwd?: string | undefined;
  /** Default: `os.homedir()`; it may not be replaced. */
  home?: string | undefined;
  /** The spec's path; the output folder may not contain it. */
  specFile?: string | undefined;
  /** File-system layer, for tests. */
  fs?: WriteFs | undefined;
}

export interface WriteOutputResult {
  /** Files written, relative to outDir, sorted (the manifest not included). */
  written: string[];
  /** Files the previous output had and the new one has not, sorted. */
  removed: string[];
}

export async function writeOutput(
  outDir: string,
  files: readonly OutputFile[],
  options: WriteOutputOptions = {},
): Promise<WriteOutputResult> {
  const fs = options.fs ?? nodeWriteFs;
  // Checked before the file system is touched at all.
  assertConfinedPaths(outDir, files);
  const target = await resolveOutDir(fs, outDir, {
    cwd: options.cwd ?? process.cwd(),
    home: options.home ?? os.homedir(),
    specFile: options.specFile,
  });
  const previous = target.exists ? await listFiles(fs, target.outDir) : [];
  const name = path.basename(target.outDir);

  let temp: string | undefined;
  try {
    temp = await fs.mkdtemp(path.join(target.parent, `.${name}.apiwright-tmp-`));
    await writeTree(fs, temp, [...files, createManifestFile(files)]);
    await swapIn(fs, temp, target.outDir, target.exists);
    temp = undefined;
  } catch (error) {
    if (temp !== undefined) await fs.rm(temp, { recursive: true, force: true }).catch(() => undefined);
    if (error instanceof ApiwrightError) throw error;
    throw new ApiwrightError(`could not write the output folder: ${describe(error)}`, {
      code: 'OUTPUT_WRITE_FAILED',
      file: outDir,
      hint: 'The previous output was left unchanged.',
      cause: error,
    });
  }

  const generated = new Set(files.map((file) => file.path));
  return {
    written: [...generated].sort(comparePaths),
    removed: previous.filter((file) => file !== MANIFEST_FILE && !generated.has(file)),
  };
}

/** Files written at once: enough to keep libuv's thread pool busy, far below any open-files limit. */
const WRITES_IN_FLIGHT = 16;

async function writeTree(fs: WriteFs, root: string, files: readonly OutputFile[]): Promise<void> {
  const jobs = files.map((file) => ({ destination: path.join(root, ...file.path.split('/')), content: file.content }));
  const folders = [...new Set(jobs.map((job) => path.dirname(job.destination)))].sort();
  for (const folder of folders) await fs.mkdir(folder, { recursive: true });
  // In parallel (into a fresh temporary folder, so order does not matter): the main thread
  // encodes the next file while libuv's pool writes the last ones. After a failure no new write
  // starts, and the ones under way finish before the caller deletes the folder.
  let failure: { error: unknown } | undefined;
  const writeNext = async (): Promise<void> => {
    for (let job = jobs.pop(); job !== undefined && failure === undefined; job = jobs.pop()) {
      try {
        // `wx`: the temporary folder is fresh, so an existing file here means something raced us.
        await fs.writeFile(job.destination, job.content, { encoding: 'utf8', flag: 'wx' });
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(WRITES_IN_FLIGHT, jobs.length) }, writeNext));
  if (failure !== undefined) throw failure.error;
}

async function swapIn(fs: WriteFs, temp: string, outDir: string, exists: boolean): Promise<void> {
  if (!exists) {
    await fs.rename(temp, outDir);
    return;
  }
  const aside = path.join(path.dirname(outDir), `.${path.basename(outDir)}.apiwright-old-${randomBytes(6).toString('hex')}`);
  await fs.rename(outDir, aside);
  try {
    await fs.rename(temp, outDir);
  } catch (error) {
    // Put the previous output back before reporting the failure.
    await fs.rename(aside, outDir);
    throw error;
  }
  // The new output is in place; failing to delete the old copy must not fail the run.
  await fs.rm(aside, { recursive: true, force: true }).catch(() => undefined);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
