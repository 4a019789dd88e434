/**
 * Finds apiwright's own package folder (which holds runtime/ and templates/) from this module's
 * location, so it works from src/ under vitest, from dist/src/ after a build, and from
 * node_modules/apiwright/ when installed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'apiwright';
let cached: { root: string; version: string } | undefined;

function readPackage(folder: string): { name?: unknown; version?: unknown } | undefined {
  try {
    return JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
  } catch {
    return undefined;
  }
}

function locate(): { root: string; version: string } {
  if (cached) return cached;
  let folder = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = readPackage(folder);
    if (manifest?.name === PACKAGE_NAME) {
      cached = { root: folder, version: typeof manifest.version === 'string' ? manifest.version : '0.0.0' };
      return cached;
    }
    const parent = path.dirname(folder);
    if (parent === folder)
      throw new Error(`cannot find the ${PACKAGE_NAME} package folder above ${fileURLToPath(import.meta.url)}`);
    folder = parent;
  }
}

/** The nearest folder above this module whose package.json is named `apiwright`. */
export function findPackageRoot(): string {
  return locate().root;
}

/** apiwright's version, from its package.json. */
export function readGeneratorVersion(): string {
  return locate().version;
}
