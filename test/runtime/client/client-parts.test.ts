/**
 * A core client does what its parts (client/parts.ts) bring and nothing more: without any, a call
 * is one attempt, logs nothing, keeps no metrics and sends its params unchecked; each part handed
 * in turns its behaviour back on; an option whose part is missing is a ConfigurationError, never
 * silently ignored. Redaction of error headers holds with no part at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientCore } from '../../../runtime/client/client.js';
import {
  circuitBreaker,
  defaultParts,
  observability,
  rateLimiter,
  requestValidation,
  retries,
} from '../../../runtime/client/parts.js';
import {
  AbortError,
  ConfigurationError,
  InternalServerError,
  ResponseValidationError,
  TimeoutError,
  ValidationError,
} from '../../../runtime/index.js';
import type { ObserveEvent } from '../../../runtime/index.js';
import { json, makeApi, makeOp, rejectionOf, startServer, type TestServer } from '../support/client.js';

let server: TestServer;

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url?.startsWith('/busy')) json(res, 503, { busy: true }, { 'set-cookie': 'session=secret-cookie' });
    else if (req.url?.startsWith('/slow')) setTimeout(() => json(res, 200, { ok: true }), 2_000);
    else json(res, 200, { ok: true });
  });
});
afterAll(() => server.close());

const api = makeApi();
/** Fast retries: no test waits on a real backoff. */
const quickRetry = { retry: { baseDelayMs: 1, maxDelayMs: 2 } };

function hitsOf(path: string): number {
  return server.requests.filter((r) => r.url.startsWith(path)).length;
}

describe('a bare core client', () => {
  it('sends one attempt: a 503 is not retried, and its typed error keeps redacted headers', async () => {
    const core = createClientCore(api, { baseUrl: server.origin }, []);
    const error = await rejectionOf(core.request(makeOp({ path: '/busy/bare' }), undefined));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(hitsOf('/busy/bare')).toBe(1);
    expect((error as InternalServerError).headers.get('set-cookie')).toBe('[REDACTED]');
  });

  it('runs no response check in warn mode (nothing could see its warning), and still throws in strict mode', async () => {
    let checked = 0;
    const check = (): boolean => {
      checked += 1;
      return false;
    };
    const op = makeOp({ path: '/drift', validate: { responses: { '200': check } } });
    const bare = createClientCore(api, { baseUrl: server.origin }, []);
    expect(await bare.request(op, undefined)).toEqual({ ok: true });
    expect(checked).toBe(0);
    const strict = createClientCore(api, { baseUrl: server.origin, validate: { response: 'strict' } }, []);
    expect(await rejectionOf(strict.request(op, undefined))).toBeInstanceOf(ResponseValidationError);
    expect(checked).toBe(1);
    const observed = createClientCore(api, { baseUrl: server.origin }, [observability]);
    expect(await observed.request(op, undefined)).toEqual({ ok: true });
    expect(checked).toBe(2);
    expect(observed.metrics.snapshot().responseValidationFailures).toBe(1);
  });

  it('with the retries part, the same 503 is retried', async () => {
    const core = createClientCore(api, { baseUrl: server.origin, ...quickRetry, circuitBreaker: false }, [retries]);
    await rejectionOf(core.request(makeOp({ path: '/busy/retried' }), undefined));
    expect(hitsOf('/busy/retried')).toBe(3);
  });

  it("turns the caller's abort into AbortError and a timeout signal into TimeoutError, as the loop does", async () => {
    const core = createClientCore(api, { baseUrl: server.origin }, []);
    const controller = new AbortController();
    const aborted = rejectionOf(core.request(makeOp({ path: '/slow/abort' }), undefined, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    expect(await aborted).toBeInstanceOf(AbortError);
    const timedOut = await rejectionOf(
      core.request(makeOp({ path: '/slow/timeout' }), undefined, { signal: AbortSignal.timeout(50) }),
    );
    expect(timedOut).toBeInstanceOf(TimeoutError);
    expect(await rejectionOf(core.request(makeOp({ path: '/slow/deadline' }), undefined, { deadlineMs: 50 }))).toBeInstanceOf(
      TimeoutError,
    );
  });

  it('keeps no metrics, and says which part would', () => {
    const core = createClientCore(api, { baseUrl: server.origin }, []);
    expect(() => core.metrics.snapshot()).toThrow(/`observability` part/);
  });

  it('with the observability part alone, a call is counted and reaches onEvent', async () => {
    const events: ObserveEvent[] = [];
    const core = createClientCore(api, { baseUrl: server.origin, onEvent: (e) => events.push(e) }, [observability]);
    await core.request(makeOp({ path: '/observed' }), undefined);
    expect(core.metrics.snapshot().requests).toBe(1);
    expect(events.map((e) => e.type)).toEqual(['attempt', 'request']);
  });

  it('sends params unchecked; the requestValidation part checks them first', async () => {
    const op = makeOp({
      path: '/checked',
      validate: {
        request: (_value, path, issues) => {
          issues.push({ path: `${path}/id`, keyword: 'required', message: 'must be present' });
          return false;
        },
      },
    });
    const bare = createClientCore(api, { baseUrl: server.origin }, []);
    await bare.request(op, undefined);
    expect(hitsOf('/checked')).toBe(1);
    const checked = createClientCore(api, { baseUrl: server.origin }, [requestValidation]);
    expect(await rejectionOf(checked.request(op, undefined))).toBeInstanceOf(ValidationError);
    expect(hitsOf('/checked')).toBe(1);
  });
});

describe('an option without its part', () => {
  it.each([
    ['retry', { retry: { maxRetries: 3 } }, 'retries'],
    ['circuitBreaker', { circuitBreaker: { failureThreshold: 2 } }, 'circuitBreaker'],
    ['rateLimit', { rateLimit: { requestsPerSecond: 5 } }, 'rateLimiter'],
    ['logger', { logger: console }, 'observability'],
    ['onEvent', { onEvent: () => undefined }, 'observability'],
    ['validate.request', { validate: { request: true } }, 'requestValidation'],
  ] as const)('`%s` is a ConfigurationError naming the part', (_option, options, part) => {
    expect(() => createClientCore(api, options, [])).toThrow(ConfigurationError);
    expect(() => createClientCore(api, options, [])).toThrow(`[${part}]`);
  });

  it('`false` needs no part, and every option works with defaultParts', () => {
    expect(() => createClientCore(api, { retry: false, circuitBreaker: false, rateLimit: false }, [])).not.toThrow();
    const all = { retry: { maxRetries: 1 }, circuitBreaker: {}, rateLimit: {}, logger: console, validate: { request: true } };
    expect(() => createClientCore(api, all, defaultParts)).not.toThrow();
    expect(() =>
      createClientCore(api, all, [retries, circuitBreaker, rateLimiter, observability, requestValidation]),
    ).not.toThrow();
  });
});
