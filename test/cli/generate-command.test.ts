import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SpecError, type Diagnostic } from '../../src/errors.js';
import { createProject, emptyStats, run } from './cli-harness.js';

let project: Awaited<ReturnType<typeof createProject>>;
beforeEach(async () => {
  project = await createProject();
});
afterEach(async () => {
  await project.cleanup();
});

const warning = (i: number): Diagnostic => ({
  code: 'W_TEST',
  message: `warning number ${i}`,
  file: 'api.yaml',
  pointer: `#/paths/${i}`,
});

describe('apiwright generate', () => {
  it('calls generate() with absolute paths and prints one summary line', async () => {
    let tick = 100;
    const result = await run(['generate', 'specs/api.yaml', '--out', 'src/client'], project.dir, { now: () => (tick += 42) });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Generated 3 files in src/client (42 ms)\n');
    expect(result.stderr).toBe('');
    expect(result.calls).toHaveLength(1);
    expect(result.calls[0]).toMatchObject({
      spec: path.join(project.dir, 'specs', 'api.yaml'),
      out: path.join(project.dir, 'src', 'client'),
      check: false,
      allowRemoteRefs: false,
      cwd: project.dir,
      naming: 'preserve',
      dates: 'string',
      configFile: undefined,
    });
  });

  it('takes spec, output and settings from the config file; flags win', async () => {
    await writeFile(
      path.join(project.dir, 'apiwright.config.json'),
      JSON.stringify({ input: 'a.yaml', output: 'gen', allowRemoteRefs: true, naming: 'camelCase', clientName: 'petstore' }),
    );
    const fromConfig = await run(['generate'], project.dir);
    expect(fromConfig.code).toBe(0);
    expect(fromConfig.calls[0]).toMatchObject({
      spec: path.join(project.dir, 'a.yaml'),
      out: path.join(project.dir, 'gen'),
      allowRemoteRefs: true,
      naming: 'camelCase',
      clientName: 'petstore',
      configFile: path.join(project.dir, 'apiwright.config.json'),
    });
    const overridden = await run(['generate', 'b.yaml', '--out', 'other', '--no-allow-remote-refs'], project.dir);
    expect(overridden.calls[0]).toMatchObject({
      spec: path.join(project.dir, 'b.yaml'),
      out: path.join(project.dir, 'other'),
      allowRemoteRefs: false,
    });
  });

  it('passes --allow-remote-refs and reads --config', async () => {
    await writeFile(path.join(project.dir, 'custom.json'), JSON.stringify({ output: 'from-custom' }));
    const result = await run(['generate', 'a.yaml', '--allow-remote-refs', '--config', 'custom.json'], project.dir);
    expect(result.code).toBe(0);
    expect(result.calls[0]).toMatchObject({ allowRemoteRefs: true, out: path.join(project.dir, 'from-custom') });
  });

  it.each([
    ['no spec', ['generate', '--out', 'x'], /missing <spec>/],
    ['no output folder', ['generate', 'a.yaml'], /missing --out <dir>/],
    ['--out without a value', ['generate', 'a.yaml', '--out'], /Not enough arguments following: out/],
    ['an unknown flag', ['generate', 'a.yaml', '--out', 'x', '--frobnicate'], /Unknown argument: frobnicate/],
    ['an unknown command', ['generat', 'a.yaml'], /Did you mean generate\?/],
    ['no command', [], /Pick a command/],
    ['an extra positional', ['generate', 'a.yaml', 'b.yaml', '--out', 'x'], /Unknown argument: b\.yaml/],
  ])('exits 2 on a usage error: %s', async (_, argv, message) => {
    const result = await run(argv, project.dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
    expect(result.calls).toHaveLength(0);
  });

  it('prints --help and --version to stdout with exit 0', async () => {
    const help = await run(['--help'], project.dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/apiwright generate \[spec\]/);
    expect(help.stdout).toMatch(/apiwright check \[spec\]/);
    const version = await run(['--version'], project.dir);
    expect(version.code).toBe(0);
    expect(version.stdout).toBe('0.1.0\n');
  });

  it('exits 1 on a spec error, printing error.format() without a stack trace', async () => {
    const error = new SpecError('$ref points outside the spec folder', {
      code: 'REF_OUTSIDE_ROOT',
      file: 'api.yaml',
      line: 12,
      column: 7,
      pointer: '#/paths/~1pets/get',
      hint: 'Move the file next to the spec.',
    });
    const result = await run(['generate', 'api.yaml', '--out', 'out'], project.dir, { generate: () => Promise.reject(error) });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'api.yaml:12:7 (#/paths/~1pets/get): $ref points outside the spec folder\n  Move the file next to the spec.\n',
    );
    expect(result.stdout).toBe('');
  });

  it('prints the stack trace with --debug', async () => {
    const error = new SpecError('bad', { code: 'X' });
    const result = await run(['generate', 'api.yaml', '--out', 'out', '--debug'], project.dir, {
      generate: () => Promise.reject(error),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^bad\nSpecError: bad\n\s+at /);
  });

  it('exits 1 on an unexpected error and says how to see the stack', async () => {
    const result = await run(['generate', 'api.yaml', '--out', 'out'], project.dir, {
      generate: () => Promise.reject(new TypeError('x is undefined')),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('apiwright: unexpected error: x is undefined\n  (run with --debug for the stack trace)\n');
  });

  it('exits 1 with the field named when the config is invalid', async () => {
    await writeFile(path.join(project.dir, 'apiwright.config.json'), JSON.stringify({ naming: 'snake' }));
    const result = await run(['generate', 'a.yaml', '--out', 'x'], project.dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${path.join(project.dir, 'apiwright.config.json')} (#/naming): "naming" must be one of`);
    expect(result.calls).toHaveLength(0);
  });

  it('prints 20 warnings, then a count of the rest', async () => {
    const result = await run(['generate', 'api.yaml', '--out', 'out'], project.dir, {
      generate: (options) => {
        const warnings = Array.from({ length: 25 }, (_, i) => warning(i));
        for (const w of warnings.slice(0, 10)) options.onWarning?.(w);
        // The same objects again in the result must not print twice; the other 15 are new.
        return Promise.resolve({ outDir: options.out, stats: emptyStats, files: ['index.ts'], warnings });
      },
    });
    expect(result.code).toBe(0);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe('warning W_TEST api.yaml (#/paths/0): warning number 0');
    expect(lines[19]).toBe('warning W_TEST api.yaml (#/paths/19): warning number 19');
    expect(lines[20]).toBe('… and 5 more warnings');
    expect(result.stdout).toMatch(/^Generated 1 file in out \(\d+ ms\)\n$/);
  });

  it('--quiet prints neither warnings nor the summary', async () => {
    const result = await run(['generate', 'api.yaml', '--out', 'out', '--quiet'], project.dir, {
      generate: (options) => Promise.resolve({ outDir: options.out, stats: emptyStats, files: [], warnings: [warning(1)] }),
    });
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('shows an output folder outside cwd as an absolute path', async () => {
    const result = await run(['generate', 'api.yaml', '--out', '../elsewhere'], project.dir);
    expect(result.stdout).toContain(` in ${path.join(path.dirname(project.dir), 'elsewhere')} (`);
  });
});
