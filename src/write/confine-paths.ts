/**
 * Output confinement (SECURITY-CASES.md case 11): every generated file stays inside the output
 * folder, whatever tag or schema names the spec uses. Checked for the whole set before anything
 * is written, so a refused path never leaves a half-written folder behind.
 */
import path from 'node:path';
import { PlanError } from '../errors.js';
import { MANIFEST_FILE, type OutputFile } from './output-file.js';

// Control characters (NUL included) and `:` (a drive letter or an NTFS alternate data stream on Windows).
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f:]/;

/** Why a relative output path is refused, or undefined when it is fine. */
export function explainUnsafePath(filePath: string): string | undefined {
  if (filePath === '') return 'the path is empty';
  if (filePath.includes('\0')) return 'the path contains a NUL character';
  if (filePath.includes('\\')) return 'the path contains a backslash (use / separators)';
  if (filePath.startsWith('/') || /^[A-Za-z]:/.test(filePath)) return 'the path is absolute';
  if (FORBIDDEN_CHARACTERS.test(filePath)) return 'the path contains a control character or a colon';
  for (const segment of filePath.split('/')) {
    if (segment === '..') return 'the path contains a `..` segment';
    if (segment === '.' || segment === '') return 'the path contains an empty or `.` segment';
  }
  return undefined;
}

function refuse(filePath: string, reason: string, outDir: string): PlanError {
  return new PlanError(`refusing to write ${JSON.stringify(filePath)}: ${reason}`, {
    code: 'OUTPUT_PATH_REFUSED',
    file: outDir,
    hint: 'Generated files must stay inside the output folder; this is a bug in the planner or a hostile name in the spec.',
  });
}

/**
 * Throws a PlanError for the first file whose path is unsafe, duplicated (also ignoring case, for
 * case-insensitive file systems), reserved, or used both as a file and as a folder.
 */
export function assertConfinedPaths(outDir: string, files: readonly OutputFile[]): void {
  const root = path.resolve(outDir);
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  const seen = new Map<string, string>();
  const folders = new Set<string>();
  for (const file of files) {
    const reason = explainUnsafePath(file.path);
    if (reason !== undefined) throw refuse(file.path, reason, outDir);
    const resolved = path.resolve(root, file.path);
    if (!resolved.startsWith(prefix)) throw refuse(file.path, 'it resolves outside the output folder', outDir);
    if (file.path === MANIFEST_FILE) throw refuse(file.path, 'the name is reserved for the output manifest', outDir);
    const key = file.path.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw refuse(file.path, `it collides with ${JSON.stringify(earlier)} (paths must differ in more than case)`, outDir);
    }
    seen.set(key, file.path);
    const segments = key.split('/');
    for (let i = 1; i < segments.length; i++) folders.add(segments.slice(0, i).join('/'));
  }
  for (const [key, original] of seen) {
    if (folders.has(key)) throw refuse(original, 'another file uses it as a folder', outDir);
  }
}
