/**
 * The matrix's own plumbing: `compile` reports paths relative to the row folder (so a numbered
 * row's errors name their spec), and a shared client is byte for byte what `generate` writes.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, inject, it } from 'vitest';
import { generate } from '../../src/generate.js';
import { fixturesDir, generatedDir } from '../support/paths.js';
import { copySharedClients } from '../support/shared-clients.js';
import { sharedPrefix } from '../support/shared-clients-setup.js';
import { compile, nameByFolder, strictEsmOptions } from './compat-harness.js';

it('compile prints paths relative to the row, and nameByFolder names the numbered folder', async () => {
  const dir = generatedDir('compat', 'harness-naming');
  mkdirSync(path.join(dir, '1'));
  writeFileSync(path.join(dir, '1', 'index.ts'), 'export const count: number = "three";\n');
  const errors = await compile(dir, {
    compiler: 'typescript7',
    tsconfig: { compilerOptions: strictEsmOptions, include: ['*/index.ts'] },
    packageJson: { type: 'module' },
  });
  expect(errors).toEqual([expect.stringMatching(/^1\/index\.ts\(1,14\): error TS2322: /)]);
  expect(nameByFolder(errors, ['a.json', 'b.json'])).toEqual([
    expect.stringMatching(/^b\.json: index\.ts\(1,14\): error TS2322/),
  ]);
  expect(nameByFolder(['7/index.ts(1,1): error TS1'], ['a.json'])).toEqual(['7/: index.ts(1,1): error TS1']);
}, 120_000);

it('a shared client holds the same files and bytes as one generated in place', async () => {
  const spec = path.join(fixturesDir, 'petstore', 'openapi.yaml');
  const direct = path.join(generatedDir('compat', 'harness-direct'), 'petstore');
  const shared = path.join(generatedDir('compat', 'harness-shared'), 'petstore');
  await generate({ spec, out: direct, moduleFormat: 'mts' });
  await copySharedClients([{ spec, out: shared }], { moduleFormat: 'mts' });
  // It came from this run's shared folder, not from the fallback that generates in place.
  const run = inject('sharedClientsRun');
  expect(readdirSync(path.dirname(path.dirname(shared))).filter((entry) => entry.startsWith(sharedPrefix(run)))).not.toEqual([]);
  const files = (root: string): string[] =>
    readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((file) => statSync(path.join(root, file)).isFile())
      .sort();
  expect(files(shared)).toEqual(files(direct));
  expect(files(direct)).toEqual(expect.arrayContaining(['index.mts', 'README.md']));
  const differing = files(direct).filter(
    (file) => !readFileSync(path.join(direct, file)).equals(readFileSync(path.join(shared, file))),
  );
  expect(differing).toEqual([]);
}, 120_000);

it('a client that fails to generate fails each test file that asks for it', async () => {
  const spec = path.join(fixturesDir, 'no-such-fixture', 'openapi.yaml');
  const first = path.join(generatedDir('compat', 'harness-failed-1'), 'missing');
  const second = path.join(generatedDir('compat', 'harness-failed-2'), 'missing');
  await expect(copySharedClients([{ spec, out: first }])).rejects.toThrow(/no-such-fixture/);
  // Another file finds the lock taken and the failure recorded: it fails too, without waiting.
  await expect(copySharedClients([{ spec, out: second }])).rejects.toThrow(/failed in another test file/);
}, 60_000);
