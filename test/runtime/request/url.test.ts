import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, ValidationError } from '../../../runtime/errors/errors.js';
import { isLoopbackHost, resolveBaseUrl } from '../../../runtime/request/url.js';
import type { ParamDescriptor } from '../../../runtime/client/descriptor.js';
import { json, makeApi, makeClient, makeOp, rejectionOf, startServer, type TestServer } from '../support/client.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_req, res) => json(res, 200, { ok: true }));
});
afterAll(() => server.close());

const lastUrl = (): string => server.requests.at(-1)?.url ?? '';
const pathParam = (name: string, extra: Partial<ParamDescriptor> = {}): ParamDescriptor => ({
  name,
  in: 'path',
  style: 'simple',
  explode: false,
  required: true,
  ...extra,
});

describe('server URL', () => {
  const op = makeOp();

  it('uses baseUrl, else the operation servers, else the API servers', () => {
    const api = makeApi([{ url: 'https://api.example.test/v1' }]);
    expect(resolveBaseUrl(api, op, {}).href).toBe('https://api.example.test/v1');
    expect(resolveBaseUrl(api, { ...op, servers: [{ url: 'https://files.example.test' }] }, {}).href).toBe(
      'https://files.example.test/',
    );
    expect(resolveBaseUrl(api, op, { baseUrl: 'https://sandbox.example.test/v2' }).href).toBe('https://sandbox.example.test/v2');
  });

  it('substitutes server variables from options, then defaults, and checks enums', () => {
    const api = makeApi([
      {
        url: 'https://{region}.example.test/{version}',
        variables: { region: { default: 'eu', enum: ['eu', 'us'] }, version: { default: 'v1' } },
      },
    ]);
    expect(resolveBaseUrl(api, op, {}).href).toBe('https://eu.example.test/v1');
    expect(resolveBaseUrl(api, op, { serverVariables: { region: 'us' } }).href).toBe('https://us.example.test/v1');
    expect(() => resolveBaseUrl(api, op, { serverVariables: { region: 'evil' } })).toThrow(ConfigurationError);
    expect(() => resolveBaseUrl(api, op, { serverVariables: { version: 'v1@evil.test' } })).toThrow(/not allowed/);
  });

  it('refuses a relative server URL without baseUrl, with a hint', () => {
    expect(() => resolveBaseUrl(makeApi([{ url: '/v1' }]), op, {})).toThrow(/relative: pass baseUrl/);
    expect(() => resolveBaseUrl(makeApi([]), op, {})).toThrow(/declares no server/);
  });

  it('refuses credentials and non-http schemes in the server URL', () => {
    expect(() => resolveBaseUrl(makeApi(), op, { baseUrl: 'https://user:pw@api.example.test' })).toThrow(ConfigurationError);
    expect(() => resolveBaseUrl(makeApi(), op, { baseUrl: 'file:///etc/passwd' })).toThrow(ConfigurationError);
  });

  it('recognizes loopback hosts', () => {
    const parsed = (url: string) => new URL(url).hostname;
    for (const host of [
      '127.0.0.1',
      '127.9.8.7',
      'localhost',
      '[::1]',
      '::1',
      '[::ffff:127.0.0.1]',
      parsed('http://[::ffff:127.0.0.1]/'),
    ]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    // Loopback is decided by address: a `*.localhost` name may resolve (or be proxied) anywhere.
    for (const host of [
      '128.0.0.1',
      'localhost.evil.test',
      'api.localhost',
      'evil.localhost',
      '10.0.0.1',
      'example.test',
      '[::2]',
      '127.0.0.256',
    ]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });

  it('refuses plain http to a non-loopback host before any request, unless allowInsecureHttp', async () => {
    const fetchSpy = vi.fn(async () => new Response('{}', { headers: { 'content-type': 'application/json' } }));
    const insecure = makeClient('http://api.example.test', { fetch: fetchSpy });
    const error = await rejectionOf(insecure.request(makeOp(), undefined));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/plain http to api\.example\.test.*allowInsecureHttp/);
    expect(fetchSpy).not.toHaveBeenCalled();

    const allowed = makeClient('http://api.example.test', { fetch: fetchSpy, allowInsecureHttp: true });
    await expect(allowed.request(makeOp(), undefined)).resolves.toEqual({});
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });

  it('keeps the base path and joins it with the operation path', async () => {
    const client = makeClient(`${server.origin}/api/v1/`);
    await client.request(makeOp({ path: '/things' }), undefined);
    expect(lastUrl()).toBe('/api/v1/things');
  });
});

describe('path parameters on the wire', () => {
  const client = (): ReturnType<typeof makeClient> => makeClient(server.origin);
  const op = makeOp({ path: '/files/{name}/meta', params: [pathParam('name')] });

  it.each([
    ['../admin', '/files/..%2Fadmin/meta'],
    ['a/b', '/files/a%2Fb/meta'],
    ['?x=1', '/files/%3Fx%3D1/meta'],
    ['#f', '/files/%23f/meta'],
    ['100%', '/files/100%25/meta'],
    ['%2e%2e', '/files/%252e%252e/meta'],
    ['..%2F', '/files/..%252F/meta'],
    ['a b', '/files/a%20b/meta'],
  ])('%j cannot change the path', async (value, want) => {
    await client().request(op, { name: value });
    expect(lastUrl()).toBe(want);
  });

  it.each(['.', '..'])('refuses %j, which would be a dot segment even when encoded', async (value) => {
    const before = server.requests.length;
    const error = await rejectionOf(client().request(op, { name: value }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(server.requests.length).toBe(before);
  });

  it('refuses a missing or empty required path parameter', async () => {
    await expect(client().request(op, {})).rejects.toThrow(/path parameter name is required/);
    await expect(client().request(op, { name: '' })).rejects.toThrow(/must not be empty/);
  });

  it('serializes label and matrix styles and uses ParamDescriptor.key', async () => {
    const styled = makeOp({
      path: '/c/{color}/{shade}',
      params: [
        pathParam('color', { style: 'label', explode: true }),
        pathParam('shade', { style: 'matrix', explode: false, key: 'shadeKey' }),
      ],
    });
    await client().request(styled, { color: ['blue', 'black'], shadeKey: { R: 100, G: 200 } });
    expect(lastUrl()).toBe('/c/.blue.black/;shade=R,100,G,200');
  });

  it('never reads inherited properties such as constructor', async () => {
    const op2 = makeOp({ path: '/x', params: [{ name: 'constructor', in: 'query', style: 'form', explode: true }] });
    await client().request(op2, {});
    expect(lastUrl()).toBe('/x');
  });
});

describe('query, header and cookie parameters on the wire', () => {
  const q = (name: string, extra: Partial<ParamDescriptor> = {}): ParamDescriptor => ({
    name,
    in: 'query',
    style: 'form',
    explode: true,
    ...extra,
  });

  it('serializes every query style in spec order and omits undefined values', async () => {
    const op = makeOp({
      params: [
        q('tags'),
        q('ids', { explode: false }),
        q('skip'),
        q('filter', { style: 'deepObject' }),
        q('words', { style: 'spaceDelimited', explode: false }),
        q('pipes', { style: 'pipeDelimited', explode: false }),
        q('where', { contentType: 'application/json' }),
        q('redirect', { allowReserved: true }),
      ],
    });
    await makeClient(server.origin).request(op, {
      tags: ['a', 'b'],
      ids: [1, 2],
      skip: undefined,
      filter: { status: 'new', kind: 'x y' },
      words: ['a', 'b'],
      pipes: ['c', 'd'],
      where: { age: { gt: 3 } },
      redirect: 'https://x.test/a?b=c',
    });
    expect(lastUrl()).toBe(
      '/things?tags=a&tags=b&ids=1,2&filter%5Bstatus%5D=new&filter%5Bkind%5D=x%20y&words=a%20b&pipes=c%7Cd' +
        '&where=%7B%22age%22%3A%7B%22gt%22%3A3%7D%7D&redirect=https://x.test/a?b%3Dc',
    );
  });

  it('sends header params in simple style and cookie params in one Cookie header', async () => {
    const op = makeOp({
      params: [
        { name: 'X-Trace', in: 'header', style: 'simple', explode: false },
        { name: 'X-Dims', in: 'header', style: 'simple', explode: true },
        { name: 'session', in: 'cookie', style: 'form', explode: true },
        { name: 'prefs', in: 'cookie', style: 'form', explode: false },
      ],
    });
    await makeClient(server.origin, { headers: { Cookie: 'base=1' } }).request(op, {
      'X-Trace': ['a', 'b'],
      'X-Dims': { w: 1, h: 2 },
      session: 'abc; admin=true',
      prefs: ['x', 'y'],
    });
    const headers = server.requests.at(-1)?.headers;
    expect(headers?.['x-trace']).toBe('a,b');
    expect(headers?.['x-dims']).toBe('w=1,h=2');
    expect(headers?.cookie).toBe('base=1; session=abc%3B%20admin%3Dtrue; prefs=x,y');
  });

  it('refuses a header value with a line break instead of sending it', async () => {
    const op = makeOp({ params: [{ name: 'X-Note', in: 'header', style: 'simple', explode: false }] });
    const before = server.requests.length;
    await expect(makeClient(server.origin).request(op, { 'X-Note': 'a\r\nX-Admin: 1' })).rejects.toBeInstanceOf(ValidationError);
    expect(server.requests.length).toBe(before);
  });
});
