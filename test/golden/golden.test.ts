/**
 * Every spec in fixtures/ (except the load-* and security-* cases, which test failures) generates a
 * tree compared file by file with snapshots, and every tree type-checks under the strictest settings.
 * The runtime is copied (its sources behind a `// @ts-nocheck` line) and tested on its own, so only the
 * generated files are snapshotted.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildClient, generate } from '../../src/generate.js';
import { fixturesDir, generatedDir } from '../support/paths.js';
import { typecheck } from '../support/typecheck.js';

const entryNames = ['openapi.yaml', 'openapi.json', 'swagger.yaml', 'swagger.json'];

export function goldenFixtures(): { name: string; spec: string }[] {
  return readdirSync(fixturesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !/^(load|security)-/.test(d.name))
    .flatMap((d) => {
      const entry = entryNames.find((file) => readdirSync(path.join(fixturesDir, d.name)).includes(file));
      return entry ? [{ name: d.name, spec: path.join(fixturesDir, d.name, entry) }] : [];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

describe('golden clients', () => {
  const fixtures = goldenFixtures();

  it('finds the fixtures', () => {
    expect(fixtures.map((f) => f.name)).toEqual(
      expect.arrayContaining(['petstore', 'schemas-3-1', 'swagger-2-0', 'naming-collisions']),
    );
  });

  it.each(fixtures)('$name matches its snapshots', async ({ name, spec }) => {
    const { files } = await buildClient({ spec, out: `out/${name}` });
    const generated = files.filter((f) => !f.path.startsWith('runtime/')).sort((a, b) => a.path.localeCompare(b.path));
    expect(generated.length).toBeGreaterThan(3);
    for (const file of generated) {
      await expect(file.content).toMatchFileSnapshot(path.join('__snapshots__', name, file.path));
    }
  });

  it('every golden client type-checks under strict settings', async () => {
    const root = generatedDir('golden', '');
    for (const { name, spec } of fixtures) await generate({ spec, out: path.join(root, name) });
    const errors = await typecheck(root, ['*/index.ts']);
    expect(errors.map((e) => `${e.file}:${e.line} ${e.code} ${e.message}`)).toEqual([]);
  }, 180_000);
});
