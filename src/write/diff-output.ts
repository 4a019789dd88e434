/**
 * `apiwright check`: what differs between the output folder on disk and what would be written.
 * The manifest is compared like any other file, so `check` passes exactly when `generate` would
 * leave the folder byte for byte as it is. Only OS junk (.DS_Store and the like) is ignored.
 */
import path from 'node:path';
import { assertConfinedPaths } from './confine-paths.js';
import { createManifestFile } from './manifest.js';
import { comparePaths, type OutputFile } from './output-file.js';
import { isNotFound, listFiles, nodeWriteFs, type WriteFs } from './write-fs.js';

export interface OutputDiff {
  /** On disk with different content. */
  changed: string[];
  /** Would be created. */
  added: string[];
  /** On disk but no longer generated. */
  removed: string[];
}

export async function diffOutput(outDir: string, files: readonly OutputFile[], fs: WriteFs = nodeWriteFs): Promise<OutputDiff> {
  assertConfinedPaths(outDir, files);
  const root = path.resolve(outDir);
  const onDisk = new Set(await listFiles(fs, root));
  const diff: OutputDiff = { changed: [], added: [], removed: [] };
  const expected = [...files, createManifestFile(files)].sort((a, b) => comparePaths(a.path, b.path));
  for (const file of expected) {
    if (!onDisk.has(file.path)) {
      diff.added.push(file.path);
      continue;
    }
    onDisk.delete(file.path);
    if (!(await hasContent(fs, path.join(root, ...file.path.split('/')), file.content))) diff.changed.push(file.path);
  }
  diff.removed = [...onDisk].sort(comparePaths);
  return diff;
}

async function hasContent(fs: WriteFs, file: string, content: string): Promise<boolean> {
  const stats = await fs.lstat(file);
  // A symbolic link where a generated file belongs is a difference, whatever it points to.
  if (!stats.isFile()) return false;
  try {
    const actual = await fs.readFile(file);
    return actual.equals(Buffer.from(content, 'utf8'));
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}
