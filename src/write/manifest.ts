/**
 * `.apiwright-manifest.json`: marks a folder as apiwright output (so a later run may replace it)
 * and lists its files. Sorted and timestamp-free, so the same input gives the same bytes.
 */
import { MANIFEST_FILE, comparePaths, type OutputFile } from './output-file.js';

export function createManifestFile(files: readonly OutputFile[]): OutputFile {
  const paths = files.map((file) => file.path).sort(comparePaths);
  return { path: MANIFEST_FILE, content: `${JSON.stringify({ generator: 'apiwright', files: paths }, null, 2)}\n` };
}
