/**
 * Bundling with remote refs allowed, with downloads replaced by a table (a real public server is
 * not available to tests, and loopback is refused by design): what a remote document may in turn
 * reference is policed like the entry file's refs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { SpecError } from '../../../src/errors.js';
import { loadSpec } from '../../../src/load/index.js';

const served = new Map<string, string>([
  [
    'https://schemas.example.com/v1/pet.yaml',
    'type: object\nproperties:\n  tag:\n    $ref: ./tag.yaml\n  owner:\n    $ref: "#/$defs/Owner"\n$defs:\n  Owner:\n    type: string\n',
  ],
  ['https://schemas.example.com/v1/tag.yaml', 'type: string\nenum: [a, b]\n'],
  ['https://schemas.example.com/v1/steal.yaml', 'type: object\nproperties:\n  x:\n    $ref: "file:///etc/passwd"\n'],
  [
    'https://schemas.example.com/v1/pivot.yaml',
    'type: object\nproperties:\n  x:\n    $ref: "http://169.254.169.254/latest/meta-data/"\n',
  ],
  ['https://schemas.example.com/v1/climb.yaml', 'type: object\nproperties:\n  x:\n    $ref: "../../../../etc/passwd"\n'],
]);
const fetched: string[] = [];

vi.mock('../../../src/load/fetch-remote.js', () => ({
  fetchRemote: (url: URL): Promise<string> => {
    fetched.push(url.href);
    const body = served.get(url.href);
    return body === undefined
      ? Promise.reject(new SpecError(`${url.href}: HTTP 404`, { code: 'REMOTE_REF_FAILED' }))
      : Promise.resolve(body);
  },
}));

const scratch = mkdtempSync(path.join(tmpdir(), 'apiwright-remote-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function specWithRef(name: string, ref: string): string {
  const file = path.join(scratch, name);
  writeFileSync(
    file,
    `openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\ncomponents:\n  schemas:\n    Pet:\n      $ref: '${ref}'\n`,
  );
  return file;
}

describe('remote refs, when allowed', () => {
  it('bundles a remote document and the relative refs inside it', async () => {
    fetched.length = 0;
    const loaded = await loadSpec(specWithRef('ok.yaml', 'https://schemas.example.com/v1/pet.yaml'), { allowRemoteRefs: true });
    expect(fetched.sort()).toEqual(['https://schemas.example.com/v1/pet.yaml', 'https://schemas.example.com/v1/tag.yaml']);
    const pet = (loaded.document['components'] as Record<string, Record<string, Record<string, unknown>>>)['schemas']?.['Pet'];
    expect((pet?.['properties'] as Record<string, unknown>)['tag']).toEqual({ type: 'string', enum: ['a', 'b'] });
    expect((pet?.['properties'] as Record<string, unknown>)['owner']).toEqual({ $ref: '#/components/schemas/Pet/$defs/Owner' });
    expect(loaded.warnings).toEqual([]);
    // Positions in remote files are not available; file and in-file pointer are.
    expect(loaded.locate('#/components/schemas/Pet/properties/tag/enum')).toEqual({
      file: 'https://schemas.example.com/v1/tag.yaml',
      pointer: '#/enum',
    });
    expect(loaded.locate('#/components/schemas/Pet/$defs')).toEqual({
      file: 'https://schemas.example.com/v1/pet.yaml',
      pointer: '#/$defs',
    });
  });

  it.each([
    ['a file: URL', { ref: 'https://schemas.example.com/v1/steal.yaml', code: 'REF_FILE_URL' }],
    ['the metadata service', { ref: 'https://schemas.example.com/v1/pivot.yaml', code: 'REF_PRIVATE_ADDRESS' }],
  ])('a remote document that refs %s is refused, located in that document', async (_, { ref, code }) => {
    const error = await loadSpec(specWithRef('bad.yaml', ref), { allowRemoteRefs: true }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code, location: { file: ref, pointer: '#/properties/x' } });
  });

  it('a relative ../ in a remote document stays on that server', async () => {
    fetched.length = 0;
    const error = await loadSpec(specWithRef('climb.yaml', 'https://schemas.example.com/v1/climb.yaml'), {
      allowRemoteRefs: true,
    }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(fetched).toContain('https://schemas.example.com/etc/passwd');
    expect(error).toMatchObject({ code: 'REMOTE_REF_FAILED', location: { file: 'https://schemas.example.com/v1/climb.yaml' } });
  });
});
