/**
 * The runtime, copied byte for byte into every generated client under `runtime/`.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { comparePaths, type OutputFile } from './output-file.js';
import { findPackageRoot } from './package-root.js';

/** Every `*.ts` file under the package's runtime/ folder (recursively), at `runtime/<same path>`, sorted. */
export async function readRuntimeFiles(runtimeDir: string = path.join(findPackageRoot(), 'runtime')): Promise<OutputFile[]> {
  const entries = await readdir(runtimeDir, { recursive: true, withFileTypes: true });
  const relativePaths = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(runtimeDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort(comparePaths);
  // Read in parallel, decoded once each: the runtime is UTF-8, so writing it back gives the same bytes.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  return Promise.all(
    relativePaths.map(async (relative) => ({
      path: `runtime/${relative}`,
      content: decoder.decode(await readFile(path.join(runtimeDir, ...relative.split('/')))),
    })),
  );
}
