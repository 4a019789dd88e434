/**
 * Every spec of the dev corpus (../shared/corpus/dev, listed in MANIFEST.tsv) generates, and all
 * the clients type-check together under strict, noUncheckedIndexedAccess,
 * exactOptionalPropertyTypes, verbatimModuleSyntax and nodenext, without @types/node.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/generate.js';
import { corpusDir, generatedDir } from '../support/paths.js';
import { typecheck } from '../support/typecheck.js';

export function corpusEntries(): { name: string; spec: string }[] {
  const manifest = readFileSync(path.join(corpusDir, 'MANIFEST.tsv'), 'utf8');
  return manifest
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t')[0] ?? '')
    .filter((file) => file !== '')
    .map((file) => ({ name: file.replace(/\/.*$/, '').replace(/\.(json|ya?ml)$/, ''), spec: path.join(corpusDir, file) }));
}

describe('dev corpus', () => {
  const entries = corpusEntries();
  const root = generatedDir('corpus', 'clients');
  const generated: string[] = [];
  const paginated: Record<string, number> = {};
  let operations = 0;

  it('lists 38 specs', () => {
    expect(entries).toHaveLength(38);
  });

  it.each(entries)(
    '$name generates',
    async ({ name, spec }) => {
      // petstore-separate-v2's entry (spec/swagger.json) refs ../common/: its ref root is the folder above.
      const refRoot = name === 'petstore-separate-v2' ? path.join(corpusDir, name) : undefined;
      const result = await generate({ spec, out: path.join(root, name), ...(refRoot === undefined ? {} : { refRoot }) });
      expect(result.files).toContain('index.ts');
      expect(result.files.some((f) => f.startsWith('runtime/'))).toBe(true);
      generated.push(name);
      operations += result.stats.operations;
      for (const [style, count] of Object.entries(result.stats.pagination)) paginated[style] = (paginated[style] ?? 0) + count;
      const styles = Object.entries(result.stats.pagination)
        .map(([style, count]) => `${style} ${count}`)
        .join(', ');
      console.log(
        `${name}: ${result.stats.operations} operations, ${result.warnings.length} warnings; paginated: ${styles || 'none'}`,
      );
    },
    120_000,
  );

  it('detects pagination conservatively across the corpus', () => {
    const total = Object.values(paginated).reduce((a, b) => a + b, 0);
    console.log(`pagination over ${operations} operations: ${JSON.stringify(paginated)} (${total} paginated)`);
    expect(Object.keys(paginated).sort()).toEqual(['cursor', 'linkHeader', 'nextUrl', 'offset', 'page']);
    expect(total).toBeLessThan(operations / 2);
  });

  it('all generated clients type-check together under the strictest settings', async () => {
    expect(generated.length).toBe(entries.length);
    const errors = await typecheck(root, ['*/index.ts']);
    const perSpec = new Map<string, number>();
    for (const error of errors)
      perSpec.set(error.file.split(/[\\/]/)[0] ?? '', (perSpec.get(error.file.split(/[\\/]/)[0] ?? '') ?? 0) + 1);
    console.log(
      `type-checked ${generated.length} clients: ${entries.length - perSpec.size} of ${entries.length} compile cleanly`,
    );
    expect(errors.slice(0, 20).map((e) => `${e.file}:${e.line} ${e.code} ${e.message}`)).toEqual([]);
  }, 600_000);
});
