/**
 * SECURITY-CASES 19: a 10 GB Content-Length, a body that never ends, a body that stalls, HTML under
 * application/json, truncated JSON: each call of the generated client rejects with a typed error
 * (a size cap or a timeout where it applies) and never resolves with a partial object. Raw node:net
 * servers give the answers no well-behaved server would; timeouts fire from a fake clock.
 */
import type { Socket } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadAuthClient, rejectionOf, type AuthClientModule } from '../support/auth-client.js';
import { createManualClock } from '../support/manual-clock.js';
import { startRawServer, waitFor, type RawServer } from '../support/loopback-server.js';

let mod: AuthClientModule;
const servers: RawServer[] = [];

beforeAll(async () => {
  mod = await loadAuthClient('hostile-response-client');
}, 60_000);

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(respond: (socket: Socket, head: string) => void): Promise<RawServer> {
  const server = await startRawServer(respond);
  servers.push(server);
  return server;
}

function head(status: string, headers: Record<string, string>): string {
  return `HTTP/1.1 ${status}\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;
}

function publicClient(baseUrl: string, extra: Record<string, unknown> = {}) {
  return mod.createClient({ baseUrl, retry: false, circuitBreaker: false, rateLimit: false, ...extra });
}

/** The call must reject with an ApiwrightError named `name`. */
async function expectTypedRejection(promise: Promise<unknown>, name: string): Promise<Error & Record<string, unknown>> {
  const error = await rejectionOf(promise);
  expect(error['resolvedInstead']).toBeUndefined();
  expect(error).toBeInstanceOf(mod.ApiwrightError);
  expect(error.name).toBe(name);
  return error;
}

describe('SECURITY 19: hostile responses end in a typed error, never a partial object', () => {
  it('a 10 GB Content-Length is refused from the header, before any body is read', async () => {
    const server = await serve((socket) =>
      socket.write(head('200 OK', { 'Content-Type': 'application/json', 'Content-Length': '10737418240' }) + '{"id":"'),
    );
    const error = await expectTypedRejection(
      publicClient(server.url, { timeoutMs: 10_000 }).getPublic(),
      'ResponseTooLargeError',
    );
    expect(error.message).toMatch(/maxResponseBytes/);
  });

  it('a 10 GB Content-Length on a 500 keeps the status and drops the body', async () => {
    const server = await serve((socket) =>
      socket.write(
        head('500 Internal Server Error', { 'Content-Type': 'application/json', 'Content-Length': '10737418240' }) + '{',
      ),
    );
    const error = await expectTypedRejection(publicClient(server.url, { timeoutMs: 10_000 }).getPublic(), 'InternalServerError');
    expect(error['status']).toBe(500);
    expect(error['body']).toBeUndefined();
  });

  it('a chunked body that never ends stops at maxResponseBytes', async () => {
    let written = 0;
    const server = await serve((socket) => {
      socket.write(head('200 OK', { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }));
      const chunk = `4000\r\n${'['.padEnd(0x4000, '1')}\r\n`;
      const pump = (): void => {
        // Bounded: a client that ignored the cap would still see the server stop after 64 MiB.
        while (!socket.destroyed && written < 4096) {
          written += 1;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
      };
      pump();
    });
    const error = await expectTypedRejection(
      publicClient(server.url, { maxResponseBytes: 256 * 1024, timeoutMs: 10_000 }).getPublic(),
      'ResponseTooLargeError',
    );
    expect(error['limitBytes']).toBe(256 * 1024);
    expect(written).toBeLessThan(4096);
  });

  it('a body that stalls after a few bytes ends with a TimeoutError when the attempt timer fires', async () => {
    const clock = createManualClock();
    const server = await serve((socket) =>
      socket.write(head('200 OK', { 'Content-Type': 'application/json', 'Content-Length': '100' }) + '{"id":'),
    );
    const call = rejectionOf(publicClient(server.url, { clock, timeoutMs: 30_000 }).getPublic());
    await waitFor(() => server.connections.length === 1 && clock.pending() > 0);
    expect(clock.fireTimeouts()).toBeGreaterThan(0);
    const error = await call;
    expect(error).toBeInstanceOf(mod.ApiwrightError);
    expect(error.name).toBe('TimeoutError');
  });

  it.each([
    ['HTML under application/json', 'application/json', '<!DOCTYPE html><html><body>{"id":"partial"}</body></html>'],
    ['HTML as text/html where JSON is declared', 'text/html; charset=utf-8', '<html><body>maintenance</body></html>'],
    ['truncated JSON with a matching Content-Length', 'application/json', '{"id":"p_1","items":[1,2,'],
    ['a JSON prefix followed by garbage', 'application/json', '{"id":"p_1"}garbage'],
  ])('%s is a ParseError', async (_name, contentType, body) => {
    const server = await serve((socket) =>
      socket.end(head('200 OK', { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(body)) }) + body),
    );
    const error = await expectTypedRejection(publicClient(server.url).getPublic(), 'ParseError');
    expect(error['status']).toBe(200);
  });

  it('a connection closed mid-body (Content-Length 100, 20 bytes sent) is a ConnectionError, not a partial object', async () => {
    const server = await serve((socket) => {
      socket.write(head('200 OK', { 'Content-Type': 'application/json', 'Content-Length': '100' }) + '{"id":"p_1","items":[');
      setTimeout(() => socket.destroy(), 5);
    });
    await expectTypedRejection(publicClient(server.url).getPublic(), 'ConnectionError');
  });
});
