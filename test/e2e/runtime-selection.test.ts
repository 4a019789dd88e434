/**
 * A client receives only the runtime modules it reaches (src/write/select-runtime.ts). Each client
 * here is compiled strictly with every file it holds, its runtime's `// @ts-nocheck` removed: a
 * module pruned while something still imports it is a "Cannot find module" error (behind the
 * header it would not be). Optional concerns are absent unless the spec or the options need them.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, type GenerateOptions } from '../../src/generate.js';
import { relativeImports } from '../../src/write/module-imports.js';
import { readRuntimeSources, RUNTIME_FILE_HEADER } from '../../src/write/runtime-files.js';
import { fixturesDir, generatedDir } from '../support/paths.js';
import { typecheck } from '../support/typecheck.js';

const petstore = path.join(fixturesDir, 'petstore/openapi.yaml');
const clients: Record<string, Omit<GenerateOptions, 'out'>> = {
  petstore: { spec: petstore },
  mocks: { spec: petstore, mocks: true },
  extras: { spec: petstore, runtimeExtras: ['redis', 'webhooks'] },
  all: { spec: petstore, runtimeExtras: ['all'] },
  webhooks: { spec: path.join(fixturesDir, 'webhooks/openapi.yaml') },
  oauth: { spec: path.join(fixturesDir, 'security-18-20-auth-client/openapi.json') },
  streams: { spec: path.join(fixturesDir, 'streams/openapi.yaml'), runtimeExtras: [] },
  camel: { spec: path.join(fixturesDir, 'transform-snake-case/openapi.yaml'), naming: 'camelCase', dates: 'Date' },
  plain: { spec: petstore, validators: false },
};

/** User code for the `extras` client: the generated README's Redis example and a hand-written webhook check. */
const extrasUser = `import { createClient } from './extras/index.js';
import { fromIoredis, redisStore, verifyWebhook } from './extras/runtime/index.js';

declare const redis: Parameters<typeof fromIoredis>[0]; // an ioredis client (its types need @types/node)
export const petstore = createClient({ stateStore: redisStore(fromIoredis(redis), { prefix: 'myapp', name: 'default' }) });
export const verify = verifyWebhook;
`;

const root = generatedDir('e2e', 'runtime-selection');
const files = (name: string): string[] =>
  readdirSync(path.join(root, name), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(path.join(root, name), path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
const barrel = (name: string): string =>
  readFileSync(path.join(root, name, 'runtime/index.ts'), 'utf8').replace(RUNTIME_FILE_HEADER, '');
/** The names a client's runtime/index.ts exports. */
const exported = (name: string): string[] =>
  [...barrel(name).matchAll(/^export (?:type )?\{([^}]*)\}/gm)].flatMap((m) =>
    (m[1] ?? '')
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean),
  );

beforeAll(async () => {
  for (const [name, options] of Object.entries(clients)) await generate({ ...options, out: path.join(root, name) });
  writeFileSync(path.join(root, 'extras-user.ts'), extrasUser);
}, 120_000);

describe('the runtime a client receives', () => {
  it('compiles strictly, every runtime file checked, with user code for the extras', async () => {
    for (const name of Object.keys(clients)) {
      for (const file of files(name).filter((f) => f.startsWith('runtime/'))) {
        const at = path.join(root, name, file);
        writeFileSync(at, readFileSync(at, 'utf8').replace(RUNTIME_FILE_HEADER, ''));
      }
    }
    const errors = await typecheck(root, ['*/**/*.ts', 'extras-user.ts']);
    expect(errors.map((e) => `${e.file}:${e.line} ${e.code} ${e.message}`)).toEqual([]);
  }, 180_000);

  it('holds every file a relative import of the client names', () => {
    for (const name of Object.keys(clients)) {
      const present = new Set(files(name));
      for (const file of [...present].filter((f) => f.endsWith('.ts'))) {
        for (const { specifier } of relativeImports(readFileSync(path.join(root, name, file), 'utf8'))) {
          const target = path.posix.join(path.posix.dirname(file), specifier).replace(/\.js$/, '.ts');
          expect(present.has(target), `${name}/${file} imports ${specifier}`).toBe(true);
        }
      }
    }
  });

  it('leaves out webhooks, mocks and the Redis store when nothing asks for them', async () => {
    const full = (await readRuntimeSources()).length;
    const runtimeFiles = files('petstore').filter((f) => f.startsWith('runtime/') && f.endsWith('.ts'));
    expect(runtimeFiles.length).toBeLessThan(full);
    for (const name of ['createWebhookReceiver', 'verifyWebhook', 'mockData', 'generateValue', 'redisStore', 'fromIoredis']) {
      expect(exported('petstore')).not.toContain(name);
    }
    // What the generated index exports or the client's options need stays.
    expect(exported('petstore')).toEqual(
      expect.arrayContaining(['createUndiciFetch', 'verifyJwt', 'batch', 'responseCache', 'sharedStateOf']),
    );
  });

  it('ships each concern when the spec or the options need it', () => {
    expect(exported('webhooks')).toContain('createWebhookReceiver');
    expect(exported('webhooks')).not.toContain('mockData');
    expect(exported('mocks')).toEqual(expect.arrayContaining(['mockData', 'mockRoute']));
    expect(exported('mocks')).not.toContain('verifyWebhook');
    expect(exported('extras')).toEqual(
      expect.arrayContaining(['redisStore', 'fromIoredis', 'fromNodeRedis', 'verifyWebhook', 'signWebhook']),
    );
    expect(exported('extras')).not.toContain('mockData');
  });

  it('ships the whole runtime, barrel unchanged, with `all`', async () => {
    const sources = await readRuntimeSources();
    expect(
      files('all')
        .filter((f) => f.startsWith('runtime/'))
        .sort(),
    ).toEqual(sources.map((f) => f.path).sort());
    const index = sources.find((f) => f.path === 'runtime/index.ts');
    expect(barrel('all')).toBe(index?.content);
  });

  it('the README shows the Redis store where it is shipped and says how to get it where it is not', () => {
    const readme = (name: string): string => readFileSync(path.join(root, name, 'README.md'), 'utf8');
    expect(readme('extras')).toContain("import { fromIoredis, redisStore } from './extras/runtime/index.js';");
    expect(readme('petstore')).not.toContain('redisStore(fromIoredis');
    expect(readme('petstore')).toContain('`"runtimeExtras": ["redis"]`');
  });
});
