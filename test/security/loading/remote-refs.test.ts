/**
 * SECURITY-CASES.md 15: `$ref` to `http://169.254.169.254/…`, `http://localhost./`,
 * `http://[::ffff:127.0.0.1]/`: no socket is opened unless the user allowed remote refs, and then
 * never to private addresses.
 */
import dns from 'node:dns';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SpecError } from '../../../src/errors.js';
import { loadSpec, type LoadOptions } from '../../../src/load/index.js';
import { preloadLazyModules, spyOnIo } from './spy-io.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixture = (name: string): string => path.join(repoRoot, 'fixtures/load-remote-ref', name);
const scratch = mkdtempSync(path.join(tmpdir(), 'apiwright-remote-'));

function specWithRef(name: string, ref: string): string {
  const file = path.join(scratch, name);
  writeFileSync(
    file,
    `openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\ncomponents:\n  schemas:\n    Pet:\n      $ref: '${ref}'\n`,
  );
  return file;
}

async function loadError(file: string, options: LoadOptions): Promise<SpecError> {
  const error = await loadSpec(file, options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (error instanceof SpecError) return error;
  throw new Error(`expected a SpecError, got ${String(error)}`);
}

let server: http.Server;
let port = 0;
let connections = 0;

beforeAll(async () => {
  await preloadLazyModules();
  server = http.createServer((_request, response) => response.end('type: string\n'));
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(scratch, { recursive: true, force: true });
});

afterEach(() => vi.restoreAllMocks());

describe('SECURITY 15: remote refs', () => {
  it.each([
    ['metadata.yaml', 'http://169.254.169.254/latest/meta-data/iam/security-credentials/'],
    ['localhost-dot.yaml', 'http://localhost./admin'],
    ['mapped-ipv6.yaml', 'http://[::ffff:127.0.0.1]/'],
    ['public.yaml', 'https://schemas.example.com/pet.yaml'],
  ])('%s: refused while remote refs are off, with no network call', async (name, ref) => {
    const io = spyOnIo();
    const error = await loadError(fixture(name), {});
    vi.restoreAllMocks();
    expect(error.code).toBe('REMOTE_REF_REFUSED');
    expect(error.message).toContain(ref);
    expect(error.location).toMatchObject({ file: fixture(name), line: 15 });
    expect(io.network).toEqual([]);
  });

  it.each([
    ['metadata.yaml', 'http://169.254.169.254/latest/meta-data/iam/security-credentials/'],
    ['localhost-dot.yaml', 'http://localhost./admin'],
    ['mapped-ipv6.yaml', 'http://[::ffff:127.0.0.1]/'],
  ])('%s: refused as private even when remote refs are on, with no network call', async (name, ref) => {
    const io = spyOnIo();
    const error = await loadError(fixture(name), { allowRemoteRefs: true });
    vi.restoreAllMocks();
    expect(error.code).toBe('REF_PRIVATE_ADDRESS');
    expect(error.message).toContain(ref);
    expect(io.network).toEqual([]);
  });

  it('a listening loopback server receives no connection', async () => {
    const before = connections;
    const io = spyOnIo();
    const error = await loadError(specWithRef('loopback.yaml', `http://127.0.0.1:${port}/pet.yaml`), { allowRemoteRefs: true });
    vi.restoreAllMocks();
    expect(error.code).toBe('REF_PRIVATE_ADDRESS');
    expect(io.network).toEqual([]);
    expect(connections - before).toBe(0);
  });

  it('a public-looking name that resolves to the metadata address is refused after the lookup, before connecting', async () => {
    const io = spyOnIo();
    vi.mocked(dns.lookup).mockImplementation(((
      host: string,
      _options: unknown,
      callback: (e: null, a: dns.LookupAddress[]) => void,
    ) => {
      io.network.push(`dns.lookup ${host}`);
      callback(null, [{ address: '169.254.169.254', family: 4 }]);
    }) as never);
    const error = await loadError(specWithRef('rebind.yaml', 'http://metadata.attacker.test/pet.yaml'), {
      allowRemoteRefs: true,
    });
    vi.restoreAllMocks();
    expect(error.code).toBe('REF_PRIVATE_ADDRESS');
    expect(error.location.file).toBe(path.join(scratch, 'rebind.yaml'));
    expect(io.network).toEqual(['dns.lookup metadata.attacker.test']);
  });
});
