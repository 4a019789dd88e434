/**
 * Runtime row: Node 20 — the Node running the tests when it is 20.x, otherwise the official 20.19
 * binary from the npm package `node-<platform>-<arch>` (`npm pack`ed into .cache/). The petstore
 * client and the scenario are compiled by tsc into plain ESM, as a Node project would ship them, and
 * run against a loopback server.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { npmPackCached } from '../../bench/npm-pack-cache.mjs';
import { compile, strictEsmOptions } from './compat-harness.js';
import {
  expectedRequests,
  expectedSummary,
  runProcess,
  startScenarioServer,
  summaryOf,
  writeScenario,
  type ScenarioServer,
} from './runtime-harness.js';

/** The engines floor (package.json `engines.node`). */
const NODE_20 = '20.19.6';

let server: ScenarioServer;
let node20 = process.execPath;
beforeAll(async () => {
  server = await startScenarioServer();
  if (!process.versions.node.startsWith('20.')) {
    const folder = await npmPackCached(`node-${process.platform}-${process.arch}`, NODE_20, { timeoutMs: 900_000 });
    node20 = path.join(folder, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  }
}, 1_800_000);
afterAll(() => server.close());

it('the generated client runs on Node 20', async () => {
  const { stdout: version } = await runProcess(node20, ['--version'], { timeout: 60_000 });
  expect(version.trim()).toMatch(/^v20\.(19|[2-9]\d)\./);
  const dir = await writeScenario('node-20', server.url);
  const errors = await compile(dir, {
    compiler: 'typescript7',
    tsconfig: { compilerOptions: { ...strictEsmOptions, noEmit: false, outDir: 'dist' }, include: ['main.ts'] },
    packageJson: { type: 'module' },
  });
  expect(errors).toEqual([]);
  const { stdout } = await runProcess(node20, [path.join(dir, 'dist', 'main.js')], { timeout: 60_000 });
  expect(summaryOf(stdout)).toEqual(expectedSummary);
  expect(server.requests).toEqual(expectedRequests);
}, 300_000);
