import { describe, expect, it } from 'vitest';
import { buildPath } from '../../../runtime/request/url.js';
import type { OperationDescriptor } from '../../../runtime/client/descriptor.js';

const op = (path: string): OperationDescriptor => ({
  id: 'op',
  method: 'GET',
  path,
  params: [{ name: 'id', in: 'path', style: 'simple', explode: false, required: true }],
  responses: {},
});

describe('literal text of path templates', () => {
  it.each([
    ['/a\\b/{id}', '/a%5Cb/7'],
    ['/a`+(globalThis.__pwned=1)+`/{id}', '/a%60+(globalThis.__pwned=1)+%60/7'],
    ['/caf\u00e9 #1/{id}', '/caf%C3%A9%20%231/7'],
    ['/100%/{id}', '/100%25/7'],
    ['/already%20encoded/{id}', '/already%20encoded/7'],
    ['/things?action=run&id={id}', '/things?action=run&id=7'],
  ])('%s → %s', (template, want) => {
    const path = buildPath(op(template), { id: 7 });
    expect(path).toBe(want);
    // What the URL parser makes of it is still the same path: no segment gained or lost.
    expect(new URL(path, 'https://api.example').pathname.split('/').length).toBe(want.split('?')[0]?.split('/').length);
  });
});
