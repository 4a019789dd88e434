/**
 * Failures while following redirects happen after the request reached a server: the outcome is
 * unknown, so a POST without an idempotency key is never sent again (it was, three times, before
 * transport/outcome.ts). Retries stay on (the client's defaults). Real loopback socket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntimeClient } from '../../../runtime/client/runtime-client.js';
import { ConnectionError } from '../../../runtime/errors/errors.js';
import { makeApi, makeOp, rejectionOf, startServer, type TestServer } from '../support/client.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const location =
      path === '/bad-scheme' ? 'ftp://files.example.test/x' : path === '/ping' ? '/pong' : path === '/pong' ? '/ping' : req.url;
    res.writeHead(path === '/bad-scheme' ? 303 : path === '/self' ? 307 : 302, { location, 'content-length': '0' });
    res.end();
  });
});
afterAll(() => server.close());

const post = (path: string) => makeOp({ method: 'POST', path, body: { mediaTypes: ['application/json'], required: false } });

async function postsTo(path: string): Promise<{ error: unknown; posts: number }> {
  const client = createRuntimeClient(makeApi([{ url: server.origin }]), {
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    circuitBreaker: false,
  });
  const before = server.requests.length;
  const error = await rejectionOf(client.request(post(path), { body: { order: 1 } }));
  const posts = server.requests.slice(before).filter((r) => r.method === 'POST').length;
  return { error, posts };
}

describe('errors after the first byte: outcome unknown, no re-send without a key', () => {
  it('303 to an unsupported scheme: one POST', async () => {
    const { error, posts } = await postsTo('/bad-scheme');
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).outcomeUnknown).toBe(true);
    expect((error as Error).message).toMatch(/unsupported scheme ftp:/);
    expect(posts).toBe(1);
  });

  it('307 to itself: the loop is caught before the body is sent again, and the call is never re-sent', async () => {
    const { error, posts } = await postsTo('/self');
    expect((error as Error).message).toMatch(/redirected in a loop/);
    expect((error as ConnectionError).outcomeUnknown).toBe(true);
    expect(posts).toBe(1);
  });

  it('a redirect loop between two paths: one POST', async () => {
    const { error, posts } = await postsTo('/ping');
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).outcomeUnknown).toBe(true);
    expect(posts).toBe(1);
  });
});
