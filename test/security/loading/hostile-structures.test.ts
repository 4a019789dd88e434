/**
 * SECURITY-CASES.md 16: a YAML alias bomb, 100,000-deep nesting, `$ref` cycles A → B → A: a clear
 * error or a correct result, bounded time and memory, no stack overflow.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SpecError } from '../../../src/errors.js';
import { loadSpec } from '../../../src/load/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const scratch = mkdtempSync(path.join(tmpdir(), 'apiwright-hostile-'));
const header = 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\n';

function write(name: string, text: string): string {
  const file = path.join(scratch, name);
  writeFileSync(file, text);
  return file;
}

async function loadError(file: string): Promise<SpecError> {
  const error = await loadSpec(file).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (error instanceof SpecError) return error;
  throw new Error(`expected a SpecError, got ${String(error)}`);
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('SECURITY 16: hostile structures', () => {
  it('a YAML alias bomb stops with YAML_ALIAS_LIMIT', async () => {
    const entry = path.join(repoRoot, 'fixtures/load-yaml-alias-bomb/openapi.yaml');
    const error = await loadError(entry);
    expect(error.code).toBe('YAML_ALIAS_LIMIT');
    expect(error.location.file).toBe(entry);
  });

  it('a wide alias (one big anchor used many times) stops with YAML_ALIAS_LIMIT', async () => {
    const big = `[${Array.from({ length: 500 }, () => '{a: 1}').join(', ')}]`;
    const uses = Array.from({ length: 500 }, () => '*big').join(', ');
    const error = await loadError(write('wide-alias.yaml', `${header}x-big: &big ${big}\nx-uses: [${uses}]\n`));
    expect(error.code).toBe('YAML_ALIAS_LIMIT');
  });

  it('a recursive YAML alias is refused, not walked forever', async () => {
    const error = await loadError(write('recursive-alias.yaml', `${header}x-loop: &loop\n  again: *loop\n`));
    expect(error.code).toBe('YAML_CIRCULAR_ALIAS');
    expect(error.location.pointer).toMatch(/^#\/x-loop\/again\/again/);
  });

  it.each([
    ['JSON arrays', { name: 'deep.json', text: `{"openapi": "3.0.3", "x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}` }],
    [
      'JSON objects',
      { name: 'deep-objects.json', text: `{"openapi": "3.0.3", "x": ${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}` },
    ],
    ['YAML flow', { name: 'deep.yaml', text: `openapi: 3.0.3\nx: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n` }],
  ])('100,000-deep %s is TOO_DEEP, not a stack overflow', async (_, { name, text }) => {
    const error = await loadError(write(name, text));
    expect(error.code).toBe('TOO_DEEP');
    expect(error.location.file).toBe(path.join(scratch, name));
  });

  it('a $ref cycle across files (A → B → A) loads, with the cycle kept as internal refs', async () => {
    const loaded = await loadSpec(path.join(repoRoot, 'fixtures/load-ref-cycle/openapi.yaml'));
    const text = JSON.stringify(loaded.document);
    expect(text.match(/"\$ref":"([^"]*)"/g)?.every((ref) => ref.includes('"#/'))).toBe(true);
    expect(loaded.warnings).toEqual([]);
  });

  it('a file that refs itself, and a ref to a ref to itself, load', async () => {
    const entry = write(
      'self.yaml',
      `${header}components:\n  schemas:\n    A:\n      $ref: './self.yaml#/components/schemas/B'\n    B:\n      $ref: '#/components/schemas/A'\n    C:\n      $ref: '#/components/schemas/C'\n`,
    );
    const loaded = await loadSpec(entry);
    const schemas = (loaded.document['components'] as Record<string, Record<string, { $ref?: string }>>)['schemas'];
    expect(schemas?.['C']).toEqual({ $ref: '#/components/schemas/C' });
    expect(Object.values(schemas ?? {}).every((schema) => schema.$ref?.startsWith('#/'))).toBe(true);
  });
});
