/**
 * Runtime row: Node 20 (the Node running the tests, ≥ 20.19). The petstore client and the scenario
 * are compiled by tsc into plain ESM, as a Node project would ship them, and run against a loopback
 * server.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
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

let server: ScenarioServer;
beforeAll(async () => {
  server = await startScenarioServer();
});
afterAll(() => server.close());

it('the generated client runs on Node 20', async () => {
  expect(process.versions.node).toMatch(/^(20|2[1-9])\./);
  const dir = await writeScenario('node-20', server.url);
  const errors = await compile(dir, {
    compiler: 'typescript7',
    tsconfig: { compilerOptions: { ...strictEsmOptions, noEmit: false, outDir: 'dist' }, include: ['main.ts'] },
    packageJson: { type: 'module' },
  });
  expect(errors).toEqual([]);
  const { stdout } = await runProcess(process.execPath, [path.join(dir, 'dist', 'main.js')], { timeout: 60_000 });
  expect(summaryOf(stdout)).toEqual(expectedSummary);
  expect(server.requests).toEqual(expectedRequests);
}, 300_000);
