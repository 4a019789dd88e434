import { mkdir, mkdtemp, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineConfig, loadConfig } from '../../../src/config/index.js';
import { ConfigError } from '../../../src/errors.js';

let dir: string;
beforeEach(async () => {
  dir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'apiwright-config-')));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<ConfigError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('loadConfig', () => {
  it('returns the defaults when there is no config file', async () => {
    expect(await loadConfig(dir)).toEqual({
      file: undefined,
      spec: undefined,
      out: undefined,
      allowRemoteRefs: false,
      naming: 'preserve',
      dates: 'string',
      pagination: {},
      clientName: undefined,
      validators: true,
      failOnWarnings: false,
      moduleFormat: 'ts',
      mocks: false,
      watch: false,
      runtimeExtras: [],
    });
  });

  it('reads apiwright.config.json and resolves paths against its folder', async () => {
    await writeFile(
      path.join(dir, 'apiwright.config.json'),
      JSON.stringify({
        input: 'specs/api.yaml',
        output: 'src/client',
        naming: 'camelCase',
        dates: 'Date',
        clientName: 'petstore',
      }),
    );
    const config = await loadConfig(dir);
    expect(config).toMatchObject({
      file: path.join(dir, 'apiwright.config.json'),
      spec: path.join(dir, 'specs', 'api.yaml'),
      out: path.join(dir, 'src', 'client'),
      naming: 'camelCase',
      dates: 'Date',
      clientName: 'petstore',
      allowRemoteRefs: false,
    });
  });

  it('accepts the spec/out aliases and keeps an http(s) spec URL as is', async () => {
    await writeFile(
      path.join(dir, 'apiwright.config.json'),
      JSON.stringify({ spec: 'https://api.example.test/openapi.json', out: 'gen' }),
    );
    expect(await loadConfig(dir)).toMatchObject({ spec: 'https://api.example.test/openapi.json', out: path.join(dir, 'gen') });
  });

  it('reads an .mjs config', async () => {
    await writeFile(path.join(dir, 'apiwright.config.mjs'), 'export default { input: "a.yaml", allowRemoteRefs: true };\n');
    expect(await loadConfig(dir)).toMatchObject({ spec: path.join(dir, 'a.yaml'), allowRemoteRefs: true });
  });

  it('reads a CommonJS .js config and an ESM .js config in a "type": "module" package', async () => {
    await writeFile(path.join(dir, 'apiwright.config.js'), 'module.exports = { input: "cjs.yaml" };\n');
    expect((await loadConfig(dir)).spec).toBe(path.join(dir, 'cjs.yaml'));

    const esm = path.join(dir, 'esm');
    await mkdir(esm);
    await writeFile(path.join(esm, 'package.json'), '{ "type": "module" }');
    await writeFile(path.join(esm, 'apiwright.config.js'), 'export default { input: "esm.yaml" };\n');
    expect((await loadConfig(esm)).spec).toBe(path.join(esm, 'esm.yaml'));
  });

  it('reloads a .js config after it changes', async () => {
    const file = path.join(dir, 'apiwright.config.mjs');
    await writeFile(file, 'export default { input: "one.yaml" };\n');
    expect((await loadConfig(dir)).spec).toBe(path.join(dir, 'one.yaml'));
    await writeFile(file, 'export default { input: "two.yaml" };\n');
    expect((await loadConfig(dir)).spec).toBe(path.join(dir, 'two.yaml'));
  });

  it('transpiles and imports a .ts config, then deletes the temporary module', async () => {
    await writeFile(
      path.join(dir, 'apiwright.config.ts'),
      [
        "import type { Config } from 'apiwright';",
        'interface Local { input: string }',
        "const base: Local = { input: 'ts.yaml' };",
        "const config: Config = { ...base, output: 'out', pagination: { listPets: { style: 'cursor', cursorParam: 'after', nextCursorPath: ['next'], itemsPath: ['data'] }, getPet: false } } satisfies Config;",
        'export default config;',
        '',
      ].join('\n'),
    );
    const config = await loadConfig(dir);
    expect(config.spec).toBe(path.join(dir, 'ts.yaml'));
    expect(config.pagination).toEqual({
      listPets: { style: 'cursor', cursorParam: 'after', nextCursorPath: ['next'], itemsPath: ['data'] },
      getPet: false,
    });
    expect(await readdir(dir)).toEqual(['apiwright.config.ts']);
  });

  it('reports TypeScript syntax errors with line and column', async () => {
    await writeFile(path.join(dir, 'apiwright.config.ts'), 'export default {\n  input: "a.yaml",,\n};\n');
    const error = await failure(loadConfig(dir));
    expect(error.code).toBe('CONFIG_PARSE');
    expect(error.location.line).toBe(2);
    expect(error.format()).toMatch(/apiwright\.config\.ts:2:\d+: invalid TypeScript/);
    expect(await readdir(dir)).toEqual(['apiwright.config.ts']);
  });

  it('reports a module that throws while loading, naming the file', async () => {
    await writeFile(path.join(dir, 'apiwright.config.mjs'), 'throw new Error("boom");\n');
    const error = await failure(loadConfig(dir));
    expect(error.code).toBe('CONFIG_LOAD_FAILED');
    expect(error.format()).toContain('apiwright.config.mjs: could not load the config: boom');
  });

  it('reports a module without a default export', async () => {
    await writeFile(path.join(dir, 'apiwright.config.mjs'), 'export const input = "a.yaml";\n');
    expect((await failure(loadConfig(dir))).message).toMatch(/no default export/);
  });

  it('reports invalid JSON with its position', async () => {
    await writeFile(path.join(dir, 'apiwright.config.json'), '{\n  "input": "a.yaml",\n}\n');
    const error = await failure(loadConfig(dir));
    expect(error.code).toBe('CONFIG_PARSE');
    expect(error.location.line).toBe(3);
  });

  it('refuses to guess between two config files', async () => {
    await writeFile(path.join(dir, 'apiwright.config.json'), '{}');
    await writeFile(path.join(dir, 'apiwright.config.mjs'), 'export default {};');
    const error = await failure(loadConfig(dir));
    expect(error.code).toBe('CONFIG_AMBIGUOUS');
    expect(error.message).toContain('apiwright.config.mjs, apiwright.config.json');
  });

  it('loads an explicit --config path and reports a missing one', async () => {
    await mkdir(path.join(dir, 'conf'));
    await writeFile(path.join(dir, 'conf', 'custom.json'), JSON.stringify({ input: '../a.yaml' }));
    expect((await loadConfig(dir, 'conf/custom.json')).spec).toBe(path.join(dir, 'a.yaml'));
    const error = await failure(loadConfig(dir, 'conf/missing.json'));
    expect(error.code).toBe('CONFIG_NOT_FOUND');
    expect(error.message).toContain(path.join(dir, 'conf', 'missing.json'));
  });

  it('refuses an unsupported extension', async () => {
    await writeFile(path.join(dir, 'config.yaml'), 'input: a.yaml');
    expect((await failure(loadConfig(dir, 'config.yaml'))).code).toBe('CONFIG_UNSUPPORTED');
  });
});

describe('defineConfig', () => {
  it('returns its argument', () => {
    const config = { input: 'a.yaml' };
    expect(defineConfig(config)).toBe(config);
  });
});
