import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiPromise } from '../../../runtime/client/api-promise.js';
import {
  ApiwrightError,
  AuthenticationError,
  InternalServerError,
  NotFoundError,
  ValidationError,
} from '../../../runtime/errors/errors.js';
import { RUNTIME_VERSION } from '../../../runtime/util/version.js';
import {
  fakeAuthenticator,
  json,
  makeClient,
  makeOp,
  rejectionOf,
  startServer,
  type Recorded,
  type TestServer,
} from '../support/client.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
let server: TestServer;
let flaky = 0;

beforeAll(async () => {
  server = await startServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/missing') return json(res, 404, { message: 'no such thing' });
    if (path === '/flaky') {
      flaky += 1;
      return flaky % 2 === 1 ? json(res, 503, { message: 'busy' }) : json(res, 201, { attempt: flaky });
    }
    if (path === '/auth') {
      return req.headers.authorization === 'Bearer fresh'
        ? json(res, 200, { ok: 'fresh' })
        : json(res, 401, { error: 'invalid_token' });
    }
    return json(res, 200, { ok: true }, { 'x-served-by': 'test' });
  });
});
afterAll(() => server.close());
afterEach(() => {
  flaky = 0;
});

const last = (): Recorded => {
  const recorded = server.requests.at(-1);
  if (recorded === undefined) throw new Error('no request');
  return recorded;
};
const post = (path: string, extra: Parameters<typeof makeOp>[0] = {}) =>
  makeOp({ id: 'createThing', method: 'POST', path, body: { mediaTypes: ['application/json'], required: false }, ...extra });

describe('headers on every request', () => {
  it('User-Agent names the API, its version and the runtime; userAgent overrides it', async () => {
    await makeClient(server.origin).request(makeOp(), undefined);
    expect(last().headers['user-agent']).toBe(`Pet-Store/1.2.3 apiwright/${RUNTIME_VERSION}`);
    await makeClient(server.origin, { userAgent: 'my-app/2.0' }).request(makeOp(), undefined);
    expect(last().headers['user-agent']).toBe('my-app/2.0');
  });

  it('skips User-Agent where there is a document (browsers forbid it)', async () => {
    const globals = globalThis as { document?: unknown };
    globals.document = {};
    try {
      await makeClient(server.origin).request(makeOp(), undefined);
    } finally {
      delete globals.document;
    }
    expect(last().headers['user-agent']).not.toContain('apiwright');
  });

  it('X-Request-ID is a fresh UUID per call and the same id is on the thrown error', async () => {
    const client = makeClient(server.origin);
    await client.request(makeOp(), undefined);
    const first = last().headers['x-request-id'];
    const error = await rejectionOf(client.request(makeOp({ path: '/missing' }), undefined));
    const second = last().headers['x-request-id'];
    expect(first).toMatch(UUID);
    expect(second).toMatch(UUID);
    expect(second).not.toBe(first);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).requestId).toBe(second);
    expect((error as NotFoundError).toJSON().error.correlation_id).toBe(second);
  });

  it('errors raised before sending carry the request id and operation too', async () => {
    const op = makeOp({
      id: 'getOne',
      path: '/things/{id}',
      params: [{ name: 'id', in: 'path', style: 'simple', explode: false, required: true }],
    });
    const error = await rejectionOf(makeClient(server.origin).request(op, {}, { requestId: 'req-early' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).requestId).toBe('req-early');
    expect((error as ValidationError).operation).toBe('getOne');
  });

  it('requestIdHeader and a caller-chosen request id are honoured', async () => {
    await makeClient(server.origin, { requestIdHeader: 'X-Correlation-ID' }).request(makeOp(), undefined, {
      requestId: 'corr-1',
    });
    expect(last().headers['x-correlation-id']).toBe('corr-1');
    expect(last().headers['x-request-id']).toBeUndefined();
    const { requestId } = await makeClient(server.origin)
      .request(makeOp(), undefined, { headers: { 'X-Request-ID': 'mine' } })
      .withResponse();
    expect(requestId).toBe('mine');
    expect(last().headers['x-request-id']).toBe('mine');
  });

  it('client headers, then per-call headers, win in that order', async () => {
    const client = makeClient(server.origin, { headers: { 'X-Env': 'client', 'X-Team': 'core' } });
    await client.request(makeOp(), undefined, { headers: new Headers({ 'X-Env': 'call' }) });
    expect(last().headers['x-env']).toBe('call');
    expect(last().headers['x-team']).toBe('core');
  });
});

describe('idempotency keys', () => {
  it('an operation-declared header gets a generated UUID, kept across retries along with the request id', async () => {
    const client = makeClient(server.origin, { retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    const before = server.requests.length;
    const data = await client.request(post('/flaky', { idempotencyHeader: 'Idempotency-Key' }), { body: { a: 1 } });
    expect(data).toEqual({ attempt: 2 });
    const [one, two] = server.requests.slice(before);
    expect(one?.headers['idempotency-key']).toMatch(UUID);
    expect(two?.headers['idempotency-key']).toBe(one?.headers['idempotency-key']);
    expect(two?.headers['x-request-id']).toBe(one?.headers['x-request-id']);
    expect(two?.body.toString()).toBe('{"a":1}');
  });

  it("the caller's key wins; the client-wide header applies to POST and PATCH only", async () => {
    const client = makeClient(server.origin, { idempotencyHeader: 'Idempotency-Key' });
    await client.request(post('/things'), { body: {} }, { idempotencyKey: 'order-42' });
    expect(last().headers['idempotency-key']).toBe('order-42');
    await client.request(post('/things'), { body: {} });
    expect(last().headers['idempotency-key']).toMatch(UUID);
    await client.request(makeOp(), undefined);
    expect(last().headers['idempotency-key']).toBeUndefined();
  });
});

describe('hooks', () => {
  it('onRequest may replace the request and onResponse the response, async allowed', async () => {
    const attempts: number[] = [];
    const client = makeClient(server.origin, {
      hooks: {
        onRequest: [
          async (request, ctx) => {
            attempts.push(ctx.attempt);
            const headers = new Headers(request.headers);
            headers.set('X-Signed', 'yes');
            return new Request(request, { headers });
          },
          () => undefined,
        ],
        onResponse: [
          async (response) => new Response('{"replaced":true}', { status: response.status, headers: response.headers }),
        ],
      },
    });
    await expect(client.request(makeOp(), undefined)).resolves.toEqual({ replaced: true });
    expect(last().headers['x-signed']).toBe('yes');
    expect(attempts).toEqual([1]);
  });

  it('onError sees every error, including ones raised before sending, and may replace it', async () => {
    const seen: string[] = [];
    class MyError extends Error {}
    const client = makeClient(server.origin, {
      hooks: {
        onError: [
          (error, ctx) => {
            seen.push(`${(error as Error).name}:${ctx.operation.id}`);
          },
          (error) => (error instanceof NotFoundError ? new MyError('mapped') : undefined),
        ],
      },
    });
    expect(await rejectionOf(client.request(makeOp({ path: '/missing' }), undefined))).toBeInstanceOf(MyError);
    expect(
      await rejectionOf(client.request(post('/x', { body: { mediaTypes: ['application/json'], required: true } }), {})),
    ).toBeInstanceOf(ValidationError);
    expect(seen).toEqual(['NotFoundError:getThing', 'ValidationError:createThing']);
  });
});

describe('result forms', () => {
  it('withResponse gives data, the Response and the request id', async () => {
    const { data, response, requestId } = await makeClient(server.origin).request(makeOp(), undefined).withResponse();
    expect(data).toEqual({ ok: true });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-served-by')).toBe('test');
    expect(requestId).toBe(last().headers['x-request-id']);
  });

  it('safe never rejects', async () => {
    const client = makeClient(server.origin);
    const ok = await client.request<{ ok: boolean }, { message: string }>(makeOp(), undefined).safe();
    expect(ok.ok && ok.data.ok).toBe(true);
    const failed = await client.request<unknown, { message: string }>(makeOp({ path: '/missing' }), undefined).safe();
    expect(failed.ok).toBe(false);
    if (!failed.ok) {
      expect(failed.error).toBeInstanceOf(NotFoundError);
      expect((failed.error as NotFoundError<{ message: string }>).body.message).toBe('no such thing');
    }
    const wrapped = await new ApiPromise<never>(() => Promise.reject(new TypeError('boom'))).safe();
    expect(!wrapped.ok && wrapped.error instanceof ApiwrightError && wrapped.error.message === 'boom').toBe(true);
  });

  it('starts at once, exactly once, however it is consumed, and is not a Promise subclass', async () => {
    const before = server.requests.length;
    const pending = makeClient(server.origin).request(makeOp(), undefined);
    expect(pending).toBeInstanceOf(ApiPromise);
    expect(pending).not.toBeInstanceOf(Promise);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests.length).toBe(before + 1);
    const [a, b, c, d] = await Promise.all([pending, pending.then((x) => x), pending.withResponse(), pending.safe()]);
    expect(a).toEqual({ ok: true });
    expect(b).toEqual(a);
    expect(c.data).toEqual(a);
    expect(d.ok).toBe(true);
    await pending.finally(() => undefined);
    await expect(
      makeClient(server.origin)
        .request(makeOp({ path: '/missing' }), undefined)
        .catch((e: unknown) => (e as Error).name),
    ).resolves.toBe('NotFoundError');
    expect(server.requests.length).toBe(before + 2);
  });

  it('a synchronous throw inside execute becomes a rejection', async () => {
    const pending = new ApiPromise<never>(() => {
      throw new Error('sync');
    });
    await expect(pending).rejects.toThrow('sync');
  });
});

describe('authentication wiring', () => {
  it('after a 401 the authenticator may refresh once and the request is sent again', async () => {
    let token = 'stale';
    let refreshes = 0;
    const authenticator = fakeAuthenticator({
      apply: async (request) => {
        request.headers.set('Authorization', `Bearer ${token}`);
      },
      onUnauthorized: async () => {
        refreshes += 1;
        token = 'fresh';
        return true;
      },
    });
    const before = server.requests.length;
    await expect(makeClient(server.origin, {}, authenticator).request(makeOp({ path: '/auth' }), undefined)).resolves.toEqual({
      ok: 'fresh',
    });
    expect(refreshes).toBe(1);
    expect(server.requests.slice(before).map((r) => r.headers.authorization)).toEqual(['Bearer stale', 'Bearer fresh']);
  });

  it('when the authenticator cannot recover, the 401 is an AuthenticationError', async () => {
    const authenticator = fakeAuthenticator({ onUnauthorized: async () => false });
    const error = await rejectionOf(makeClient(server.origin, {}, authenticator).request(makeOp({ path: '/auth' }), undefined));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).toJSON().error.code).toBe('invalid_token');
  });
});

describe('the client object', () => {
  it('exposes api, read-only options with auth hidden from inspection, metrics and oauth helpers', () => {
    const client = makeClient(server.origin, { auth: { apiKey: 'sk_secret' } });
    expect(client.api.title).toBe('Pet Store');
    expect(Object.isFrozen(client.options)).toBe(true);
    expect((client.options.auth as { apiKey: string }).apiKey).toBe('sk_secret');
    expect(JSON.stringify(client.options)).not.toContain('sk_secret');
    expect(typeof client.metrics.snapshot).toBe('function');
    expect(client.oauth).toBeDefined();
  });

  it('server errors without retries are InternalServerError', async () => {
    expect(await rejectionOf(makeClient(server.origin).request(makeOp({ path: '/flaky' }), undefined))).toBeInstanceOf(
      InternalServerError,
    );
  });
});
