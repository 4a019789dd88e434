/**
 * mocks.gen.ts reads as written by hand (petstore snapshot) and compiles under the strictest
 * settings together with msw's own types, for the fixtures and a few corpus specs (recursive
 * schemas, discriminators, examples, odd names).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildClient, generate } from '../../src/generate.js';
import { corpusDir, fixturesDir, generatedDir } from '../support/paths.js';
import { typecheck } from '../support/typecheck.js';

const specs = [
  path.join(fixturesDir, 'petstore/openapi.yaml'),
  path.join(fixturesDir, 'naming-collisions/openapi.yaml'),
  path.join(fixturesDir, 'schemas-3-1/openapi.yaml'),
  path.join(fixturesDir, 'swagger-2-0/swagger.yaml'),
  path.join(fixturesDir, 'transform-snake-case/openapi.yaml'),
  path.join(fixturesDir, 'streams/openapi.yaml'),
  path.join(corpusDir, 'spotify.json'),
  path.join(corpusDir, 'museum-v31.yaml'),
];

describe('mocks.gen.ts', () => {
  it('petstore matches its snapshot', async () => {
    const { files } = await buildClient({
      spec: path.join(fixturesDir, 'petstore/openapi.yaml'),
      out: 'out/petstore',
      mocks: true,
    });
    const mocks = files.find((f) => f.path === 'mocks.gen.ts');
    await expect(mocks?.content).toMatchFileSnapshot(path.join('__snapshots__', 'petstore.mocks.gen.ts'));
  });

  it('type-checks under strict settings with msw', async () => {
    const root = generatedDir('e2e', 'mocks-typecheck');
    for (const spec of specs) {
      const name = path.basename(path.dirname(spec)) === 'dev' ? path.parse(spec).name : path.basename(path.dirname(spec));
      const transform = name === 'transform-snake-case' ? { naming: 'camelCase' as const, dates: 'Date' as const } : {};
      await generate({ spec, out: path.join(root, name), mocks: true, ...transform });
    }
    const errors = await typecheck(root, ['*/mocks.gen.ts']);
    expect(errors.map((e) => `${e.file}:${e.line} ${e.code} ${e.message}`)).toEqual([]);
  }, 180_000);
});
