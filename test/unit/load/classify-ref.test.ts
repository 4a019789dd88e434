import { describe, expect, it } from 'vitest';
import { classifyRef, isInside, type RefScope } from '../../../src/load/classify-ref.js';
import { walkDocument } from '../../../src/load/walk-document.js';

const base = 'file:///specs/api/openapi.yaml';
const local: RefScope = { rootDir: '/specs/api', allowRemoteRefs: false };
const remote: RefScope = { rootDir: '/specs/api', allowRemoteRefs: true };

describe('classifyRef', () => {
  it.each([
    [
      'internal pointer',
      { ref: '#/components/schemas/Pet', scope: local, want: { kind: 'internal', segments: ['components', 'schemas', 'Pet'] } },
    ],
    ['root pointer', { ref: '#', scope: local, want: { kind: 'internal', segments: [] } }],
    ['sibling file', { ref: 'pet.yaml', scope: local, want: { kind: 'local', path: '/specs/api/pet.yaml', fragment: '' } }],
    [
      'sub folder with pointer',
      {
        ref: './schemas/all.yaml#/Pet',
        scope: local,
        want: { kind: 'local', path: '/specs/api/schemas/all.yaml', fragment: '/Pet' },
      },
    ],
    [
      '.. that stays inside',
      { ref: 'schemas/../pet.yaml', scope: local, want: { kind: 'local', path: '/specs/api/pet.yaml', fragment: '' } },
    ],
    [
      'percent-encoded space',
      { ref: 'my%20pet.yaml', scope: local, want: { kind: 'local', path: '/specs/api/my pet.yaml', fragment: '' } },
    ],
    [
      '$anchor without index',
      { ref: '#pet', scope: local, want: { kind: 'unresolved', reason: 'no schema declares $anchor "pet"' } },
    ],
    [
      'empty-ish invalid URI',
      { ref: 'http://[bad', scope: local, want: { kind: 'unresolved', reason: 'it is not a valid URI reference' } },
    ],
  ])('%s', (_, { ref, scope, want }) => expect(classifyRef(ref, base, scope)).toEqual(want));

  it.each([
    ['file: URL', { ref: 'file:///etc/passwd', scope: remote, code: 'REF_FILE_URL' }],
    ['FILE: URL, any case', { ref: 'FILE:/etc/passwd', scope: remote, code: 'REF_FILE_URL' }],
    ['../ escape', { ref: '../../../../etc/passwd', scope: local, code: 'REF_OUTSIDE_ROOT' }],
    ['sibling folder', { ref: '../common/error.yaml', scope: local, code: 'REF_OUTSIDE_ROOT' }],
    ['absolute path', { ref: '/etc/passwd', scope: local, code: 'REF_OUTSIDE_ROOT' }],
    ['backslash escape', { ref: '..\\..\\..\\etc\\passwd', scope: local, code: 'REF_OUTSIDE_ROOT' }],
    ['percent-encoded dots', { ref: '%2e%2e/%2e%2e/etc/passwd', scope: local, code: 'REF_OUTSIDE_ROOT' }],
    ['encoded slash', { ref: '..%2F..%2Fetc%2Fpasswd', scope: local, code: 'REF_OUTSIDE_ROOT' }],
    ['http when remote is off', { ref: 'https://example.com/pet.yaml', scope: local, code: 'REMOTE_REF_REFUSED' }],
    ['protocol-relative when remote is off', { ref: '//example.com/pet.yaml', scope: local, code: 'REF_OUTSIDE_ROOT' }],
    ['metadata address', { ref: 'http://169.254.169.254/latest/meta-data/', scope: remote, code: 'REF_PRIVATE_ADDRESS' }],
    ['localhost with trailing dot', { ref: 'http://localhost./x', scope: remote, code: 'REF_PRIVATE_ADDRESS' }],
    ['mapped IPv6 loopback', { ref: 'http://[::ffff:127.0.0.1]/', scope: remote, code: 'REF_PRIVATE_ADDRESS' }],
    ['IPv6 loopback', { ref: 'http://[::1]:8080/', scope: remote, code: 'REF_PRIVATE_ADDRESS' }],
    ['decimal IPv4 loopback', { ref: 'http://2130706433/', scope: remote, code: 'REF_PRIVATE_ADDRESS' }],
    ['hex IPv4 loopback', { ref: 'http://0x7f.1/', scope: remote, code: 'REF_PRIVATE_ADDRESS' }],
    ['ftp', { ref: 'ftp://example.com/pet.yaml', scope: remote, code: 'REF_UNSUPPORTED_SCHEME' }],
    ['data: URI', { ref: 'data:application/json,{}', scope: remote, code: 'REF_UNSUPPORTED_SCHEME' }],
    ['internal __proto__', { ref: '#/__proto__/polluted', scope: local, code: 'UNSAFE_POINTER' }],
    ['internal constructor/prototype', { ref: '#/constructor/prototype', scope: local, code: 'UNSAFE_POINTER' }],
    ['encoded __proto__', { ref: '#/%5F%5Fproto%5F%5F/x', scope: local, code: 'UNSAFE_POINTER' }],
    ['external __proto__', { ref: 'pet.yaml#/__proto__/x', scope: local, code: 'UNSAFE_POINTER' }],
  ])('%s is refused', (_, { ref, scope, code }) => {
    expect(classifyRef(ref, base, scope)).toMatchObject({ kind: 'refused', code });
  });

  it('allows a public remote URL when remote refs are on', () => {
    const target = classifyRef('https://schemas.example.com/pet.yaml#/Pet', base, remote);
    expect(target).toMatchObject({ kind: 'remote', fragment: '/Pet' });
    expect(target.kind === 'remote' && target.url.href).toBe('https://schemas.example.com/pet.yaml');
  });

  it('resolves relative refs of a remote document against its URL', () => {
    const target = classifyRef('../common/pet.yaml', 'https://example.com/api/v1/openapi.yaml', remote);
    expect(target.kind === 'remote' && target.url.href).toBe('https://example.com/api/common/pet.yaml');
  });

  it('resolves $id and $anchor refs to pointers inside the document (OpenAPI 3.1)', () => {
    const document = {
      components: {
        schemas: {
          Pet: { properties: { details: { $ref: '/schemas/details#detail-id' }, whole: { $ref: '/schemas/details' } } },
          Details: {
            $id: '/schemas/details',
            properties: { id: { $anchor: 'detail-id', type: 'integer' }, deep: { type: 'string' } },
          },
        },
      },
    };
    const walk = walkDocument(document, { file: '/specs/api/openapi.yaml', baseUri: base, trackIds: true });
    const scope: RefScope = { ...local, resources: walk.resources, anchors: walk.anchors };
    expect(classifyRef('/schemas/details#detail-id', base, scope)).toEqual({
      kind: 'embedded',
      segments: ['components', 'schemas', 'Details', 'properties', 'id'],
    });
    expect(classifyRef('/schemas/details#/properties/deep', base, scope)).toEqual({
      kind: 'embedded',
      segments: ['components', 'schemas', 'Details', 'properties', 'deep'],
    });
    expect(classifyRef('#detail-id', base, scope)).toEqual({
      kind: 'embedded',
      segments: ['components', 'schemas', 'Details', 'properties', 'id'],
    });
    expect(classifyRef('/schemas/details#nope', base, scope)).toMatchObject({ kind: 'unresolved' });
  });
});

describe('isInside', () => {
  it.each([
    ['same folder', { root: '/a/b', target: '/a/b', want: true }],
    ['child', { root: '/a/b', target: '/a/b/c.yaml', want: true }],
    ['file named ..x', { root: '/a/b', target: '/a/b/..x.yaml', want: true }],
    ['parent', { root: '/a/b', target: '/a', want: false }],
    ['sibling with common prefix', { root: '/a/b', target: '/a/bc/x.yaml', want: false }],
    ['elsewhere', { root: '/a/b', target: '/etc/passwd', want: false }],
  ])('%s', (_, { root, target, want }) => expect(isInside(root, target)).toBe(want));
});
