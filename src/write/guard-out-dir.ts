/**
 * Refuses output folders whose replacement would destroy something that is not generated code:
 * the working directory or any folder above it, the file-system root, the home directory or any
 * folder above it, a folder holding the spec, and existing folders apiwright did not write.
 */
import path from 'node:path';
import { PlanError } from '../errors.js';
import { MANIFEST_FILE, OS_JUNK_FILES } from './output-file.js';
import { isNotFound, type WriteFs } from './write-fs.js';

export interface OutDirContext {
  /** Relative `outDir`s resolve against it; it may not be replaced. */
  cwd: string;
  /** The user's home directory; it may not be replaced. */
  home: string;
  /** The spec's path; the output folder may not contain it. */
  specFile?: string | undefined;
}

export interface ResolvedOutDir {
  /** Absolute, symbolic links resolved. */
  outDir: string;
  /** The folder holding it, where the temporary folder is created (same file system: rename is atomic). */
  parent: string;
  exists: boolean;
}

async function realpathOrResolve(fs: WriteFs, target: string): Promise<string> {
  try {
    return await fs.realpath(target);
  } catch {
    return path.resolve(target);
  }
}

/** True when `folder` is `target` or one of the folders above it. */
function containsOrEquals(folder: string, target: string): boolean {
  if (folder === target) return true;
  const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
  return target.startsWith(prefix);
}

function refuse(outDir: string, message: string, code: string, hint: string): PlanError {
  return new PlanError(message, { code, file: outDir, hint });
}

export async function resolveOutDir(fs: WriteFs, outDir: string, context: OutDirContext): Promise<ResolvedOutDir> {
  const requested = path.resolve(context.cwd, outDir);
  let resolved = requested;
  let exists = false;
  try {
    await fs.lstat(requested);
    exists = true;
    // A symbolic link to a folder: replace the folder it points to, keep the link.
    resolved = await fs.realpath(requested);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    const parent = path.dirname(requested);
    await fs.mkdir(parent, { recursive: true });
    resolved = path.join(await fs.realpath(parent), path.basename(requested));
  }

  const protect = async (target: string, what: string): Promise<void> => {
    const real = await realpathOrResolve(fs, target);
    if (containsOrEquals(resolved, real) || containsOrEquals(requested, path.resolve(target))) {
      throw refuse(
        requested,
        `refusing to use ${requested} as the output folder: it ${resolved === real ? 'is' : 'contains'} ${what}`,
        'OUTPUT_DIR_PROTECTED',
        'Pick a dedicated folder for the generated client, e.g. src/client.',
      );
    }
  };
  if (path.parse(resolved).root === resolved) {
    throw refuse(
      requested,
      `refusing to use the file-system root as the output folder`,
      'OUTPUT_DIR_PROTECTED',
      'Pick a dedicated folder.',
    );
  }
  await protect(context.cwd, 'the current working directory');
  await protect(context.home, 'the home directory');
  if (context.specFile !== undefined && !/^https?:\/\//i.test(context.specFile)) {
    await protect(path.resolve(context.cwd, context.specFile), 'the spec file');
  }

  if (exists) await assertReplaceable(fs, requested, resolved);
  return { outDir: resolved, parent: path.dirname(resolved), exists };
}

/** An existing folder may be replaced only when it is empty or carries apiwright's manifest. */
async function assertReplaceable(fs: WriteFs, shown: string, outDir: string): Promise<void> {
  const stats = await fs.lstat(outDir);
  if (!stats.isDirectory()) {
    throw refuse(
      shown,
      `the output path ${shown} exists and is not a folder`,
      'OUTPUT_NOT_A_FOLDER',
      'Pick a folder path for --out.',
    );
  }
  const names = await fs.readdir(outDir);
  if (names.includes(MANIFEST_FILE)) return;
  if (names.every((name) => OS_JUNK_FILES.has(name))) return;
  throw refuse(
    shown,
    `refusing to replace ${shown}: it is not empty and was not written by apiwright (no ${MANIFEST_FILE})`,
    'OUTPUT_DIR_NOT_GENERATED',
    'Pick a new or empty folder for the generated client, or delete this one first.',
  );
}
