/**
 * The unit test the generated README shows (a --mocks client of fixtures/petstore) runs as written:
 * the README's code block is saved beside the client and run by vitest in a child process.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/generate.js';
import { fixturesDir, generatedDir, repoRoot } from '../support/paths.js';

const run = promisify(execFile);

describe("the generated README's mock test", () => {
  it('passes as written', async () => {
    const dir = generatedDir('e2e', 'mocks-readme');
    await generate({
      spec: path.join(fixturesDir, 'petstore/openapi.yaml'),
      out: path.join(dir, 'client'),
      cwd: dir,
      mocks: true,
    });
    const readme = await readFile(path.join(dir, 'client', 'README.md'), 'utf8');
    const code = /## Mocks for tests[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code).toContain(`from './client/mocks.gen.js'`);
    // `.spec.ts`: the repository's own run (test/**/*.test.ts) never picks it up.
    await writeFile(path.join(dir, 'readme.spec.ts'), code ?? '');
    const config = path.join(dir, 'vitest.config.mjs');
    await writeFile(config, "export default { test: { include: ['*.spec.ts'] } };\n");
    const vitest = path.join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs');
    const args = [vitest, 'run', '--root', dir, '--config', config, '--reporter', 'verbose'];
    const { stdout: raw } = await run(process.execPath, args, {
      timeout: 90_000,
      env: { ...process.env, CI: '1', NO_COLOR: '1' },
    });
    // eslint-disable-next-line no-control-regex
    const stdout = raw.replace(/\u001b\[[0-9;]*m/g, '');
    expect(stdout).toMatch(/✓ .*getPetById answers with data shaped like the spec/);
    expect(stdout).toMatch(/✓ .*getPetById fails with 404 when the handler says so/);
    expect(stdout).toMatch(/Tests\s+2 passed/);
  }, 120_000);
});
