/** `--runtime-extras` on `generate` and `check`, and the config field `runtimeExtras`. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject, run } from './cli-harness.js';

let project: Awaited<ReturnType<typeof createProject>>;
beforeEach(async () => {
  project = await createProject();
});
afterEach(async () => {
  await project.cleanup();
});

const config = (value: object) => writeFile(path.join(project.dir, 'apiwright.config.json'), JSON.stringify(value));

describe('runtime extras', () => {
  it.each([
    ['no flag, no config', ['generate'], {}, []],
    ['--runtime-extras redis,webhooks', ['generate', '--runtime-extras', 'redis,webhooks'], {}, ['redis', 'webhooks']],
    ['config runtimeExtras', ['generate'], { runtimeExtras: ['all'] }, ['all']],
    ['the flag over the config', ['generate', '--runtime-extras', 'redis'], { runtimeExtras: ['all'] }, ['redis']],
    ['check takes it too', ['check', '--runtime-extras', 'webhooks'], {}, ['webhooks']],
  ])('%s', async (_, argv, fields, want) => {
    await config({ input: 'openapi.yaml', output: 'out', ...fields });
    const result = await run(argv, project.dir);
    expect(result.calls[0]?.runtimeExtras).toEqual(want);
  });

  it('an unknown extra on the command line is a usage error naming the accepted ones', async () => {
    const result = await run(['generate', 'openapi.yaml', '--out', 'out', '--runtime-extras', 'redis,mock'], project.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--runtime-extras: unknown "mock"; accepted: redis, webhooks, all');
  });

  it.each([
    ['not an array', 'redis', '#/runtimeExtras', '"runtimeExtras" must be an array of "redis", "webhooks", "all", got "redis"'],
    [
      'an unknown value',
      ['redis', 'mocks'],
      '#/runtimeExtras/1',
      'runtimeExtras[1] must be one of "redis", "webhooks", "all", got "mocks"',
    ],
  ])('%s in the config is an error naming the field', async (_, value, pointer, message) => {
    await config({ input: 'openapi.yaml', output: 'out', runtimeExtras: value });
    const result = await run(['generate'], project.dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(pointer);
    expect(result.stderr).toContain(message);
  });
});
