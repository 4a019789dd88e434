/**
 * A bearer JWT past its `exp` is never sent: a loopback server counts the requests that reach it.
 * Through the public surface (runtime/index.ts), as a generated client uses it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  createRuntimeClient,
  ExpiredTokenError,
  type ApiDescriptor,
  type OperationDescriptor,
} from '../../../runtime/index.js';

const NOW = Date.UTC(2026, 11, 4, 12, 0, 0);
const SKEW_MS = 30_000;

function jwt(expSeconds: number | undefined): string {
  const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = expSeconds === undefined ? { sub: 'u1' } : { sub: 'u1', exp: expSeconds };
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}.c2lnbmF0dXJl`;
}
const expiresIn = (ms: number): string => jwt(Math.floor((NOW + ms) / 1000));

let server: Server;
let origin: string;
let authorizations: (string | undefined)[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  authorizations = [];
});

const op: OperationDescriptor = {
  id: 'getMe',
  method: 'GET',
  path: '/me',
  params: [],
  responses: { '200': ['application/json'] },
  security: [{ bearerAuth: [] }],
};

function client(bearerAuth: string | (() => string | Promise<string>)) {
  const api: ApiDescriptor = {
    title: 'JWT API',
    version: '1',
    envPrefix: 'JWTAPI',
    servers: [{ url: origin }],
    security: [{ bearerAuth: [] }],
    securitySchemes: {
      bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', option: 'bearerAuth', env: 'JWTAPI_BEARER_AUTH' },
    },
  };
  return createRuntimeClient(api, {
    auth: { bearerAuth },
    retry: false,
    // Wall time frozen at NOW (token expiry is judged against it); real timers for timeouts.
    clock: {
      now: () => NOW,
      sleep: (ms, signal) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, ms);
          signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(signal.reason as Error);
          });
        }),
    },
  });
}

describe('bearer JWTs are checked before sending', () => {
  it('never sends an expired static token: ExpiredTokenError naming the expiry, 0 requests', async () => {
    const token = expiresIn(-60 * 60_000);
    const error = await client(token)
      .request(op, {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpiredTokenError);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as ExpiredTokenError).message).toContain(new Date(NOW - 60 * 60_000).toISOString().slice(0, 16));
    expect(JSON.stringify((error as ExpiredTokenError).toJSON())).not.toContain(token);
    expect(authorizations).toEqual([]);
  });

  it('asks a provider once for a fresh token when the one it gave has expired, and sends the fresh one', async () => {
    const tokens = [expiresIn(-1000), expiresIn(10 * 60_000)];
    let calls = 0;
    const result = await client(() => tokens[calls++] ?? 'unexpected').request(op, {});
    expect(result).toEqual({ ok: true });
    expect(calls).toBe(2);
    expect(authorizations).toEqual([`Bearer ${tokens[1]}`]);
  });

  it('fails without sending when the provider has nothing alive either (asked exactly twice)', async () => {
    let calls = 0;
    const error = await client(() => {
      calls++;
      return expiresIn(-5000);
    })
      .request(op, {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpiredTokenError);
    expect(calls).toBe(2);
    expect(authorizations).toEqual([]);
  });

  it.each([
    ['expired exactly now', 0, false],
    ['inside the skew (expires in 29 s)', SKEW_MS - 1000, false],
    ['at the skew edge (expires in 30 s)', SKEW_MS, false],
    ['just outside the skew (expires in 31 s)', SKEW_MS + 1000, true],
    ['an hour left', 60 * 60_000, true],
  ])('%s → sent: %s', async (_, msLeft, sent) => {
    const token = expiresIn(msLeft);
    const outcome = await client(token)
      .request(op, {})
      .then(
        () => 'sent',
        (e: unknown) => (e instanceof ExpiredTokenError ? 'refused' : String(e)),
      );
    expect(outcome).toBe(sent ? 'sent' : 'refused');
    expect(authorizations).toEqual(sent ? [`Bearer ${token}`] : []);
  });

  it('sends opaque tokens and JWTs without exp as they are', async () => {
    await client('opaque-token-value').request(op, {});
    await client(jwt(undefined)).request(op, {});
    expect(authorizations).toEqual(['Bearer opaque-token-value', `Bearer ${jwt(undefined)}`]);
  });
});
