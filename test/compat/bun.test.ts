/**
 * Runtime row: Bun (the `bun` npm package). Bun runs the TypeScript scenario and client directly,
 * against a loopback server.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.js';
import {
  expectedRequests,
  expectedSummary,
  runProcess,
  startScenarioServer,
  summaryOf,
  writeScenario,
  type ScenarioServer,
} from './runtime-harness.js';

const bun = path.join(repoRoot, 'node_modules', '.bin', 'bun');
let server: ScenarioServer;
beforeAll(async () => {
  server = await startScenarioServer();
});
afterAll(() => server.close());

it('the generated client runs on Bun', async () => {
  const dir = await writeScenario('bun', server.url);
  const env = { ...process.env, BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0', NO_COLOR: '1' };
  const version = await runProcess(bun, ['--version'], { env, timeout: 60_000 });
  expect(version.stdout.trim()).toMatch(/^1\./);
  const { stdout } = await runProcess(bun, ['run', 'main.ts'], { cwd: dir, env, timeout: 120_000 });
  expect(summaryOf(stdout)).toEqual(expectedSummary);
  expect(server.requests).toEqual(expectedRequests);
}, 300_000);
