/** One file of a generated client, as the write stage receives it. */
export interface OutputFile {
  /** Path relative to the output folder, posix separators, no `.` or `..` segments. */
  path: string;
  /** The file's text; written as UTF-8, byte for byte. */
  content: string;
}

/** Name of the marker file every apiwright output folder carries (sorted list of its files). */
export const MANIFEST_FILE = '.apiwright-manifest.json';

/** Files an OS drops into folders by itself; never reported as stale and never part of a manifest. */
export const OS_JUNK_FILES: ReadonlySet<string> = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);

/** Code-unit order, so sorting never depends on the machine's locale. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
