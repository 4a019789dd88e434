/**
 * The lean client (`createClientCore`) does only what it was handed (client/features.ts): scheme
 * kinds from the client or from the operation's descriptor, the response cache from a feature or
 * from `cache: responseCache()`, and a clear ConfigurationError for anything it was not given.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyScheme, httpScheme, oauthScheme } from '../../../runtime/auth/index.js';
import { createClientCache, responseCache } from '../../../runtime/client/cache-step.js';
import { createClientCore } from '../../../runtime/client/client.js';
import type { ApiDescriptor, OperationDescriptor } from '../../../runtime/client/descriptor.js';
import { ConfigurationError, UnsupportedAuthFlowError } from '../../../runtime/index.js';
import { json, makeApi, makeOp, rejectionOf, startServer, type TestServer } from '../support/client.js';

let server: TestServer;
let hits = 0;

beforeAll(async () => {
  server = await startServer((_req, res) => {
    hits += 1;
    json(res, 200, { hit: hits }, { 'cache-control': 'max-age=60' });
  });
});
afterAll(() => server.close());

const off = { retry: false, circuitBreaker: false, rateLimit: false } as const;

function securedApi(): ApiDescriptor {
  return {
    ...makeApi(),
    security: [{ key: [] }],
    securitySchemes: {
      key: { type: 'apiKey', in: 'header', name: 'X-Key', option: 'key', env: 'PETSTORE_KEY' },
      token: { type: 'http', scheme: 'bearer', option: 'token', env: 'PETSTORE_TOKEN' },
    },
  };
}

describe('scheme kinds', () => {
  it('an operation brings the kinds its requirements use; the client needs none of its own', async () => {
    const client = createClientCore(securedApi(), { ...off, baseUrl: server.origin, auth: { key: 'k1' } }, {});
    const before = server.requests.length;
    await client.request(makeOp({ path: '/a', auth: [apiKeyScheme] }), undefined);
    expect(server.requests[before]?.headers['x-key']).toBe('k1');
  });

  it('a declared scheme whose kind neither the client nor the operation brings fails the call, naming it', async () => {
    const client = createClientCore(securedApi(), { ...off, baseUrl: server.origin, auth: { token: 't' } }, {});
    const op: OperationDescriptor = makeOp({ path: '/b', security: [{ token: [] }], auth: [apiKeyScheme] });
    const error = await rejectionOf(client.request(op, undefined));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/"token" is of type http/);
    const withKind = createClientCore(securedApi(), { ...off, baseUrl: server.origin, auth: { token: 't' } }, {});
    const before = server.requests.length;
    await withKind.request({ ...op, auth: [httpScheme] }, undefined);
    expect(server.requests[before]?.headers.authorization).toBe('Bearer t');
  });

  it('client.oauth refuses without the OAuth kind, and works with it', async () => {
    const api: ApiDescriptor = {
      ...makeApi(),
      securitySchemes: {
        login: {
          type: 'oauth2',
          option: 'login',
          env: 'PETSTORE_LOGIN',
          flows: {
            authorizationCode: {
              authorizationUrl: 'https://id.example.test/auth',
              tokenUrl: 'https://id.example.test/token',
              scopes: [],
            },
          },
        },
      },
    };
    const auth = { login: { clientId: 'app' } };
    const without = createClientCore(api, { ...off, auth }, {});
    await expect(without.oauth.createAuthorizationUrl({ redirectUri: 'https://app.example.test/cb' })).rejects.toBeInstanceOf(
      UnsupportedAuthFlowError,
    );
    const withOAuth = createClientCore(api, { ...off, auth }, { auth: [oauthScheme] });
    const { url } = await withOAuth.oauth.createAuthorizationUrl({ redirectUri: 'https://app.example.test/cb' });
    expect(url).toMatch(/^https:\/\/id\.example\.test\/auth\?/);
  });
});

describe('the response cache', () => {
  it('`cache: true` without the cache feature is a ConfigurationError naming responseCache()', () => {
    expect(() => createClientCore(makeApi(), { cache: true }, {})).toThrow(/responseCache/);
  });

  it('a per-call `cache: true` on a client without a cache fails that call the same way', async () => {
    const client = createClientCore(makeApi(), { ...off, baseUrl: server.origin }, {});
    const error = await rejectionOf(client.request(makeOp({ path: '/c' }), undefined, { cache: true }));
    expect(error).toBeInstanceOf(ConfigurationError);
  });

  it('`cache: responseCache()` answers a fresh repeat from the cache, with no feature given', async () => {
    const client = createClientCore(makeApi(), { ...off, baseUrl: server.origin, cache: responseCache() }, {});
    const first = await client.request(makeOp({ path: '/d' }), undefined);
    const second = await client.request(makeOp({ path: '/d' }), undefined);
    expect(second).toEqual(first);
  });

  it('with the cache feature, `cache: true` works as on createClient; without any cache every call is sent', async () => {
    const cached = createClientCore(makeApi(), { ...off, baseUrl: server.origin, cache: true }, { cache: createClientCache });
    const a = await cached.request(makeOp({ path: '/e' }), undefined);
    expect(await cached.request(makeOp({ path: '/e' }), undefined)).toEqual(a);
    const plain = createClientCore(makeApi(), { ...off, baseUrl: server.origin }, {});
    const b = await plain.request(makeOp({ path: '/f' }), undefined);
    expect(await plain.request(makeOp({ path: '/f' }), undefined)).not.toEqual(b);
  });
});
