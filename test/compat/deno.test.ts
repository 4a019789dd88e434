/**
 * Runtime row: Deno (the `deno` npm package). `deno check` type-checks the scenario and the client
 * with Deno's own compiler settings, then `deno run` calls a loopback server with network access to
 * 127.0.0.1 only. Deno resolves `./x.js` to `./x.ts` only with `--sloppy-imports` (the client's
 * imports say `.js`, as nodenext requires); a Deno project sets it once in deno.json:
 * `{ "unstable": ["sloppy-imports"] }` — which is what this test does.
 */
import { writeFileSync } from 'node:fs';
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

const deno = path.join(repoRoot, 'node_modules', '.bin', 'deno');
let server: ScenarioServer;
beforeAll(async () => {
  server = await startScenarioServer();
});
afterAll(() => server.close());

it('the generated client type-checks and runs on Deno', async () => {
  const dir = await writeScenario('deno', server.url);
  writeFileSync(path.join(dir, 'deno.json'), JSON.stringify({ unstable: ['sloppy-imports'] }));
  // A cache of its own: nothing is downloaded (no remote imports), and no shared state is touched.
  const env = { ...process.env, DENO_DIR: path.join(dir, '.deno'), NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' };
  const version = await runProcess(deno, ['--version'], { env, timeout: 60_000 });
  expect(version.stdout).toMatch(/^deno 2\./);

  await runProcess(deno, ['check', '--quiet', 'main.ts'], { cwd: dir, env, timeout: 240_000 });
  const { stdout } = await runProcess(deno, ['run', '--quiet', '--allow-net=127.0.0.1', 'main.ts'], {
    cwd: dir,
    env,
    timeout: 120_000,
  });
  expect(summaryOf(stdout)).toEqual(expectedSummary);
  expect(server.requests).toEqual(expectedRequests);
}, 400_000);
