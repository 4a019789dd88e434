/**
 * The generated webhook handler (fixtures/webhooks, Standard Webhooks) mounted on a real node:http
 * server through its `.node` adapter, receiving signed POSTs over loopback: every fault of the
 * matrix answers its status and reason, and the handler runs only for genuine, fresh deliveries.
 * Payload validation runs through the validators switch of the emitter, with hand-written
 * validators shaped like the generated ones.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitWebhooksFile } from '../../src/emit/webhooks-file.js';
import { generate } from '../../src/generate.js';
import { loadSpec } from '../../src/load/index.js';
import { normalizeDocument } from '../../src/normalize/index.js';
import { planClient } from '../../src/plan/plan-client.js';
import type { ClientPlan } from '../../src/plan/plan-types.js';
import { fixturesDir, generatedDir } from '../support/paths.js';

const spec = path.join(fixturesDir, 'webhooks', 'openapi.yaml');
const secret = 'whsec_' + Buffer.from('matrix-secret-key-0123456789').toString('base64');
const oldSecret = 'whsec_' + Buffer.from('the-rotated-out-secret-key').toString('base64');
const maxBodyBytes = 4096;

interface Runtime {
  signWebhook(options: {
    scheme: 'standard-webhooks';
    secret: string;
    body: string;
    id?: string;
    timestamp?: number;
  }): Promise<Record<string, string>>;
}
interface Handler {
  node: (req: unknown, res: unknown) => Promise<void>;
}
interface GeneratedModule {
  createWebhookHandler(options: Record<string, unknown>): Handler;
}

const calls: { event: string; payload: unknown; id: string }[] = [];
const logs: Record<string, unknown>[] = [];
const logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (r: Record<string, unknown>) => logs.push(r),
  error: (r: Record<string, unknown>) => logs.push(r),
};
let runtime: Runtime;
let base = '';
const servers: Server[] = [];

async function mount(handler: Handler): Promise<string> {
  const server = createServer((req, res) => void handler.node(req, res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The plan with the validators module the validators work adds (the emitter's switch). */
function withValidators(plan: ClientPlan): ClientPlan {
  return { ...plan, files: { ...plan.files, validators: 'validators.gen.ts' } };
}

const handwrittenValidators = `
import type { OnExportPayload, UserCreatedPayload, UserDeletedEvent } from './types.gen.js';
type Issue = { path: string; keyword: string; message: string };
type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export function validateUserCreatedPayload(value: unknown): Result<UserCreatedPayload> {
  if (!isObject(value) || value['type'] !== 'user.created') return { ok: false, issues: [{ path: '/type', keyword: 'const', message: 'must be user.created' }] };
  const data = value['data'];
  if (!isObject(data) || typeof data['id'] !== 'string' || typeof data['email'] !== 'string') {
    return { ok: false, issues: [{ path: '/data', keyword: 'required', message: 'must have string id and email' }] };
  }
  return { ok: true, value: value as unknown as UserCreatedPayload };
}
export function validateUserDeletedEvent(value: unknown): Result<UserDeletedEvent> {
  return isObject(value) && value['type'] === 'user.deleted' ? { ok: true, value: value as unknown as UserDeletedEvent } : { ok: false, issues: [{ path: '', keyword: 'type', message: 'bad' }] };
}
export function validateOnExportPayload(value: unknown): Result<OnExportPayload> {
  return isObject(value) && typeof value['rows'] === 'number' ? { ok: true, value: value as unknown as OnExportPayload } : { ok: false, issues: [{ path: '/rows', keyword: 'type', message: 'must be integer' }] };
}
`;

beforeAll(async () => {
  const dir = generatedDir('e2e', 'webhooks-matrix');
  await generate({ spec, out: dir });
  const loaded = await loadSpec(spec);
  const { document } = normalizeDocument({ document: loaded.document, version: loaded.version, file: loaded.file });
  const plan = withValidators(planClient(document, { specFile: 'openapi.yaml' }));
  const emitted = emitWebhooksFile(plan, plan.webhooks ?? expect.unreachable('the fixture declares webhooks'));
  expect(emitted).toContain(`from './validators.gen.js'`);
  writeFileSync(path.join(dir, 'webhooks-validated.gen.ts'), emitted);
  writeFileSync(path.join(dir, 'validators.gen.ts'), handwrittenValidators);
  const generated = (await import(/* @vite-ignore */ path.join(dir, 'webhooks-validated.gen.ts'))) as GeneratedModule;
  runtime = (await import(/* @vite-ignore */ path.join(dir, 'runtime', 'index.ts'))) as Runtime;
  const on = Object.fromEntries(
    ['userCreated', 'userDeleted'].map((event) => [
      event,
      (payload: unknown, context: { id: string }) => {
        calls.push({ event, payload, id: context.id });
        if ((payload as { data?: { id?: string } }).data?.id === 'boom') throw new Error('handler failure with a secret inside');
      },
    ]),
  );
  base = await mount(generated.createWebhookHandler({ secret: [secret, oldSecret], on, logger, maxBodyBytes }));
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

const user = (id: string) => JSON.stringify({ type: 'user.created', data: { id, email: `${id}@example.test` } });
const nowSeconds = () => Math.floor(Date.now() / 1000);

async function send(body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${base}/hooks`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

async function signed(
  body: string,
  options: { id?: string; timestamp?: number; with?: string } = {},
): Promise<Record<string, string>> {
  return runtime.signWebhook({
    scheme: 'standard-webhooks',
    secret: options.with ?? secret,
    body,
    id: options.id ?? `msg_${crypto.randomUUID()}`,
    timestamp: options.timestamp ?? nowSeconds(),
  });
}

interface Row {
  case: string;
  status: number;
  reason: string;
  handlerCalls: number;
}

describe('generated webhook handler on node:http', () => {
  const matrix: Row[] = [];

  /** Sends one case and records the status, the logged reason and how often the handler ran. */
  async function row(name: string, make: () => Promise<Response>): Promise<Row> {
    const before = calls.length;
    const logsBefore = logs.length;
    const response = await make();
    const logged = logs.slice(logsBefore);
    const text = await response.clone().text();
    const answered = text.startsWith('{') ? ((JSON.parse(text) as { error?: string }).error ?? '') : '';
    const first = (key: string) => logged.map((l) => l[key]).find((v): v is string => typeof v === 'string');
    const reason = first('reason') ?? (answered || first('msg')) ?? '-';
    const result = { case: name, status: response.status, reason, handlerCalls: calls.length - before };
    matrix.push(result);
    return result;
  }

  it('answers every case of the matrix as it should', async () => {
    const valid = user('u_1');
    const validHeaders = await signed(valid, { id: 'msg_valid' });
    const results = [
      await row('valid', () => send(valid, validHeaders)),
      await row('tampered body', async () => send(user('u_2').replace('u_2', 'u_3'), await signed(user('u_2')))),
      await row('wrong secret', async () =>
        send(user('u_4'), await signed(user('u_4'), { with: 'whsec_' + btoa('someone-else-entirely') })),
      ),
      await row('missing header', async () => {
        const { ['webhook-signature']: _, ...rest } = await signed(user('u_5'));
        return send(user('u_5'), rest);
      }),
      await row('old timestamp', async () => send(user('u_6'), await signed(user('u_6'), { timestamp: nowSeconds() - 600 }))),
      await row('future timestamp', async () => send(user('u_7'), await signed(user('u_7'), { timestamp: nowSeconds() + 600 }))),
      await row('replayed id', () => send(valid, validHeaders)),
      await row('re-serialized JSON body', async () => {
        const body = user('u_8');
        return send(JSON.stringify(JSON.parse(body), null, 2), await signed(body));
      }),
      await row('rotated secret (old one still listed)', async () =>
        send(user('u_9'), await signed(user('u_9'), { with: oldSecret })),
      ),
      await row('several signatures', async () => {
        const headers = await signed(user('u_10'));
        return send(user('u_10'), {
          ...headers,
          'webhook-signature': `v1,${btoa('not-it')} v1a,ed25519sig ${headers['webhook-signature']}`,
        });
      }),
      await row('oversize body', async () => {
        const body = JSON.stringify({ type: 'user.created', data: { id: 'u_11', email: 'x'.repeat(maxBodyBytes) } });
        return send(body, await signed(body));
      }),
      await row('invalid payload', async () => {
        const body = JSON.stringify({ type: 'user.created', data: { id: 42 } });
        return send(body, await signed(body));
      }),
      await row('unknown event', async () => {
        const body = JSON.stringify({ type: 'user.renamed', data: {} });
        return send(body, await signed(body));
      }),
      await row('handler throws', async () => send(user('boom'), await signed(user('boom'), { id: 'msg_boom' }))),
      await row('retry after handler failure', async () => send(user('boom'), await signed(user('boom'), { id: 'msg_boom' }))),
      await row('not JSON', async () => send('{"type":', await signed('{"type":'))),
    ];
    console.log(
      '\nwebhook matrix (generated handler, node:http, Standard Webhooks):\n' +
        results
          .map((r) => `  ${r.case.padEnd(40)} ${String(r.status).padEnd(4)} ${r.reason.padEnd(28)} handler×${r.handlerCalls}`)
          .join('\n'),
    );
    expect(results.map((r) => [r.case, r.status, r.reason, r.handlerCalls])).toEqual([
      ['valid', 200, '-', 1],
      ['tampered body', 401, 'no_matching_signature', 0],
      ['wrong secret', 401, 'no_matching_signature', 0],
      ['missing header', 401, 'missing_header', 0],
      ['old timestamp', 401, 'timestamp_outside_tolerance', 0],
      ['future timestamp', 401, 'timestamp_outside_tolerance', 0],
      ['replayed id', 401, 'replayed', 0],
      ['re-serialized JSON body', 401, 'no_matching_signature', 0],
      ['rotated secret (old one still listed)', 200, '-', 1],
      ['several signatures', 200, '-', 1],
      ['oversize body', 413, 'webhook body too large', 0],
      ['invalid payload', 400, 'invalid_payload', 0],
      ['unknown event', 204, 'webhook event has no handler', 0],
      ['handler throws', 500, 'webhook handler failed', 1],
      ['retry after handler failure', 500, 'webhook handler failed', 1],
      ['not JSON', 400, 'invalid_body', 0],
    ]);
    expect(calls[0]).toEqual({ event: 'userCreated', payload: JSON.parse(valid), id: 'msg_valid' });
  });

  it('answers 401 without detail, 400 with the validator issues, and never leaks a handler error', async () => {
    const refused = await send(user('u_20'), await signed(user('u_20'), { with: 'whsec_' + btoa('not-our-secret-at-all') }));
    expect(refused.status).toBe(401);
    expect(await refused.text()).toBe('');
    const body = JSON.stringify({ type: 'user.created', data: { id: 7 } });
    const invalid = await send(body, await signed(body));
    expect(await invalid.json()).toEqual({
      error: 'invalid_payload',
      event: 'userCreated',
      issues: [{ path: '/data', keyword: 'required', message: 'must have string id and email' }],
    });
    const failed = await send(user('boom'), await signed(user('boom')));
    expect(failed.status).toBe(500);
    expect(await failed.text()).toBe('');
    expect(JSON.stringify(logs)).not.toContain('secret inside');
    expect(JSON.stringify(logs)).not.toContain(secret);
  });

  it('routes a referenced payload by its pinned type field', async () => {
    const body = JSON.stringify({ type: 'user.deleted', data: { id: 'u_30', reason: 'asked' } });
    const before = calls.length;
    expect((await send(body, await signed(body))).status).toBe(200);
    expect(calls.slice(before)).toEqual([expect.objectContaining({ event: 'userDeleted', payload: JSON.parse(body) })]);
  });
});
