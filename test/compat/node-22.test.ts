/**
 * Runtime row: Node 22. Its official binary comes from the npm registry (`node-<platform>-<arch>`,
 * the package the `node` npm package installs), fetched with `npm pack` into the git-ignored .cache/
 * on first use. The scenario is compiled by tsc to plain ESM and run by that binary against a
 * loopback server; then the CommonJS path: a `.cjs` file `require()`s an `.mts`-generated client.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { npmPackCached } from '../../bench/npm-pack-cache.mjs';
import { compile, generateRow, strictEsmOptions } from './compat-harness.js';
import { fixturesDir } from '../support/paths.js';
import {
  expectedRequests,
  expectedSummary,
  runProcess,
  startScenarioServer,
  summaryOf,
  writeScenario,
  type ScenarioServer,
} from './runtime-harness.js';

const NODE_22 = '22.23.5';

let server: ScenarioServer;
let node22: string;
beforeAll(async () => {
  server = await startScenarioServer();
  const folder = await npmPackCached(`node-${process.platform}-${process.arch}`, NODE_22, { timeoutMs: 900_000 });
  node22 = path.join(folder, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
}, 1_800_000);
afterAll(() => server.close());

it('the fetched binary is Node 22', async () => {
  const { stdout } = await runProcess(node22, ['--version'], { timeout: 60_000 });
  expect(stdout.trim()).toBe(`v${NODE_22}`);
});

it('the generated client runs on Node 22 (ESM)', async () => {
  const dir = await writeScenario('node-22', server.url);
  const errors = await compile(dir, {
    compiler: 'typescript7',
    tsconfig: { compilerOptions: { ...strictEsmOptions, noEmit: false, outDir: 'dist' }, include: ['main.ts'] },
    packageJson: { type: 'module' },
  });
  expect(errors).toEqual([]);
  const { stdout } = await runProcess(node22, [path.join(dir, 'dist', 'main.js')], { timeout: 60_000 });
  expect(summaryOf(stdout)).toEqual(expectedSummary);
  expect(server.requests).toEqual(expectedRequests);
}, 300_000);

it('a CommonJS file requires the client (moduleFormat mts) on Node 22', async () => {
  const dir = await generateRow('node-22-cjs', [{ name: 'petstore', spec: path.join(fixturesDir, 'petstore', 'openapi.yaml') }], {
    moduleFormat: 'mts',
  });
  const errors = await compile(dir, {
    compiler: 'typescript7',
    tsconfig: {
      compilerOptions: { ...strictEsmOptions, noEmit: false, outDir: 'dist', rootDir: '.' },
      include: ['petstore/index.mts'],
    },
    packageJson: {},
  });
  expect(errors).toEqual([]);
  writeFileSync(
    path.join(dir, 'dist', 'main.cjs'),
    `const { createClient } = require('./petstore/index.mjs');
createClient({ baseUrl: ${JSON.stringify(server.url)}, auth: { apiKey: 'compat-key' } })
  .pets.getPetById({ petId: 'p_1' })
  .then((pet) => console.log(JSON.stringify({ name: pet.name })));
`,
  );
  const { stdout } = await runProcess(node22, [path.join(dir, 'dist', 'main.cjs')], { timeout: 60_000 });
  expect(summaryOf(stdout)).toEqual({ name: 'Ada' });
}, 300_000);
