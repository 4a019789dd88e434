/**
 * The verification code runs unchanged outside Node: bundled by esbuild for the browser platform,
 * it runs in a node:vm context that holds only Web globals (no process, Buffer, require, node: modules),
 * and in Deno and Bun.
 */
import { build } from 'esbuild';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { generatedDir, repoRoot } from '../../support/paths.js';

const run = promisify(execFile);

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(repoRoot, 'runtime/webhooks/index.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'webhooks',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

/** Only what a browser or a Worker offers; the context's own realm supplies the language built-ins. */
function webGlobals(): Record<string, unknown> {
  return { crypto, TextEncoder, TextDecoder, atob, btoa, Headers, Request, Response, URL, URLSearchParams, console };
}

const scenario = `
(async () => {
  const w = webhooks;
  const out = {};
  const body = '{"type":"user.created","id":7}';
  const t = 1700000000;
  const now = () => t * 1000;
  const sw = 'whsec_' + btoa('browser-secret-0123456789');
  for (const scheme of ['standard-webhooks', 'stripe', 'github', 'slack', { type: 'hmac', header: 'X-Sig', algorithm: 'SHA-512', encoding: 'base64' }]) {
    const secret = scheme === 'standard-webhooks' ? sw : 'plain-secret';
    const name = typeof scheme === 'string' ? scheme : 'hmac';
    const headers = await w.signWebhook({ scheme, secret, body, timestamp: t, id: 'msg_vm' });
    const ok = await w.verifyWebhook({ scheme, secret, headers, body, now, replay: false }).then(() => 'accepted', (e) => e.reason);
    const bad = await w.verifyWebhook({ scheme, secret, headers, body: body + ' ', now, replay: false }).then(() => 'accepted', (e) => e.reason);
    out[name] = [ok, bad];
  }
  out.vector = await w.verifyWebhook({
    scheme: 'standard-webhooks', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', replay: false, now: () => 1614265330000,
    headers: new Headers({ 'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek', 'webhook-timestamp': '1614265330', 'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' }),
    body: '{"test": 2432232314}',
  }).then((v) => v.id, (e) => e.reason);
  const handler = w.createWebhookReceiver(
    { events: [{ key: 'userCreated', name: 'user.created', method: 'POST', fields: { type: 'user.created' } }] },
    { scheme: 'standard-webhooks', secret: sw, logger: false, now, on: { userCreated: (payload) => { out.handled = payload.id; } } },
  );
  const headers = await w.signWebhook({ scheme: 'standard-webhooks', secret: sw, body, timestamp: t, id: 'msg_h' });
  const request = () => new Request('https://hooks.example/in', { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
  out.statuses = [(await handler(request())).status, (await handler(request())).status];
  out.hasProcess = typeof process !== 'undefined' || typeof require !== 'undefined' || typeof Buffer !== 'undefined';
  return JSON.stringify(out);
})()`;

const expected = {
  'standard-webhooks': ['accepted', 'no_matching_signature'],
  stripe: ['accepted', 'no_matching_signature'],
  github: ['accepted', 'no_matching_signature'],
  slack: ['accepted', 'no_matching_signature'],
  hmac: ['accepted', 'no_matching_signature'],
  vector: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  handled: 7,
  statuses: [200, 401],
  hasProcess: false,
};

describe('webhook verification outside Node', () => {
  it('the browser bundle has no node: imports and verifies every scheme inside a vm context', async () => {
    const code = await bundle();
    expect(code).not.toMatch(/\brequire\(|from ['"]node:|import\(['"]node:/);
    const context = vm.createContext(webGlobals());
    vm.runInContext(code, context, { filename: 'webhooks.browser.js' });
    const result = JSON.parse((await vm.runInContext(scenario, context)) as string) as Record<string, unknown>;
    expect(result).toEqual(expected);
  });

  it.each([
    ['deno', ['run', '--no-prompt', '--quiet']],
    ['bun', ['run']],
  ])(
    'the same bundle runs in %s',
    async (name, args) => {
      const file = path.join(generatedDir('runtime', `webhooks-${name}`), 'scenario.mjs');
      // Deno and Bun carry Node compatibility globals of their own: the only-Web-globals check is the vm's.
      const portable = scenario.replace(/out\.hasProcess = .*;/, 'out.hasProcess = false;');
      writeFileSync(file, `${await bundle()}\nconst result = await ${portable.trim()};\nconsole.log(result);\n`);
      const { stdout } = await run(path.join(repoRoot, 'node_modules', '.bin', name), [...args, file], { timeout: 60_000 });
      expect(JSON.parse(stdout.trim().split('\n').pop() ?? '')).toEqual({ ...expected });
    },
    90_000,
  );
});
