import { describe, expect, it } from 'vitest';
import { SpecError } from '../../../src/errors.js';
import { frameSegments, walkDocument } from '../../../src/load/walk-document.js';

const options = { file: '/s/spec.json', baseUri: 'file:///s/spec.json' };

function deepObject(depth: number): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let node = root;
  for (let level = 0; level < depth; level += 1) {
    const child: Record<string, unknown> = {};
    node['a'] = child;
    node = child;
  }
  return root;
}

function catchSpecError(run: () => unknown): SpecError {
  try {
    run();
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error('expected a SpecError');
}

describe('walkDocument', () => {
  it('finds every $ref with the pointer of the object holding it', () => {
    const document = {
      paths: { '/pets': { get: { responses: { 200: { $ref: '#/components/responses/Ok' } } } } },
      components: { schemas: { List: { type: 'array', items: [{ $ref: 'pet.yaml' }] }, Odd: { $ref: null } } },
    };
    const walk = walkDocument(document, options);
    const found = walk.refs.map((site) => [frameSegments(site.frame).join('/'), site.ref]);
    expect(found).toEqual([
      ['paths//pets/get/responses/200', '#/components/responses/Ok'],
      ['components/schemas/List/items/0', 'pet.yaml'],
      ['components/schemas/Odd', null],
    ]);
  });

  it('accepts 1,000 levels', () => {
    expect(walkDocument(deepObject(1_000), options).nodes).toBe(1_001);
  });

  it('refuses 100,000 levels with TOO_DEEP, without recursion', () => {
    const error = catchSpecError(() => walkDocument(deepObject(100_000), options));
    expect(error.code).toBe('TOO_DEEP');
    expect(error.location.file).toBe('/s/spec.json');
    expect(error.location.pointer).toMatch(/^#\/a\/a\//);
  });

  it('names a structure that contains itself (a recursive YAML alias)', () => {
    const loop: unknown[] = [];
    loop.push(loop);
    expect(catchSpecError(() => walkDocument({ a: loop }, options)).code).toBe('YAML_CIRCULAR_ALIAS');
  });

  it('stops when shared subtrees expand past the node budget', () => {
    const shared = Array.from({ length: 100 }, () => ({}));
    const document = { uses: Array.from({ length: 100 }, () => shared) };
    expect(catchSpecError(() => walkDocument(document, { ...options, maxNodes: 5_000 })).code).toBe('YAML_ALIAS_LIMIT');
    expect(walkDocument(document, options).nodes).toBe(1 + 1 + 100 * 101);
  });

  it('indexes $id (resolved against the enclosing base) and $anchor when asked', () => {
    const document = { a: { $id: 'https://example.com/root.json', b: { $id: 'child.json', $anchor: 'here' } } };
    const walk = walkDocument(document, { ...options, trackIds: true });
    expect([...walk.resources.keys()]).toEqual(['https://example.com/root.json', 'https://example.com/child.json']);
    expect([...walk.anchors.keys()]).toEqual(['https://example.com/child.json#here']);
    expect(walkDocument(document, options).resources.size).toBe(0);
  });
});
