/**
 * Runs pagination detection over every operation of every single-file spec in the dev corpus,
 * prints the counts per style, and checks hand-verified operations. (The multi-file entries
 * digitalocean/ and petstore-separate-v2/ need the real loader and are left to the corpus suite.)
 * Set PAGINATION_DUMP=<file> to write every detection as TSV for hand-checking.
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectPagination, type PaginationDetection } from '../../../src/normalize/detect-pagination.js';
import { collectOperations, loadSpec, type OperationInput } from './corpus-input.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const corpus = path.resolve(root, '../shared/corpus/dev');
const styles = ['offset', 'page', 'cursor', 'nextUrl', 'linkHeader'] as const;

interface Detected extends OperationInput {
  spec: string;
  result: PaginationDetection;
}

const detected: Detected[] = [];

beforeAll(() => {
  const files = readdirSync(corpus)
    .filter((name) => /\.(json|ya?ml)$/.test(name) && statSync(path.join(corpus, name)).isFile())
    .sort();
  for (const file of files) {
    for (const op of collectOperations(loadSpec(path.join(corpus, file)))) {
      detected.push({ ...op, spec: file, result: detectPagination(op.input) });
    }
  }
  const rows = new Map<string, Record<string, number>>();
  for (const d of detected) {
    const row = rows.get(d.spec) ?? { ops: 0, gets: 0, none: 0, ...Object.fromEntries(styles.map((s) => [s, 0])) };
    row['ops'] = (row['ops'] ?? 0) + 1;
    if (d.method === 'GET') row['gets'] = (row['gets'] ?? 0) + 1;
    const key = d.result.descriptor?.style ?? 'none';
    row[key] = (row[key] ?? 0) + 1;
    rows.set(d.spec, row);
  }
  const total: Record<string, number> = {};
  for (const row of rows.values()) for (const [k, v] of Object.entries(row)) total[k] = (total[k] ?? 0) + v;
  rows.set('TOTAL', total);
  const columns = ['ops', 'gets', ...styles, 'none'];
  const lines = [['spec'.padEnd(32), ...columns.map((c) => c.padStart(10))].join('')];
  for (const [spec, row] of rows) lines.push([spec.padEnd(32), ...columns.map((c) => String(row[c] ?? 0).padStart(10))].join(''));
  console.log(`pagination detection over ${rows.size - 1} corpus specs\n${lines.join('\n')}`);
  const dump = process.env['PAGINATION_DUMP'];
  if (dump) {
    const tsv = detected.map((d) =>
      [
        d.spec,
        d.method,
        d.path,
        d.result.descriptor?.style ?? '-',
        JSON.stringify(d.result.descriptor ?? null),
        d.result.reason,
        d.input.queryParams.map((q) => q.name).join(','),
      ].join('\t'),
    );
    writeFileSync(dump, `${tsv.join('\n')}\n`);
  }
}, 120_000);

function find(spec: string, method: string, route: string): Detected {
  const hit = detected.find((d) => d.spec === spec && d.method === method && d.path === route);
  if (!hit) throw new Error(`${spec} ${method} ${route} not in the corpus`);
  return hit;
}

describe('pagination detection over the dev corpus', () => {
  it('loads a sensible number of operations', () => {
    expect(new Set(detected.map((d) => d.spec)).size).toBeGreaterThanOrEqual(30);
    expect(detected.length).toBeGreaterThan(3000);
  });

  it('never paginates anything but GET', () => {
    expect(detected.filter((d) => d.method !== 'GET' && d.result.descriptor !== undefined)).toEqual([]);
  });

  it('every descriptor is well-formed', () => {
    for (const d of detected) {
      const descriptor = d.result.descriptor;
      if (!descriptor) continue;
      expect(Array.isArray(descriptor.itemsPath), `${d.spec} ${d.path}`).toBe(true);
      expect(
        descriptor.itemsPath.every((s) => typeof s === 'string' && s !== ''),
        `${d.spec} ${d.path}`,
      ).toBe(true);
    }
  });

  it.each([
    ['github-api.json', 'GET', '/repos/{owner}/{repo}/issues', { style: 'linkHeader', itemsPath: [] }],
    ['github-api.json', 'GET', '/orgs/{org}/repos', { style: 'linkHeader', itemsPath: [] }],
    ['github-api.json', 'GET', '/repos/{owner}/{repo}/actions/runs', { style: 'linkHeader', itemsPath: ['workflow_runs'] }],
    [
      'slack-web-api.json',
      'GET',
      '/conversations.list',
      { style: 'cursor', cursorParam: 'cursor', nextCursorPath: ['response_metadata', 'next_cursor'], itemsPath: ['channels'] },
    ],
    ['airflow.json', 'GET', '/dags', { style: 'offset', offsetParam: 'offset', limitParam: 'limit', itemsPath: ['dags'] }],
    ['spotify.json', 'GET', '/me/tracks', { style: 'nextUrl', nextUrlPath: ['next'], itemsPath: ['items'] }],
    [
      'spotify.json',
      'GET',
      '/browse/new-releases',
      { style: 'nextUrl', nextUrlPath: ['albums', 'next'], itemsPath: ['albums', 'items'] },
    ],
  ])('%s %s %s', (spec, method, route, want) => {
    expect(find(spec, method, route).result.descriptor).toEqual(want);
  });

  it.each([
    ['github-api.json', 'GET', '/repos/{owner}/{repo}'],
    ['github-api.json', 'POST', '/repos/{owner}/{repo}/issues'],
    ['slack-web-api.json', 'GET', '/conversations.info'],
    ['petstore-v3.json', 'GET', '/pets/{petId}'],
  ])('%s %s %s is not paginated', (spec, method, route) => {
    expect(find(spec, method, route).result.descriptor).toBeUndefined();
  });
});
