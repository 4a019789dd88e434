/** Several jobs in one config file: `[{ input, output, … }, …]`, each run by generate and check. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfigJobs } from '../../src/config/index.js';
import { createProject, emptyStats, run } from './cli-harness.js';

let project: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  project = await createProject();
});
afterEach(async () => {
  await project.cleanup();
});

const jobs = [
  { input: 'specs/a.yaml', output: 'clients/a', naming: 'camelCase' },
  { input: 'specs/b.yaml', output: 'clients/b', failOnWarnings: true, clientName: 'bee' },
];

async function writeConfig(value: unknown): Promise<void> {
  await writeFile(path.join(project.dir, 'apiwright.config.json'), JSON.stringify(value));
}

describe('a config with several jobs', () => {
  it('loads every job with its own settings and paths', async () => {
    await writeConfig(jobs);
    const loaded = await loadConfigJobs(project.dir);
    expect(loaded.map((job) => [job.spec, job.out, job.naming, job.failOnWarnings, job.clientName])).toEqual([
      [path.join(project.dir, 'specs/a.yaml'), path.join(project.dir, 'clients/a'), 'camelCase', false, undefined],
      [path.join(project.dir, 'specs/b.yaml'), path.join(project.dir, 'clients/b'), 'preserve', true, 'bee'],
    ]);
  });

  it('generate runs each job in order and prints one line per job', async () => {
    await writeConfig(jobs);
    const result = await run(['generate'], project.dir);
    expect(result.code).toBe(0);
    expect(result.calls.map((call) => [call.spec, call.out, call.naming, call.strict])).toEqual([
      [path.join(project.dir, 'specs/a.yaml'), path.join(project.dir, 'clients/a'), 'camelCase', false],
      [path.join(project.dir, 'specs/b.yaml'), path.join(project.dir, 'clients/b'), 'preserve', true],
    ]);
    expect(result.stdout).toMatch(/^Generated 3 files in clients\/a \(\d+ ms\)\nGenerated 3 files in clients\/b \(\d+ ms\)\n$/);
  });

  it('check checks every job and exits 1 when any is stale', async () => {
    await writeConfig(jobs);
    const result = await run(['check'], project.dir, {
      generate: (options) =>
        Promise.resolve({
          outDir: options.out,
          stats: emptyStats,
          files: ['index.ts'],
          warnings: [],
          ...(options.out.endsWith('b') ? { stale: { changed: ['index.ts'], added: [], removed: [] } } : {}),
        }),
    });
    expect(result.code).toBe(1);
    expect(result.calls).toHaveLength(2);
    expect(result.stdout).toBe('clients/a is up to date\n');
    expect(result.stderr).toContain('clients/b is out of date');
  });

  it('refuses a spec or --out on the command line (exit 2): which job would it be?', async () => {
    await writeConfig(jobs);
    const result = await run(['generate', 'other.yaml'], project.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the config has 2 jobs');
    expect(result.calls).toEqual([]);
  });

  it('names the job and field of an invalid entry', async () => {
    await writeConfig([jobs[0], { input: 'b.yaml', naming: 'kebab' }]);
    const result = await run(['generate'], project.dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'apiwright.config.json (#/1/naming): "naming" must be one of "preserve", "camelCase", got "kebab"',
    );
  });

  it('rejects an empty array', async () => {
    await writeConfig([]);
    const result = await run(['generate'], project.dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the config is an empty array of jobs');
  });

  it('commands that use one job say so for a file of several', async () => {
    await writeConfig(jobs);
    const result = await run(['inspect'], project.dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the config has 2 jobs; this command uses one');
  });
});
