/**
 * Runtime row: headless Chromium (Debian's /usr/bin/chromium through playwright-core). The scenario
 * and the petstore client are bundled by esbuild for the browser (a `node:` import would fail the
 * bundle), served by one loopback server and run in the page against another, cross-origin, so the
 * calls go through real CORS preflights.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  closeServer,
  expectedRequests,
  expectedSummary,
  startScenarioServer,
  writeScenario,
  type ScenarioServer,
} from './runtime-harness.js';

let api: ScenarioServer;
let page: Server | undefined;
let context: BrowserContext | undefined;
const profile = mkdtempSync(path.join(os.tmpdir(), 'apiwright-chromium-'));

beforeAll(async () => {
  api = await startScenarioServer();
});
afterAll(async () => {
  await context?.close();
  if (page) await closeServer(page);
  await api.close();
  rmSync(profile, { recursive: true, force: true });
});

it('the generated client runs in headless Chromium', async () => {
  const dir = await writeScenario('chromium', api.url);
  writeFileSync(path.join(dir, 'browser.ts'), "export { scenario } from './scenario.js';\n");
  const bundle = await build({
    entryPoints: [path.join(dir, 'browser.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'compat',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  expect(script).toContain('scenario');

  page = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html><head><script>${script.replaceAll('</script', '<\\/script')}</script></head><body></body></html>`,
    );
  });
  await new Promise<void>((resolve) => page?.listen(0, '127.0.0.1', resolve));
  const pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}/`;

  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    timeout: 60_000,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const tab = await context.newPage();
  await tab.goto(pageUrl, { timeout: 60_000 });
  const summary = await tab.evaluate(
    (url) => (globalThis as unknown as { compat: { scenario(u: string): Promise<string> } }).compat.scenario(url),
    api.url,
  );
  expect(JSON.parse(summary)).toEqual(expectedSummary);
  expect(api.requests).toEqual(expectedRequests);
  // X-API-Key and a JSON body are not CORS-safelisted: the browser asked first.
  expect(api.preflights).toBeGreaterThan(0);
}, 300_000);
