/** The runtime receiver on its own: routing, unhandled events, bodies, the node adapter, configuration. */
import { PassThrough } from 'node:stream';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import {
  WebhookConfigError,
  createWebhookReceiver,
  fail,
  signWebhook,
  validateWith,
  type ValidationIssue,
  type ValidationResult,
  type WebhookEventDescriptor,
  type WebhookHandlerOptions,
  type WebhookIssue,
  type WebhookValidator,
} from '../../../runtime/index.js';

const secret = 'receiver-secret';
const events: WebhookEventDescriptor[] = [
  {
    key: 'issuesOpened',
    name: 'issues-opened',
    method: 'POST',
    headers: { 'X-GitHub-Event': 'issues' },
    fields: { action: 'opened' },
  },
  { key: 'issues', name: 'issues', method: 'POST', headers: { 'X-GitHub-Event': 'issues' } },
  { key: 'ping', name: 'ping', method: 'POST' },
  { key: 'deleted', name: 'thing.deleted', method: 'DELETE' },
];
type Payloads = { issuesOpened: { action: 'opened' }; issues: { action: string }; ping: { zen: string }; deleted: unknown };

function receiver(options: Partial<WebhookHandlerOptions<Payloads>> = {}, seen: string[] = []) {
  const record = (key: string) => () => void seen.push(key);
  return createWebhookReceiver<Payloads>(
    { events },
    {
      scheme: 'github',
      secret,
      logger: false,
      replay: false,
      on: { issuesOpened: record('issuesOpened'), issues: record('issues'), ping: record('ping'), deleted: record('deleted') },
      ...options,
    },
  );
}

async function request(body: string, headers: Record<string, string> = {}, method = 'POST'): Promise<Request> {
  const signed = await signWebhook({ scheme: 'github', secret, body });
  return new Request('https://hooks.example/in/ping', { method, headers: { ...signed, ...headers }, body });
}

describe('routing', () => {
  it('picks the most specific event the spec describes, by method too', async () => {
    const seen: string[] = [];
    const handle = receiver({}, seen);
    await handle(await request('{"action":"opened"}', { 'x-github-event': 'issues' }));
    await handle(await request('{"action":"closed"}', { 'x-github-event': 'issues' }));
    await handle(await request('{"anything":1}', {}, 'DELETE'));
    expect(seen).toEqual(['issuesOpened', 'issues', 'deleted']);
  });

  it.each<[string, WebhookHandlerOptions<Payloads>['eventFrom'], Record<string, string>, string]>([
    ['a header', { header: 'X-Event' }, { 'x-event': 'ping' }, '{}'],
    ['a body field', { field: 'meta.kind' }, {}, '{"meta":{"kind":"ping"}}'],
    ['a function of the URL', ({ url }) => new URL(url).pathname.split('/').pop(), {}, '{}'],
  ])('eventFrom %s names the event', async (_, eventFrom, headers, body) => {
    const seen: string[] = [];
    expect((await receiver({ eventFrom }, seen)(await request(body, headers))).status).toBe(200);
    expect(seen).toEqual(['ping']);
  });

  it('a body `type` naming an event routes to it; inherited keys never do', async () => {
    const seen: string[] = [];
    await receiver({}, seen)(await request('{"type":"ping"}'));
    expect(seen).toEqual(['ping']);
    const onUnhandled = vi.fn(() => new Response('nope', { status: 202 }));
    const response = await receiver({ onUnhandled, eventFrom: { field: 'type' } })(await request('{"type":"constructor"}'));
    expect(response.status).toBe(202);
    expect(onUnhandled).toHaveBeenCalledWith(expect.objectContaining({ event: undefined, payload: { type: 'constructor' } }));
  });

  it('a declared event without a handler answers 204 and logs one line without the body', async () => {
    const warn = vi.fn();
    const logger = { debug: vi.fn(), info: vi.fn(), warn, error: vi.fn() };
    const response = await receiver({ logger, on: {} })(
      await request('{"action":"opened","secret":"body-text"}', { 'x-github-event': 'issues' }),
    );
    expect(response.status).toBe(204);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(warn.mock.calls)).toBe('[[{"msg":"webhook event has no handler","event":"issuesOpened"}]]');
  });
});

describe('bodies', () => {
  it('form-encoded bodies arrive as an object of fields; other types as text unless they are JSON', async () => {
    const payloads: unknown[] = [];
    const handle = receiver({ eventFrom: () => 'ping', on: { ping: (payload) => void payloads.push(payload) } });
    await handle(await request('zen=hi&n=1', { 'content-type': 'application/x-www-form-urlencoded' }));
    await handle(await request('plain words', { 'content-type': 'text/plain' }));
    await handle(await request('{"zen":"json"}', { 'content-type': 'text/plain' }));
    expect(payloads).toEqual([{ zen: 'hi', n: '1' }, 'plain words', { zen: 'json' }]);
  });

  it('a handler may answer with its own Response', async () => {
    const handle = receiver({ eventFrom: () => 'ping', on: { ping: () => new Response('pong', { status: 202 }) } });
    const response = await handle(await request('{}'));
    expect([response.status, await response.text()]).toEqual([202, 'pong']);
  });

  it('a declared Content-Length above the cap answers 413 before reading', async () => {
    const handle = receiver({ maxBodyBytes: 10 });
    expect((await handle(await request('{"zen":"more than ten bytes"}'))).status).toBe(413);
  });
});

describe('node adapter', () => {
  type NodeRequest = Parameters<ReturnType<typeof receiver>['node']>[0];
  /** A real stream, or (with `extra`) a request a body parser already read. */
  function nodeRequest(body: string | undefined, headers: Record<string, string>, extra?: Record<string, unknown>): NodeRequest {
    if (extra !== undefined) return { method: 'POST', url: '/hooks', headers, on: () => undefined, ...extra };
    const stream = new PassThrough();
    Object.assign(stream, { method: 'POST', url: '/hooks', headers });
    stream.end(body);
    return stream as unknown as NodeRequest;
  }
  function nodeResponse() {
    const res = {
      statusCode: 0,
      headers: {} as Record<string, string>,
      body: '',
      setHeader: (n: string, v: string) => void (res.headers[n] = v),
      end: (chunk?: Uint8Array) => void (res.body = Buffer.from(chunk ?? []).toString()),
    };
    return res;
  }

  it('reads the stream, or raw bytes a body parser kept (express.raw)', async () => {
    const seen: string[] = [];
    const handle = receiver({ eventFrom: () => 'ping' }, seen);
    const body = '{"zen":"x"}';
    const headers = Object.fromEntries(
      Object.entries(await signWebhook({ scheme: 'github', secret, body })).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const res = nodeResponse();
    await handle.node(nodeRequest(body, headers), res);
    const raw = nodeResponse();
    await handle.node(nodeRequest(undefined, headers, { body: Buffer.from(body), readableEnded: true }), raw);
    expect([res.statusCode, raw.statusCode, seen]).toEqual([200, 200, ['ping', 'ping']]);
  });

  it('refuses a body a JSON parser already consumed (the signed bytes are gone), and caps the stream', async () => {
    const error = vi.fn();
    const handle = receiver({ logger: { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error }, maxBodyBytes: 8 });
    const parsed = nodeResponse();
    await handle.node(nodeRequest(undefined, {}, { body: { zen: 'x' }, readableEnded: true }), parsed);
    expect(parsed.statusCode).toBe(500);
    expect(error.mock.calls[0]?.[0]).toMatchObject({ msg: expect.stringContaining('express.raw()') as unknown });
    const big = nodeResponse();
    await handle.node(nodeRequest('x'.repeat(100), {}), big);
    expect([big.statusCode, big.headers['connection']]).toEqual([413, 'close']);
  });

  it('joins a body that arrives in pieces, caps one that passes the limit across pieces, and answers 500 for a broken stream', async () => {
    const seen: string[] = [];
    const handle = receiver({ eventFrom: () => 'ping', maxBodyBytes: 32 }, seen);
    const body = '{"zen":"in three pieces"}';
    const headers = Object.fromEntries(
      Object.entries(await signWebhook({ scheme: 'github', secret, body })).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const streamed = (chunks: readonly string[], fail?: Error) => {
      const stream = new PassThrough();
      Object.assign(stream, { method: 'POST', url: '/hooks', headers });
      const write = (i: number): void => {
        const chunk = chunks[i];
        if (chunk === undefined) return void (fail === undefined ? stream.end() : stream.destroy(fail));
        stream.write(chunk);
        setImmediate(() => write(i + 1));
      };
      setImmediate(() => write(0));
      return stream as unknown as NodeRequest;
    };
    const pieces = nodeResponse();
    await handle.node(streamed([body.slice(0, 5), body.slice(5, 12), body.slice(12)]), pieces);
    const tooBig = nodeResponse();
    await handle.node(streamed(['x'.repeat(20), 'x'.repeat(20), 'x'.repeat(20)]), tooBig);
    const broken = nodeResponse();
    await handle.node(streamed([body.slice(0, 5)], new Error('socket hang up')), broken);
    expect([pieces.statusCode, tooBig.statusCode, broken.statusCode, seen]).toEqual([200, 413, 500, ['ping']]);
  });

  it('a declared Content-Length above the cap answers 413 before reading the stream', async () => {
    const handle = receiver({ maxBodyBytes: 8 });
    const stream = new PassThrough();
    Object.assign(stream, { method: 'POST', url: '/hooks', headers: { 'content-length': '1000' } });
    const res = nodeResponse();
    // Nothing is ever written: only the header can have answered.
    await handle.node(stream as unknown as NodeRequest, res);
    expect(res.statusCode).toBe(413);
    stream.destroy();
  });
});

describe('configuration', () => {
  it('needs a scheme and a secret; the secret may come from the environment', () => {
    const on = {};
    expect(() => createWebhookReceiver({ events }, { secret, on })).toThrow(WebhookConfigError);
    expect(() =>
      createWebhookReceiver({ events, defaultScheme: 'github', secretEnv: 'APIWRIGHT_TEST_UNSET_SECRET' }, { on }),
    ).toThrow(/APIWRIGHT_TEST_UNSET_SECRET/);
    vi.stubEnv('APIWRIGHT_TEST_WEBHOOK_SECRET', 'from-env');
    try {
      expect(
        createWebhookReceiver({ events, defaultScheme: 'github', secretEnv: 'APIWRIGHT_TEST_WEBHOOK_SECRET' }, { on }),
      ).toBeTypeOf('function');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('failures around the handler', () => {
  it('a secret that does not decode fails at creation; a failing store answers 500', async () => {
    expect(() => createWebhookReceiver({ events }, { scheme: 'standard-webhooks', secret: 'whsec_***', on: {} })).toThrow(
      WebhookConfigError,
    );
    const broken = { get: () => Promise.reject(new Error('store down')), set: () => Promise.reject(new Error('store down')) };
    const handle = receiver({ replay: broken, eventFrom: () => 'ping' });
    expect((await handle(await request('{}'))).status).toBe(500);
  });
});

describe('keys', () => {
  it('imports each secret once per receiver, not per delivery; every rotated secret still verifies', async () => {
    const secrets = ['old-secret', 'new-secret'];
    const deliveries = 6;
    const signed = await Promise.all(
      Array.from({ length: deliveries }, async (_, i) => {
        const body = `{"n":${i}}`;
        const headers = await signWebhook({ scheme: 'github', secret: secrets[i % 2] ?? '', body });
        return { body, headers };
      }),
    );
    const forged = await signWebhook({ scheme: 'github', secret: 'someone-else', body: '{}' });
    const importKey = vi.spyOn(globalThis.crypto.subtle, 'importKey');
    try {
      const seen: string[] = [];
      const handle = receiver({ secret: secrets, eventFrom: () => 'ping' }, seen);
      const statuses: number[] = [];
      for (const { body, headers } of signed) {
        statuses.push((await handle(new Request('https://hooks.example/in', { method: 'POST', headers, body }))).status);
      }
      const refused = await handle(new Request('https://hooks.example/in', { method: 'POST', headers: forged, body: '{}' }));
      expect(statuses).toEqual(Array.from({ length: deliveries }, () => 200));
      expect(refused.status).toBe(401);
      expect(seen).toHaveLength(deliveries);
      expect(importKey).toHaveBeenCalledTimes(secrets.length);
    } finally {
      importKey.mockRestore();
    }
  });
});

describe('validators', () => {
  it('take the validators’ own result type; a failing one answers 400 with its issues', async () => {
    expectTypeOf<WebhookIssue>().toEqualTypeOf<ValidationIssue>();
    expectTypeOf<WebhookValidator<{ zen: string }>>().toEqualTypeOf<(value: unknown) => ValidationResult<{ zen: string }>>();
    const validatePing = (value: unknown) =>
      validateWith<{ zen: string }>(
        (v, path, issues) =>
          typeof (v as { zen?: unknown }).zen === 'string' || fail(issues, `${path}/zen`, 'type', 'must be string'),
        value,
      );
    const handle = createWebhookReceiver<Payloads>(
      { events, validators: { ping: validatePing } },
      { scheme: 'github', secret, logger: false, replay: false, eventFrom: () => 'ping', on: { ping: () => undefined } },
    );
    const response = await handle(await request('{"zen":1}'));
    expect([response.status, await response.json()]).toEqual([
      400,
      { error: 'invalid_payload', event: 'ping', issues: [{ path: '/zen', keyword: 'type', message: 'must be string' }] },
    ]);
  });
});
