import dns from 'node:dns';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SpecError } from '../../../src/errors.js';
import { fetchRemote, resolvePublicAddress } from '../../../src/load/fetch-remote.js';

let server: http.Server;
let origin = '';
const hits: string[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const url = request.url ?? '/';
    hits.push(url);
    if (url === '/spec.yaml') response.end('type: string\n');
    else if (url === '/echo')
      response.end(
        JSON.stringify({ authorization: request.headers.authorization ?? null, cookie: request.headers.cookie ?? null }),
      );
    else if (url === '/big-declared') {
      response.setHeader('content-length', '5000');
      response.end('x'.repeat(5000));
    } else if (url === '/big-chunked') {
      response.write('x'.repeat(3000));
      response.end('x'.repeat(3000));
    } else if (url === '/slow')
      response.write('partial'); // never ends
    else if (url === '/to-private') response.writeHead(302, { location: 'http://10.0.0.1/spec.yaml' }).end();
    else if (url === '/loop') response.writeHead(302, { location: '/loop' }).end();
    else if (url === '/to-spec') response.writeHead(301, { location: '/spec.yaml' }).end();
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

afterEach(() => {
  hits.length = 0;
  vi.restoreAllMocks();
});

/** The test server is on loopback: let that one address through, refuse everything else private. */
const onlyTestServer = { isRefusedAddress: (address: string) => address !== '127.0.0.1' };

async function fetchError(url: string, options = {}): Promise<SpecError> {
  const error = await fetchRemote(new URL(url), options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (error instanceof SpecError) return error;
  throw new Error(`expected a SpecError, got ${String(error)}`);
}

describe('fetchRemote', () => {
  it('downloads a document', async () => {
    expect(await fetchRemote(new URL(`${origin}/spec.yaml`), onlyTestServer)).toBe('type: string\n');
  });

  it('follows a redirect on the same allowed host', async () => {
    expect(await fetchRemote(new URL(`${origin}/to-spec`), onlyTestServer)).toBe('type: string\n');
    expect(hits).toEqual(['/to-spec', '/spec.yaml']);
  });

  it('refuses loopback by default, before connecting', async () => {
    expect((await fetchError(`${origin}/spec.yaml`)).code).toBe('REF_PRIVATE_ADDRESS');
    expect(hits).toEqual([]);
  });

  it('never sends the credentials of a URL', async () => {
    const url = `${origin.replace('http://', 'http://user:secret@')}/echo`;
    expect(JSON.parse(await fetchRemote(new URL(url), onlyTestServer))).toEqual({ authorization: null, cookie: null });
  });

  it.each([
    ['declared too large', { path: '/big-declared', code: 'REMOTE_REF_TOO_LARGE' }],
    ['streamed too large', { path: '/big-chunked', code: 'REMOTE_REF_TOO_LARGE' }],
    ['redirect to a private address', { path: '/to-private', code: 'REF_PRIVATE_ADDRESS' }],
    ['endless redirects', { path: '/loop', code: 'REMOTE_REF_FAILED' }],
    ['HTTP 404', { path: '/missing', code: 'REMOTE_REF_FAILED' }],
  ])('%s', async (_, { path, code }) => {
    expect((await fetchError(`${origin}${path}`, { ...onlyTestServer, maxBytes: 4000 })).code).toBe(code);
  });

  it('gives up on a body that never ends', async () => {
    expect((await fetchError(`${origin}/slow`, { ...onlyTestServer, timeoutMs: 20 })).code).toBe('REMOTE_REF_TIMEOUT');
  });
});

describe('resolvePublicAddress', () => {
  function stubLookup(addresses: dns.LookupAddress[]) {
    return vi
      .spyOn(dns, 'lookup')
      .mockImplementation(((_host: string, _options: unknown, callback: (error: null, found: dns.LookupAddress[]) => void) =>
        callback(null, addresses)) as never);
  }

  it('refuses a name that resolves to the metadata service', async () => {
    const lookup = stubLookup([{ address: '169.254.169.254', family: 4 }]);
    await expect(resolvePublicAddress(new URL('http://metadata.attacker.test/'))).rejects.toMatchObject({
      code: 'REF_PRIVATE_ADDRESS',
    });
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  it('refuses a name when any of its addresses is private', async () => {
    stubLookup([
      { address: '93.184.216.34', family: 4 },
      { address: '::1', family: 6 },
    ]);
    await expect(resolvePublicAddress(new URL('https://mixed.test/'))).rejects.toMatchObject({ code: 'REF_PRIVATE_ADDRESS' });
  });

  it('returns the public address to pin the connection to', async () => {
    stubLookup([{ address: '93.184.216.34', family: 4 }]);
    expect(await resolvePublicAddress(new URL('https://public.test/'))).toEqual({ address: '93.184.216.34', family: 4 });
  });

  it.each([['http://localhost./'], ['http://[::ffff:127.0.0.1]/'], ['http://169.254.169.254/'], ['ftp://example.com/']])(
    '%s is refused without a DNS lookup',
    async (url) => {
      const lookup = vi.spyOn(dns, 'lookup');
      await expect(resolvePublicAddress(new URL(url))).rejects.toBeInstanceOf(SpecError);
      expect(lookup).not.toHaveBeenCalled();
    },
  );
});
