import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../src/write/package-root.js';
import { createProject } from './cli-harness.js';

let project: Awaited<ReturnType<typeof createProject>>;
beforeEach(async () => {
  project = await createProject();
  await mkdir(path.join(project.dir, 'bin'));
  // As in the published package: ESM by package.json, not by syntax detection.
  await writeFile(path.join(project.dir, 'package.json'), '{ "name": "apiwright", "type": "module" }');
  await copyFile(path.join(findPackageRoot(), 'bin', 'apiwright.js'), path.join(project.dir, 'bin', 'apiwright.js'));
});
afterEach(async () => {
  await project.cleanup();
});

const runBin = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(project.dir, 'bin', 'apiwright.js'), ...args], { encoding: 'utf8', timeout: 20_000 });

describe('bin/apiwright.js', () => {
  it('exits 2 and says to build when dist/ is missing', () => {
    const result = runBin('--help');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/run `npm run build`/i);
  });

  it("hands process.argv to dist's main() and exits with its code", async () => {
    const cli = path.join(project.dir, 'dist', 'src', 'cli');
    await mkdir(cli, { recursive: true });
    await writeFile(
      path.join(cli, 'main.js'),
      'export async function main(argv) { process.stdout.write(JSON.stringify(argv.slice(2))); return 3; }\n',
    );
    const result = runBin('generate', 'a b.yaml');
    expect(result.stdout).toBe('["generate","a b.yaml"]');
    expect(result.status).toBe(3);
  });
});
