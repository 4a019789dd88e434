/**
 * Client options that are passed through to the observer, the resilience layer and the
 * authenticator, checked through real calls on a loopback server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AbortError, TimeoutError } from '../../../runtime/errors/errors.js';
import type { Logger, LogLevel, ObserveEvent } from '../../../runtime/observe/observe.js';
import { createResilience } from '../../../runtime/resilience/resilience.js';
import { createObserver } from '../../../runtime/observe/observe.js';
import { createMemoryStateStore, type StateStore } from '../../../runtime/resilience/state-store.js';
import type { ApiDescriptor } from '../../../runtime/client/descriptor.js';
import { json, makeApi, makeClient, makeOp, rejectionOf, startServer, type TestServer } from '../support/client.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/token') return json(res, 200, { access_token: 'at-1', token_type: 'Bearer', expires_in: 3600 });
    if (path === '/slow') return; // never answers; the test aborts, closing the server ends it
    if (path === '/fail') return json(res, 500, { message: 'down' });
    json(res, 200, { ok: true });
  });
});
afterAll(() => server.close());

function recordingLogger(): Logger & { records: { level: LogLevel; record: Record<string, unknown> }[] } {
  const records: { level: LogLevel; record: Record<string, unknown> }[] = [];
  const at = (level: LogLevel) => (record: Record<string, unknown>) => void records.push({ level, record });
  return { records, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('observability options', () => {
  it('logLevel filters what the logger receives', async () => {
    const quiet = recordingLogger();
    await makeClient(server.origin, { logger: quiet, logLevel: 'warn' }).request(makeOp(), undefined);
    expect(quiet.records).toEqual([]);
    const chatty = recordingLogger();
    await makeClient(server.origin, { logger: chatty, logLevel: 'debug' }).request(makeOp(), undefined);
    expect(chatty.records.map((r) => r.level)).toContain('info');
    expect(chatty.records.find((r) => r.record['event'] === 'attempt')?.record['status']).toBe(200);
  });

  it('onEvent receives the attempt and request events of a call, with its request id', async () => {
    const events: ObserveEvent[] = [];
    const { requestId } = await makeClient(server.origin, { onEvent: (e) => events.push(e) })
      .request(makeOp(), undefined)
      .withResponse();
    expect(events.map((e) => e.type)).toEqual(['attempt', 'request']);
    expect(events.every((e) => 'requestId' in e && e.requestId === requestId)).toBe(true);
  });

  it('metrics.snapshot() counts requests, attempts and failures of real calls', async () => {
    const client = makeClient(server.origin);
    await client.request(makeOp(), undefined);
    await rejectionOf(
      client.request(
        makeOp({ path: '/fail', responses: { '200': ['application/json'], default: ['application/json'] } }),
        undefined,
      ),
    );
    const snapshot = client.metrics.snapshot();
    expect(snapshot.requests).toBe(2);
    expect(snapshot.attempts).toBe(2);
    expect(snapshot.successes).toBe(1);
    expect(snapshot.errorsByStatus).toEqual({ '500': 1 });
    expect(snapshot.latencyMs.count).toBe(2);
  });
});

describe('stateStore', () => {
  it('circuit-breaker state goes to the given store', async () => {
    const memory = createMemoryStateStore();
    const keys: string[] = [];
    const store: StateStore = {
      get: (key) => (keys.push(key), memory.get(key)),
      set: (key, value, ttl) => (keys.push(key), memory.set(key, value, ttl)),
    };
    await makeClient(server.origin, { circuitBreaker: {}, stateStore: store }).request(makeOp(), undefined);
    expect(keys.some((key) => key.includes(server.origin))).toBe(true);
  });
});

describe('auth warnings', () => {
  const api: ApiDescriptor = {
    ...makeApi(),
    security: [{ oauth: [] }],
    securitySchemes: {
      oauth: {
        option: 'oauth',
        env: 'OPTIONS_TEST_OAUTH',
        type: 'oauth2',
        flows: { password: { tokenUrl: '/token', scopes: [] } },
      },
    },
  };

  it("go to the client's logger as warn records, without the password", async () => {
    const logger = recordingLogger();
    const auth = { oauth: { username: 'alice', password: 'pw-secret', clientId: 'cli', tokenUrl: `${server.origin}/token` } };
    const client = makeClient(server.origin, { logger, logLevel: 'warn', auth }, undefined, {
      ...api,
      servers: [{ url: server.origin }],
    });
    await client.request(makeOp(), undefined);
    const warnings = logger.records.filter((r) => r.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]?.record['message'])).toContain('RFC 9700');
    expect(JSON.stringify(logger.records)).not.toContain('pw-secret');
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer at-1');
  });
});

describe('abort and timeout errors keep their specific form', () => {
  it("the transport's AbortError reaches the caller unchanged through the retry loop", async () => {
    const controller = new AbortController();
    const call = makeClient(server.origin, { retry: { maxRetries: 2 } }).request(makeOp({ path: '/slow' }), undefined, {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    const error = await rejectionOf(call);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).message).toBe('GET /slow was aborted');
  });

  it('a caller signal that times out surfaces as the transport TimeoutError', async () => {
    const call = makeClient(server.origin, { retry: { maxRetries: 2 } }).request(makeOp({ path: '/slow' }), undefined, {
      signal: AbortSignal.timeout(20),
    });
    const error = await rejectionOf(call);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toBe("GET /slow timed out (the caller's signal)");
  });

  it('createResilience passes an attempt’s own AbortError instance through', async () => {
    const controller = new AbortController();
    const own = new AbortError('GET /x was aborted (specific)');
    const resilience = createResilience(
      { circuitBreaker: false, rateLimit: false },
      { clock: { now: () => 0, sleep: () => Promise.resolve() }, random: () => 0, observer: createObserver() },
    );
    const ctx = { operation: makeOp(), requestId: 'r1', signal: controller.signal };
    const error = await rejectionOf(
      resilience.execute(ctx, { method: 'GET', url: new URL('https://api.example.test/x') }, () => {
        controller.abort();
        return Promise.reject(own);
      }),
    );
    expect(error).toBe(own);
  });
});
