/**
 * SECURITY-CASES.md 14: `$ref` to `file:///etc/passwd`, `../../../../etc/passwd` (also written with
 * backslashes and percent-encoded), and a symlink (folder or file) out of the spec folder are refused with a
 * SpecError naming the ref; nothing outside the spec's folder is read.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SpecError } from '../../../src/errors.js';
import { isInside } from '../../../src/load/classify-ref.js';
import { loadSpec } from '../../../src/load/index.js';
import { preloadLazyModules, spyOnIo } from './spy-io.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const scratch = mkdtempSync(path.join(tmpdir(), 'apiwright-escape-'));
const specDir = path.join(scratch, 'spec');
const outsideDir = path.join(scratch, 'outside');
const SECRET = 'TOP-SECRET-VALUE-1234';
const POINTER = '#/paths/~1secret/get/responses/200/content/application~1json/schema';

beforeAll(async () => {
  await preloadLazyModules();
  cpSync(path.join(repoRoot, 'fixtures/load-ref-escape'), specDir, { recursive: true });
  mkdirSync(outsideDir);
  writeFileSync(path.join(outsideDir, 'secret.yaml'), `type: string\nx-secret: ${SECRET}\n`);
  symlinkSync(outsideDir, path.join(specDir, 'linked'), 'dir');
  symlinkSync(path.join(outsideDir, 'secret.yaml'), path.join(specDir, 'secret-link.yaml'));
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

describe('SECURITY 14: refs out of the spec folder', () => {
  it.each([
    ['file-url.yaml', { ref: 'file:///etc/passwd', code: 'REF_FILE_URL', resolvedInside: [] }],
    ['dot-dot.yaml', { ref: '../../../../../../../../etc/passwd', code: 'REF_OUTSIDE_ROOT', resolvedInside: [] }],
    ['backslash.yaml', { ref: '..\\..\\..\\..\\..\\..\\..\\..\\etc\\passwd', code: 'REF_OUTSIDE_ROOT', resolvedInside: [] }],
    [
      'encoded.yaml',
      { ref: '%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd', code: 'REF_OUTSIDE_ROOT', resolvedInside: [] },
    ],
    // Lexically inside: only the real-path check (after resolving the symlink) can refuse it.
    ['symlink.yaml', { ref: './linked/secret.yaml', code: 'REF_OUTSIDE_ROOT', resolvedInside: ['linked'] }],
    [
      'file-symlink.yaml',
      { ref: './secret-link.yaml', code: 'REF_OUTSIDE_ROOT', resolvedInside: ['secret-link.yaml', 'secret-link.yaml'] },
    ],
  ])('%s is refused and nothing outside the folder is read', async (name, { ref, code, resolvedInside }) => {
    const entry = path.join(specDir, name);
    const io = spyOnIo();
    const error = await loadSpec(entry).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    vi.restoreAllMocks();

    expect(error).toBeInstanceOf(SpecError);
    const specError = error as SpecError;
    expect(specError.code).toBe(code);
    expect(specError.message).toContain(ref);
    expect(specError.location).toMatchObject({ file: entry, pointer: POINTER, line: 15 });
    expect(specError.format()).not.toContain(SECRET);

    const readOutside = io.reads.filter((file) => !isInside(specDir, path.resolve(file)));
    const touchedOutside = io.touches.filter((file) => !isInside(specDir, path.resolve(file)));
    expect(readOutside).toEqual([]);
    expect(touchedOutside).toEqual([]);
    expect(io.reads).toContain(entry);
    // Which refs got as far as a real-path check (the others were refused before any disk access).
    const realpathed = io.touches
      .filter((file) => file !== entry && file !== specDir)
      .map((file) => path.relative(specDir, file));
    expect(realpathed).toEqual(resolvedInside);
    expect(io.network).toEqual([]);
  });
});
