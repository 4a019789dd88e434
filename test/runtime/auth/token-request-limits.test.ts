/**
 * The token request runs under the call's limits (issue 10): a hung token endpoint cannot hold a
 * call past its `deadlineMs`, a huge or endless token response stops at the size cap, and a token
 * response cut mid-body is a typed ConnectionError, not a raw TypeError. Real loopback sockets.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createRuntimeClient } from '../../../runtime/client/runtime-client.js';
import { ConnectionError, ResponseTooLargeError, TimeoutError } from '../../../runtime/errors/errors.js';
import { MAX_TOKEN_RESPONSE_BYTES } from '../../../runtime/auth/oauth2-token-endpoint.js';
import type { ApiDescriptor } from '../../../runtime/client/descriptor.js';

/** A raw TCP server: each test writes exactly the bytes (or silence) it needs. */
let server: net.Server | undefined;
const sockets = new Set<net.Socket>();
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  server = undefined;
});

async function rawServer(onRequest: (socket: net.Socket) => void): Promise<string> {
  server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('data', () => onRequest(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function clientFor(origin: string) {
  const api: ApiDescriptor = {
    title: 'Token Limits',
    version: '1',
    envPrefix: 'TOKEN_LIMITS',
    servers: [{ url: `${origin}/api` }],
    security: [{ oauth: [] }],
    securitySchemes: {
      oauth: {
        type: 'oauth2',
        flows: { clientCredentials: { tokenUrl: `${origin}/token`, scopes: [] } },
        option: 'oauth',
        env: 'TL',
      },
    },
  };
  return createRuntimeClient(api, {
    auth: { oauth: { clientId: 'client', clientSecret: 'client-secret-value' } },
    retry: false,
    circuitBreaker: false,
    rateLimit: false,
  });
}

const op = { id: 'getThing', method: 'GET', path: '/thing', params: [], responses: { '200': ['application/json'] } } as const;

describe('the token request under the call’s limits', () => {
  it('a hung token endpoint ends the call at its deadline with a TimeoutError', async () => {
    const origin = await rawServer(() => undefined); // reads the request, never answers
    const error = await clientFor(origin)
      .request(op, undefined, { deadlineMs: 300 })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/deadline/);
  }, 10_000);

  it('a token response larger than the cap is refused with ResponseTooLargeError (declared length)', async () => {
    const origin = await rawServer((socket) => {
      socket.end(
        `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${MAX_TOKEN_RESPONSE_BYTES + 10}\r\n\r\n{"access_token":"`,
      );
    });
    const error = await clientFor(origin)
      .request(op, undefined)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  });

  it('an endless chunked token response stops at the cap', async () => {
    const origin = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n');
      const chunk = 'x'.repeat(64 * 1024);
      const pump = (): void => {
        if (socket.destroyed) return;
        const ok = socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
        if (ok) setImmediate(pump);
        else socket.once('drain', pump);
      };
      pump();
    });
    const error = await clientFor(origin)
      .request(op, undefined)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  }, 10_000);

  it('a gzip bomb is measured after decompression and stops at the cap', async () => {
    const bomb = gzipSync(Buffer.alloc(8 * MAX_TOKEN_RESPONSE_BYTES, 0x20));
    const origin = await rawServer((socket) => {
      socket.end(
        Buffer.concat([
          Buffer.from(
            `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-encoding: gzip\r\ncontent-length: ${bomb.length}\r\n\r\n`,
          ),
          bomb,
        ]),
      );
    });
    const error = await clientFor(origin)
      .request(op, undefined)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  });

  it('a token response cut mid-body is a ConnectionError whose outcome is unknown', async () => {
    const origin = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 200\r\n\r\n{"access_token":"abc');
      setTimeout(() => socket.destroy(), 20);
    });
    const error = await clientFor(origin)
      .request(op, undefined)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).outcomeUnknown).toBe(true);
    expect((error as Error).message).toMatch(/cut off/);
  });
});
