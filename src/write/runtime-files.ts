/**
 * The runtime, copied into every generated client under `runtime/`: its TypeScript sources, each
 * opened with `// @ts-nocheck`. The runtime is type-checked strictly when apiwright is built
 * (runtime/tsconfig.json); in the user's project the directive makes `tsc` (5.x and 7), Deno and
 * editors skip checking its ~150 files, and read only the types the user's code reaches. The files
 * stay TypeScript so every setup compiles and emits them with the rest of the project (`tsc` with an
 * outDir compiles `.ts` files but never copies a `.js` file placed beside them).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { comparePaths, type OutputFile } from './output-file.js';
import { findPackageRoot } from './package-root.js';

/** The first lines of every runtime file a client receives. */
export const RUNTIME_FILE_HEADER =
  '// @ts-nocheck\n// Type-checked when apiwright was built (strict); your compiler skips checking it.\n';

/** Every `*.ts` file under the package's runtime/ folder (recursively), at `runtime/<same path>`, sorted, each behind the header. */
export async function readRuntimeFiles(runtimeDir?: string): Promise<OutputFile[]> {
  return (await readRuntimeSources(runtimeDir)).map(withRuntimeHeader);
}

/** Every `*.ts` file under the package's runtime/ folder (recursively), at `runtime/<same path>`, sorted, as written. */
export async function readRuntimeSources(runtimeDir: string = path.join(findPackageRoot(), 'runtime')): Promise<OutputFile[]> {
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

/** The file as a client receives it: the header before the source, after a byte-order mark (which must stay the file's first character). */
export function withRuntimeHeader(file: OutputFile): OutputFile {
  const source = file.content;
  const bom = source.startsWith('\uFEFF') ? '\uFEFF' : '';
  return { path: file.path, content: `${bom}${RUNTIME_FILE_HEADER}${source.slice(bom.length)}` };
}
