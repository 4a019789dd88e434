import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createProject, run } from './cli-harness.js';

let project: Awaited<ReturnType<typeof createProject>>;
beforeEach(async () => {
  project = await createProject();
});
afterEach(async () => {
  await project.cleanup();
});

const readConfig = async () => JSON.parse(await readFile(path.join(project.dir, 'apiwright.config.json'), 'utf8')) as unknown;

describe('apiwright init', () => {
  it('writes apiwright.config.json with the defaults, loadable as is', async () => {
    const result = await run(['init'], project.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Created apiwright\.config\.json\n/);
    expect(await readConfig()).toEqual({
      input: 'openapi.yaml',
      output: 'src/client',
      allowRemoteRefs: false,
      naming: 'preserve',
      dates: 'string',
    });
    expect((await loadConfig(project.dir)).out).toBe(path.join(project.dir, 'src', 'client'));
  });

  it('uses the spec and output given, or a spec it finds', async () => {
    await writeFile(path.join(project.dir, 'swagger.json'), '{}');
    await run(['init'], project.dir);
    expect(await readConfig()).toMatchObject({ input: 'swagger.json' });

    const other = await createProject();
    try {
      await run(['init', 'specs/api.yaml', '--out', 'gen/api'], other.dir);
      const written = JSON.parse(await readFile(path.join(other.dir, 'apiwright.config.json'), 'utf8')) as unknown;
      expect(written).toMatchObject({ input: 'specs/api.yaml', output: 'gen/api' });
    } finally {
      await other.cleanup();
    }
  });

  it('refuses to overwrite any existing config file', async () => {
    await writeFile(path.join(project.dir, 'apiwright.config.ts'), 'export default {};\n');
    const result = await run(['init'], project.dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('apiwright.config.ts: a config file already exists');
    expect(await readdir(project.dir)).toEqual(['apiwright.config.ts']);

    await run(['init', '--config', 'a.json'], project.dir);
    expect(await readdir(project.dir)).toEqual(['apiwright.config.ts']);
  });

  it('refuses to run twice', async () => {
    expect((await run(['init'], project.dir)).code).toBe(0);
    const before = await readFile(path.join(project.dir, 'apiwright.config.json'), 'utf8');
    const again = await run(['init', 'x.yaml'], project.dir);
    expect(again.code).toBe(1);
    expect(await readFile(path.join(project.dir, 'apiwright.config.json'), 'utf8')).toBe(before);
  });
});
