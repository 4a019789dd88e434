/**
 * `apiwright health` against real loopback servers: healthy HTTP, HTTPS trusted through --ca, the
 * same without --ca (chain named), credentials rejected or missing, 503, a server that never
 * answers, a refused connection, and usage errors. Every server records the methods it saw:
 * health only ever sends GET.
 */
import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HealthReport } from '../../src/health/index.js';
import { createProject, run } from './cli-harness.js';
import { createTestCertificates, type TestCertificates } from './support/test-certificates.js';

const spec = `openapi: 3.0.3
info: { title: Probe, version: 1.0.0 }
servers: [{ url: 'https://probe.example/v1' }]
security: [{ apiKey: [] }]
paths:
  /items:
    get:
      operationId: listItems
      parameters: [{ name: q, in: query, required: true, schema: { type: string } }]
      responses: { '200': { description: ok } }
    post:
      operationId: createItem
      responses: { '201': { description: created } }
  /health:
    get:
      operationId: getHealth
      responses: { '200': { description: ok } }
components:
  securitySchemes:
    apiKey: { type: apiKey, in: header, name: X-Key }
`;

const GOOD_KEY = { PROBE_API_KEY: 'good-key' };

let project: { dir: string; cleanup: () => Promise<void> };
let certificates: TestCertificates;
const methods: string[] = [];
const servers: (http.Server | net.Server)[] = [];
const sockets = new Set<net.Socket>();

beforeAll(async () => {
  certificates = await createTestCertificates();
});
afterAll(async () => {
  await certificates.cleanup();
});
beforeEach(async () => {
  project = await createProject();
  await writeFile(path.join(project.dir, 'openapi.yaml'), spec);
  methods.length = 0;
});
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
  await project.cleanup();
});

/** The API: 503 when asked to fail, 401 without the good key, else 200 with rate-limit headers. */
function handler(status?: number): http.RequestListener {
  return (request, response) => {
    methods.push(request.method ?? '');
    if (status !== undefined) {
      response.writeHead(status).end('down');
    } else if (request.headers['x-key'] !== GOOD_KEY.PROBE_API_KEY) {
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
    } else {
      response
        .writeHead(200, { 'content-type': 'application/json', 'x-ratelimit-remaining': '99', 'retry-after': '0' })
        .end('{"ok":true}');
    }
  };
}

async function listen(server: http.Server | net.Server): Promise<number> {
  servers.push(server);
  // A server that never answers keeps its sockets open: close them with the server.
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

async function health(
  args: string[],
  env: Record<string, string> = GOOD_KEY,
): Promise<{ code: number; report: HealthReport; stderr: string }> {
  const result = await run(['health', 'openapi.yaml', '--json', ...args], project.dir, { env });
  return {
    code: result.code,
    report: (result.stdout === '' ? undefined : JSON.parse(result.stdout)) as HealthReport,
    stderr: result.stderr,
  };
}

describe('apiwright health', () => {
  it('exits 0 for a healthy HTTP API: DNS, TCP, probes with p50/p95, credentials accepted, rate-limit headers', async () => {
    const port = await listen(http.createServer(handler()));
    const { code, report } = await health(['--base-url', `http://127.0.0.1:${port}/v1`, '--probes', '3']);
    expect(code).toBe(0);
    expect(report).toMatchObject({
      healthy: true,
      baseUrl: `http://127.0.0.1:${port}/v1`,
      url: `http://127.0.0.1:${port}/v1/health`,
      operation: { operationId: 'getHealth', method: 'GET', path: '/health', reason: 'health-endpoint' },
      dns: { ok: true, host: '127.0.0.1', addresses: ['127.0.0.1'] },
      tcp: { ok: true, address: '127.0.0.1', port },
      tls: null,
      http: { ok: true, probes: 3, statuses: [200, 200, 200] },
      credentials: { status: 'accepted', schemes: ['apiKey'], envVars: ['PROBE_API_KEY'] },
      rateLimit: { 'x-ratelimit-remaining': '99', 'retry-after': '0' },
      problems: [],
    });
    const latency = report.http?.latencyMs;
    expect(latency?.p50).toBeGreaterThan(0);
    expect(latency?.p95).toBeGreaterThanOrEqual(latency?.p50 ?? Infinity);
    expect(methods).toEqual(['GET', 'GET', 'GET']);
  });

  it('checks HTTPS with a private CA passed through --ca: protocol, subject, issuer, days to expiry', async () => {
    const port = await listen(https.createServer({ key: certificates.key, cert: certificates.cert }, handler()));
    const { code, report } = await health([
      '--base-url',
      `https://127.0.0.1:${port}/v1`,
      '--probes',
      '2',
      '--ca',
      certificates.caFile,
    ]);
    expect(code).toBe(0);
    expect(report.tls).toMatchObject({ ok: true, customCa: true, subject: 'CN=localhost', issuer: 'CN=Apiwright Test CA' });
    expect(report.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(report.tls?.daysUntilExpiry).toBeGreaterThanOrEqual(28);
    expect(report.tls?.daysUntilExpiry).toBeLessThanOrEqual(30);
    expect(report.http?.statuses).toEqual([200, 200]);
  });

  it('exits 1 for the same HTTPS server without --ca, naming the untrusted chain, and sends no request', async () => {
    const port = await listen(https.createServer({ key: certificates.key, cert: certificates.cert }, handler()));
    const { code, report } = await health(['--base-url', `https://127.0.0.1:${port}/v1`]);
    expect(code).toBe(1);
    expect(report.healthy).toBe(false);
    expect(report.tls).toMatchObject({ ok: false, customCa: false, error: { chainUntrusted: true } });
    expect(report.tls?.error?.code).toMatch(
      /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/,
    );
    expect(report.tls?.error?.message).toContain('--ca');
    expect(report.http).toBeNull();
    expect(report.problems).toEqual([expect.stringContaining('TLS:')]);
    expect(methods).toEqual([]);
  });

  it('exits 1 and reports 401 when the credentials from the environment are rejected', async () => {
    const port = await listen(http.createServer(handler()));
    const { code, report } = await health(['--base-url', `http://127.0.0.1:${port}/v1`, '--probes', '1'], {
      PROBE_API_KEY: 'wrong',
    });
    expect(code).toBe(1);
    expect(report.credentials).toEqual({ status: 'rejected', schemes: ['apiKey'], envVars: ['PROBE_API_KEY'] });
    expect(report.http?.statuses).toEqual([401]);
    expect(report.problems).toEqual(['HTTP 401: the credentials from PROBE_API_KEY were not accepted']);
    expect(JSON.stringify(report)).not.toContain('wrong');
  });

  it('exits 1 and names the variable to set when no credentials are in the environment', async () => {
    const port = await listen(http.createServer(handler()));
    const { code, report } = await health(['--base-url', `http://127.0.0.1:${port}/v1`, '--probes', '1'], {});
    expect(code).toBe(1);
    expect(report.credentials.status).toBe('missing');
    expect(report.problems).toEqual(['HTTP 401: no credentials sent; set PROBE_API_KEY']);
  });

  it('exits 1 on 503', async () => {
    const port = await listen(http.createServer(handler(503)));
    const { code, report } = await health(['--base-url', `http://127.0.0.1:${port}/v1`, '--probes', '2']);
    expect(code).toBe(1);
    expect(report.http).toMatchObject({ ok: false, statuses: [503, 503] });
    expect(report.problems).toEqual(['HTTP 503: the server reports an error']);
  });

  it('ends within its timeout when the server accepts connections but never answers', async () => {
    const port = await listen(net.createServer(() => undefined));
    const { code, report } = await health(['--base-url', `http://127.0.0.1:${port}/v1`, '--probes', '5', '--timeout', '300']);
    expect(code).toBe(1);
    expect(report.tcp?.ok).toBe(true);
    // One probe, not five: a probe without a response would only repeat its timeout.
    expect(report.http).toMatchObject({
      ok: false,
      probes: 1,
      statuses: [null],
      latencyMs: null,
      error: 'no response within 300 ms',
    });
  }, 10_000);

  it('exits 1 when the connection is refused, without an HTTP step', async () => {
    const port = await listen(net.createServer());
    const closing = servers.pop();
    await new Promise((resolve) => closing?.close(resolve));
    const { code, report } = await health(['--base-url', `http://127.0.0.1:${port}/v1`]);
    expect(code).toBe(1);
    expect(report.tcp).toMatchObject({ ok: false, port, error: expect.stringContaining('ECONNREFUSED') as unknown });
    expect(report.http).toBeNull();
  });

  it('calls the operation named with --operation', async () => {
    const port = await listen(http.createServer(handler()));
    await writeFile(
      path.join(project.dir, 'openapi.yaml'),
      spec.replace(
        'operationId: getHealth',
        "operationId: getHealth\n    summary: x\n  /ping2:\n    get:\n      operationId: getPing\n      responses: { '200': { description: ok } }",
      ),
    );
    const { code, report } = await health([
      '--base-url',
      `http://127.0.0.1:${port}/v1`,
      '--operation',
      'getPing',
      '--probes',
      '1',
    ]);
    expect(report.operation).toEqual({ operationId: 'getPing', method: 'GET', path: '/ping2', reason: 'named' });
    expect(code).toBe(0);
  });

  it.each([
    [['--operation', 'getHelth'], 'did you mean "getHealth"?'],
    [['--operation', 'createItem'], 'health only sends GET and HEAD'],
    [['--operation', 'listItems'], 'needs parameters health cannot fill (query q)'],
    [['--probes', '0'], '--probes must be a whole number'],
    [['--base-url', 'not a url'], 'is not an absolute URL'],
    [['--ca', 'missing.pem'], 'cannot be read'],
  ])('exits 2 for %j', async (args, message) => {
    const result = await run(['health', 'openapi.yaml', ...args], project.dir, { env: GOOD_KEY });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(methods).toEqual([]);
  });

  it('prints a readable report without --json', async () => {
    const port = await listen(http.createServer(handler()));
    const result = await run(
      ['health', 'openapi.yaml', '--base-url', `http://127.0.0.1:${port}/v1`, '--probes', '1'],
      project.dir,
      { env: GOOD_KEY },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`healthy: http://127.0.0.1:${port}/v1/health`);
    expect(result.stdout).toMatch(/ok {3}HTTP 1 probe: 200, p50 [\d.]+ ms, p95 [\d.]+ ms/);
    expect(result.stdout).toContain('credentials: accepted (PROBE_API_KEY)');
  });
});
