import { describe, expect, it } from 'vitest';
import type { OutputFile } from '../../../src/write/output-file.js';
import { RuntimeImportError, selectRuntimeFiles } from '../../../src/write/select-runtime.js';

/** A small runtime: a core with a type-only and a dynamic import, and three optional concerns. */
const runtime: OutputFile[] = [
  {
    path: 'runtime/index.ts',
    content: [
      '// The client.',
      "export { createClient } from './client/client.js';",
      "export type { Options } from './client/options.js';",
      '// Webhooks.',
      "export { createWebhookReceiver, signWebhook, verifyWebhook } from './webhooks/index.js';",
      '// Shared state.',
      "export { fromIoredis, fromNodeRedis, redisStore } from './stores/redis-store.js';",
      "export { sharedStateOf } from './stores/shared-state.js';",
      '// Mocks.',
      "export { mockData } from './mock/reply.js';",
      '',
    ].join('\n'),
  },
  {
    path: 'runtime/client/client.ts',
    content:
      "import type { Options } from './options.js';\nexport const createClient = (o: Options) => import('../util/lazy.js');\n",
  },
  {
    path: 'runtime/client/options.ts',
    content: "import type { Store } from '../stores/shared-state.js';\nexport interface Options { s?: Store }\n",
  },
  { path: 'runtime/util/lazy.ts', content: 'export const lazy = 1;\n' },
  { path: 'runtime/stores/shared-state.ts', content: 'export interface Store {}\nexport const sharedStateOf = () => 1;\n' },
  {
    path: 'runtime/stores/redis-store.ts',
    content:
      "import { sharedStateOf } from './shared-state.js';\nexport const redisStore = sharedStateOf, fromIoredis = 1, fromNodeRedis = 2;\n",
  },
  {
    path: 'runtime/webhooks/index.ts',
    content: "export { createWebhookReceiver, signWebhook, verifyWebhook } from './verify.js';\n",
  },
  {
    path: 'runtime/webhooks/verify.ts',
    content: "import '../util/lazy.js';\nexport const verifyWebhook = 1, signWebhook = 2, createWebhookReceiver = 3;\n",
  },
  { path: 'runtime/mock/reply.ts', content: 'export const mockData = 1;\n' },
];

const client: OutputFile[] = [
  {
    path: 'index.ts',
    content: "export { createClient } from './client.gen.js';\nexport type { Options } from './runtime/index.js';\n",
  },
  {
    path: 'client.gen.ts',
    content: "import { createClient, type Options } from './runtime/index.js';\nexport { createClient };\n",
  },
  {
    path: 'endpoints/pets.gen.ts',
    content: "import type { Options } from '../runtime/index.js';\nimport type * as t from '../types.gen.js';\n",
  },
  { path: 'types.gen.ts', content: 'export type Pet = { id: string };\n' },
  { path: 'README.md', content: "import { mockData } from './runtime/index.js';\n" },
];

const paths = (files: readonly OutputFile[]): string[] => files.map((file) => file.path);
const barrelOf = (files: readonly OutputFile[]): string => files.find((file) => file.path === 'runtime/index.ts')?.content ?? '';

describe('selectRuntimeFiles', () => {
  it('keeps the modules the generated code reaches, type-only and dynamic imports included', () => {
    const selected = selectRuntimeFiles(client, runtime);
    expect(paths(selected)).toEqual([
      'runtime/client/client.ts',
      'runtime/client/options.ts',
      'runtime/index.ts',
      'runtime/stores/shared-state.ts',
      'runtime/util/lazy.ts',
    ]);
  });

  it("rewrites the barrel: a present module's exports stay (sharedStateOf), the others and their comments go", () => {
    const barrel = barrelOf(selectRuntimeFiles(client, runtime));
    expect(barrel).toContain("export { sharedStateOf } from './stores/shared-state.js';");
    expect(barrel).toContain('// Shared state.');
    for (const gone of ['verifyWebhook', 'redisStore', 'mockData', '// Webhooks.', '// Mocks.']) {
      expect(barrel).not.toContain(gone);
    }
    expect(barrel).toMatch(/^\/\/ This client's runtime holds the 5 of apiwright's 9 runtime files its code uses;/);
  });

  it('copies the other runtime files as they are', () => {
    const selected = selectRuntimeFiles(client, runtime);
    for (const file of selected.filter((f) => f.path !== 'runtime/index.ts')) {
      expect(file.content).toBe(runtime.find((r) => r.path === file.path)?.content);
    }
  });

  it('adds what an extra names, and what it reaches (a side-effect import)', () => {
    const selected = paths(selectRuntimeFiles(client, runtime, ['webhooks', 'redis']));
    expect(selected).toEqual(
      expect.arrayContaining(['runtime/webhooks/index.ts', 'runtime/webhooks/verify.ts', 'runtime/stores/redis-store.ts']),
    );
    expect(selected).not.toContain('runtime/mock/reply.ts');
  });

  it('follows an import of the barrel from inside the runtime', () => {
    const inside = runtime.map((file) =>
      file.path === 'runtime/util/lazy.ts'
        ? { ...file, content: "import { mockData } from '../index.js';\nexport const lazy = mockData;\n" }
        : file,
    );
    expect(paths(selectRuntimeFiles(client, inside))).toContain('runtime/mock/reply.ts');
  });

  it('ships everything with `all`, or when the barrel holds anything but re-exports', () => {
    expect(selectRuntimeFiles(client, runtime, ['all'])).toEqual(runtime);
    const local = runtime.map((file) =>
      file.path === 'runtime/index.ts' ? { ...file, content: `${file.content}export const x = 1;\n` } : file,
    );
    expect(selectRuntimeFiles(client, local)).toEqual(local);
  });

  it('a namespace import of the barrel takes every module', () => {
    const namespace = [...client, { path: 'extra.gen.ts', content: "import * as rt from './runtime/index.js';\n" }];
    expect(selectRuntimeFiles(namespace, runtime)).toHaveLength(runtime.length);
  });

  it('fails on a name the barrel does not export, naming the file', () => {
    const bad = [...client, { path: 'bad.gen.ts', content: "import { nothing } from './runtime/index.js';\n" }];
    expect(() => selectRuntimeFiles(bad, runtime)).toThrow(RuntimeImportError);
    expect(() => selectRuntimeFiles(bad, runtime)).toThrow(
      'bad.gen.ts imports "nothing", which runtime/index.ts does not export',
    );
  });

  it('fails on a relative import that leads to no file, in generated code or in the runtime', () => {
    const bad = [...client, { path: 'bad.gen.ts', content: "import { x } from './missing.gen.js';\n" }];
    expect(() => selectRuntimeFiles(bad, runtime)).toThrow(
      "bad.gen.ts imports './missing.gen.js', which is not a file of the client",
    );
    const broken = runtime.filter((file) => file.path !== 'runtime/util/lazy.ts');
    expect(() => selectRuntimeFiles(client, broken)).toThrow("runtime/client/client.ts imports '../util/lazy.js'");
  });
});
