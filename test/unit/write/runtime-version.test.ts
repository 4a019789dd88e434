import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RUNTIME_VERSION } from '../../../runtime/util/version.js';
import { findPackageRoot } from '../../../src/write/package-root.js';

describe('RUNTIME_VERSION', () => {
  it("equals package.json's version", async () => {
    const manifest = JSON.parse(await readFile(path.join(findPackageRoot(), 'package.json'), 'utf8')) as { version: string };
    expect(RUNTIME_VERSION).toBe(manifest.version);
  });
});
