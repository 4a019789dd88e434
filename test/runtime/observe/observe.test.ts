import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConnectionError, RateLimitError } from '../../../runtime/errors/errors.js';
import { createMetrics } from '../../../runtime/observe/metrics.js';
import { createObserver, type LogLevel, type ObserveEvent } from '../../../runtime/observe/observe.js';
import { createRedactor, REDACTED } from '../../../runtime/observe/redact.js';
import { createResilience } from '../../../runtime/resilience/resilience.js';
import { createFakeClock } from '../support/fake-clock.js';
import { makeCtx, respond } from '../resilience/support.js';

describe('redactor', () => {
  const r = createRedactor({ sensitiveHeaders: ['X-Custom-Auth'], sensitiveQueryParams: ['sig'] });

  it.each([
    [
      'secret query values, other params kept',
      'https://h.test/p?api_key=A1&page=2&SIG=B2&access_token=C3',
      `https://h.test/p?api_key=${REDACTED}&page=2&SIG=${REDACTED}&access_token=${REDACTED}`,
    ],
    ['percent-encoded names', 'https://h.test/p?api%5Fkey=A1', `https://h.test/p?api%5Fkey=${REDACTED}`],
    ['userinfo', 'https://user:pw@h.test/p', `https://${REDACTED}@h.test/p`],
    ['fragment tokens', 'https://h.test/cb#access_token=T1&state=ok', `https://h.test/cb#access_token=${REDACTED}&state=ok`],
    ['nothing secret', 'https://h.test/p?q=cats', 'https://h.test/p?q=cats'],
  ])('redactUrl: %s', (_, given, want) => expect(r.redactUrl(new URL(given))).toBe(want));

  it.each([
    ['Bearer token', 'sent Authorization: Bearer abc.def-ghi', 'sent Authorization: [REDACTED]'],
    ['bare Bearer', 'token was Bearer abc.def', `token was Bearer ${REDACTED}`],
    ['Basic credential', 'Basic dXNlcjpwYXNzd29yZA==', `Basic ${REDACTED}`],
    ['prose after Basic is kept', 'Basic authentication failed', 'Basic authentication failed'],
    ['query inside text', 'GET https://h/x?token=abc&b=1 failed', `GET https://h/x?token=${REDACTED}&b=1 failed`],
    ['JSON member', '{"password":"hunter2","user":"bob"}', `{"password":"${REDACTED}","user":"bob"}`],
    ['JSON number member', '{"pin_secret": 12345}', `{"pin_secret": "${REDACTED}"}`],
    ['cookie line', 'Cookie: a=1; b=2', `Cookie: ${REDACTED}`],
    ['custom header line', 'x-custom-auth: zzz', `x-custom-auth: ${REDACTED}`],
    ['harmless text', 'status 503 from upstream', 'status 503 from upstream'],
    ['userinfo inside text', 'calling https://bob:pw@h.test/x', `calling https://${REDACTED}@h.test/x`],
  ])('redactString: %s', (_, given, want) => expect(r.redactString(given)).toBe(want));

  it('redactHeaders replaces credential values and keeps the rest', () => {
    const h = r.redactHeaders(
      new Headers({
        authorization: 'Bearer x',
        'x-custom-auth': 'y',
        'x-api-key': 'z',
        'content-type': 'application/json',
        'x-ratelimit-remaining': '3',
      }),
    );
    expect(Object.fromEntries(h)).toEqual({
      authorization: REDACTED,
      'x-custom-auth': REDACTED,
      'x-api-key': REDACTED,
      'content-type': 'application/json',
      'x-ratelimit-remaining': '3',
    });
  });

  it('redactString is idempotent', () => {
    for (const text of [
      'Authorization: Bearer abc',
      'https://u:p@h/x?token=1',
      '{"password":"x"}',
      'Basic dXNlcjpwYXNzd29yZA==',
    ]) {
      const once = r.redactString(text);
      expect(r.redactString(once)).toBe(once);
    }
  });

  it('redactValue copies deeply, survives cycles and never keeps a stack', () => {
    const cyclic: Record<string, unknown> = { password: 'p', list: [{ session_id: 's', ok: 1 }] };
    cyclic['self'] = cyclic;
    const error = new Error('boom with Bearer tok123');
    expect(r.redactValue({ cyclic, error, big: 10n, fn: () => 1 })).toEqual({
      cyclic: { password: REDACTED, list: [{ session_id: REDACTED, ok: 1 }], self: '[Circular]' },
      error: { name: 'Error', message: `boom with Bearer ${REDACTED}` },
      big: '10',
      fn: '[Function]',
    });
  });
});

describe('no secret reaches a log line, an event or an error the runtime builds', () => {
  const secrets = Array.from({ length: 16 }, (_, i) => `S3cr3t${i}x${Math.random().toString(36).slice(2, 8)}`);
  const s = (i: number): string => secrets[i] ?? '';
  const basic = btoa(`user:${s(9)}`);

  it('covers headers, query, userinfo, fragment, bodies and error messages', async () => {
    const lines: string[] = [];
    const events: ObserveEvent[] = [];
    const capture = (level: LogLevel) => (record: Record<string, unknown>) => {
      lines.push(`${level} ${JSON.stringify(record)}`, inspect(record, { depth: null }));
    };
    const observer = createObserver({
      logger: { debug: capture('debug'), info: capture('info'), warn: capture('warn'), error: capture('error') },
      level: 'debug',
      sensitiveHeaders: ['X-Custom-Auth'],
      sensitiveQueryParams: ['sig'],
      onEvent: (e) => events.push(e),
    });
    const url = new URL(
      `https://user:${s(4)}@api.test/v1/x?api_key=${s(1)}&sig=${s(2)}&access_token=${s(3)}&page=2#id_token=${s(5)}`,
    );

    observer.log('info', {
      headers: new Headers({
        authorization: `Bearer ${s(6)}`,
        cookie: `sid=${s(7)}`,
        'x-custom-auth': s(8),
        'proxy-authorization': `Basic ${basic}`,
      }),
      url,
      body: { password: s(14), nested: { client_secret: s(15) }, note: `Bearer ${s(0)}` },
      message: `failed: {"password":"${s(12)}"} and ?token=${s(11)}`,
    });
    observer.attempt({
      method: 'GET',
      url,
      attempt: 1,
      requestId: 'r1',
      operation: 'op',
      durationMs: 3,
      willRetry: false,
      error: new ConnectionError(`socket hang up calling ${url.toString()} with Authorization: Bearer ${s(10)}`),
    });

    // Through the loop: a connection error message with the URL, then a 429 carrying cookies.
    const clock = createFakeClock(0, { auto: true });
    const resilience = createResilience({ circuitBreaker: false }, { clock, random: () => 0.5, observer });
    const failures = [
      () => Promise.reject(new ConnectionError(`reset for ${url.toString()}`, { outcomeUnknown: true })),
      () =>
        Promise.resolve(
          respond(429, { 'retry-after': '3600', 'set-cookie': `sid=${s(13)}`, 'x-api-key': s(13) }, '{"error":"slow"}'),
        ),
    ];
    let n = 0;
    const next = (): Promise<Response> => {
      const make = failures[Math.min(n, failures.length - 1)];
      n += 1;
      return make === undefined ? Promise.reject(new Error('no outcome')) : make();
    };
    const error = await resilience.execute(makeCtx(), { method: 'GET', url }, next).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);

    const everything = [
      ...lines,
      ...events.map((e) => JSON.stringify(e)),
      ...events.map((e) => inspect(e, { depth: null })),
      inspect(error, { depth: null }),
      JSON.stringify(error),
    ];
    expect(lines.length).toBeGreaterThan(6);
    for (const text of everything) {
      for (const secret of [...secrets, basic]) expect(text).not.toContain(secret);
    }
    expect(everything.join('\n')).toContain(REDACTED);
    expect(everything.join('\n')).toContain('page=2');
  });
});

describe('observer', () => {
  it('is silent without a logger and filters below the level', () => {
    expect(() => createObserver().log('error', { a: 1 })).not.toThrow();
    const seen: string[] = [];
    const push = (l: string) => () => void seen.push(l);
    const observer = createObserver({
      logger: { debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') },
      level: 'warn',
    });
    for (const level of ['debug', 'info', 'warn', 'error'] as const) observer.log(level, {});
    expect(seen).toEqual(['warn', 'error']);
  });

  it('a throwing logger or hook never throws into the caller', () => {
    const bad = () => {
      throw new Error('sink down');
    };
    const observer = createObserver({ logger: { debug: bad, info: bad, warn: bad, error: bad }, onEvent: bad });
    expect(() =>
      observer.attempt({
        method: 'GET',
        url: new URL('https://h.test'),
        attempt: 1,
        requestId: 'r',
        operation: 'o',
        durationMs: 1,
        status: 200,
        willRetry: false,
      }),
    ).not.toThrow();
  });

  it('picks the level from the outcome', () => {
    const levels: string[] = [];
    const push = (l: string) => () => void levels.push(l);
    const observer = createObserver({
      logger: { debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') },
      level: 'debug',
    });
    const base = { method: 'GET', url: new URL('https://h.test'), attempt: 1, requestId: 'r', operation: 'o', durationMs: 1 };
    observer.attempt({ ...base, status: 200, willRetry: false });
    observer.attempt({ ...base, status: 503, willRetry: true });
    observer.attempt({ ...base, status: 404, willRetry: false });
    observer.attempt({ ...base, status: 500, willRetry: false });
    observer.attempt({ ...base, error: new Error('x'), willRetry: false });
    expect(levels).toEqual(['info', 'warn', 'warn', 'error', 'error']);
  });
});

describe('metrics', () => {
  const request = (durationMs: number, status?: number, error?: string): ObserveEvent => ({
    type: 'request',
    method: 'GET',
    url: 'u',
    requestId: 'r',
    operation: 'o',
    attempts: 1,
    durationMs,
    timestamp: 't',
    ...(status === undefined ? {} : { status }),
    ...(error === undefined ? {} : { error: { name: error, message: '' } }),
  });

  it('summarizes requests, success rate, latency percentiles and errors', () => {
    const m = createMetrics();
    for (let i = 1; i <= 100; i += 1) m.record(request(i, i <= 90 ? 200 : 503));
    m.record(request(1000, undefined, 'TimeoutError'));
    const snap = m.snapshot();
    expect(snap.requests).toBe(101);
    expect(snap.successes).toBe(90);
    expect(snap.successRate).toBeCloseTo(90 / 101);
    expect(snap.errorsByStatus).toEqual({ '503': 10, TimeoutError: 1 });
    expect(snap.latencyMs).toMatchObject({ count: 101, p50: 51, p95: 96, p99: 100, max: 1000 });
    expect(snap.latencyMs.mean).toBeCloseTo((5050 + 1000) / 101);
  });

  it('keeps a bounded reservoir of the most recent requests', () => {
    const m = createMetrics({ reservoirSize: 100 });
    for (let i = 0; i < 5000; i += 1) m.record(request(i < 4900 ? 1 : 50));
    const snap = m.snapshot();
    expect(snap.latencyMs.count).toBe(100);
    expect(snap.latencyMs.p50).toBe(50);
    expect(snap.latencyMs.mean).toBeCloseTo((4900 + 100 * 50) / 5000);
  });

  it('counts attempts, retries, timeouts and rate-limit hits', () => {
    const m = createMetrics();
    const attempt = (status?: number, error?: string): ObserveEvent => ({
      type: 'attempt',
      method: 'GET',
      url: 'u',
      attempt: 1,
      requestId: 'r',
      operation: 'o',
      durationMs: 1,
      willRetry: true,
      timestamp: 't',
      ...(status === undefined ? {} : { status }),
      ...(error === undefined ? {} : { error: { name: error, message: '' } }),
    });
    m.record(attempt(429));
    m.record(attempt(undefined, 'TimeoutError'));
    m.record({ type: 'retry', method: 'GET', url: 'u', requestId: 'r', operation: 'o', attempt: 1, delayMs: 5, reason: 'x' });
    m.record({ type: 'rateLimited', key: 'k', source: 'client', waitMs: 10, rejected: false });
    expect(m.snapshot()).toMatchObject({ attempts: 2, timeouts: 1, retries: 1, rateLimitHits: 2 });
  });
});
