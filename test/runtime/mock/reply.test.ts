import { describe, expect, it } from 'vitest';
import { mockReply, mockRoute, type MockApi, type MockOperation } from '../../../runtime/index.js';

const api: MockApi = {
  servers: [{ url: 'https://{region}.pets.example/v1', variables: { region: { default: 'eu' } } }],
  schemas: {
    Pet: { kind: 'object', properties: { id: { kind: 'string' }, name: { kind: 'string' } }, required: ['id', 'name'] },
    Problem: { kind: 'object', properties: { title: { kind: 'string' } }, required: ['title'] },
  },
};
const getPet: MockOperation = {
  id: 'getPet',
  method: 'GET',
  path: '/pets/{petId}',
  responses: [
    { status: '404', mediaType: 'application/problem+json', schema: { kind: 'ref', ref: 'Problem' } },
    {
      status: '200',
      mediaType: 'application/json',
      schema: { kind: 'ref', ref: 'Pet' },
      headers: { 'X-Rate-Limit': { kind: 'integer', minimum: 1, maximum: 1 }, Link: { kind: 'string' } },
    },
    { status: '5XX', mediaType: 'application/json', schema: { kind: 'ref', ref: 'Problem' }, example: { title: 'down' } },
  ],
};
const request = new Request('https://eu.pets.example/v1/pets/p1');

describe('mockReply', () => {
  it('answers the lowest 2xx with generated data and declared headers (never Link)', async () => {
    const reply = await mockReply(api, getPet, request, undefined, { seed: 3 });
    expect(reply.status).toBe(200);
    expect(reply.headers).toEqual({ 'x-rate-limit': '1', 'content-type': 'application/json' });
    expect(JSON.parse(reply.body as string)).toEqual({ id: expect.any(String) as string, name: expect.any(String) as string });
    expect(await mockReply(api, getPet, request, undefined, { seed: 3 })).toEqual(reply);
  });

  it('answers an overridden status with that response, a range and its example, or the given body', async () => {
    const notFound = await mockReply(api, getPet, request, { status: 404 }, undefined);
    expect(notFound.status).toBe(404);
    expect(notFound.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(notFound.body as string)).toHaveProperty('title');
    const down = await mockReply(api, getPet, request, { status: 503 }, undefined);
    expect(JSON.parse(down.body as string)).toEqual({ title: 'down' });
    const custom = await mockReply(
      api,
      getPet,
      request,
      { status: 200, body: (r: Request) => ({ id: new URL(r.url).pathname }) },
      undefined,
    );
    expect(JSON.parse(custom.body as string)).toEqual({ id: '/v1/pets/p1' });
    const headers = await mockReply(api, getPet, request, { headers: { 'X-Rate-Limit': '9' } }, undefined);
    expect(headers.headers['x-rate-limit']).toBe('9');
  });

  it('sends no body for HEAD and 204', async () => {
    const head = await mockReply(api, getPet, new Request(request, { method: 'HEAD' }), undefined, undefined);
    expect(head.body).toBeNull();
    const empty = await mockReply(
      api,
      { id: 'del', method: 'DELETE', path: '/x', responses: [{ status: '204' }] },
      request,
      undefined,
      undefined,
    );
    expect(empty).toEqual({ status: 204, headers: {}, body: null });
  });

  it.each([
    ['text/json', '"hi"'],
    ['application/vnd.api+json; charset=utf-8', '"hi"'],
    ['*/*', '"hi"'],
    ['text/plain', 'hi'],
  ])('serializes a %s body as the client will parse it', async (mediaType, body) => {
    const op: MockOperation = { id: 'text', method: 'GET', path: '/t', responses: [{ status: '200', mediaType, example: 'hi' }] };
    expect((await mockReply(api, op, request, undefined, undefined)).body).toBe(body);
  });
});

describe('mockRoute', () => {
  it.each([
    ['any server variable value', undefined, 'https://us.pets.example/v1/pets/p1', true],
    ['a trailing slash', undefined, 'https://eu.pets.example/v1/pets/p1/', true],
    ['another path', undefined, 'https://eu.pets.example/v1/pets/p1/toys', false],
    ['another host', undefined, 'https://eu.other.example/v1/pets/p1', false],
    ['the baseUrl given', 'http://localhost:3000/api', 'http://localhost:3000/api/pets/p1', true],
    ["the spec's server when a baseUrl is given", 'http://localhost:3000/api', 'https://eu.pets.example/v1/pets/p1', false],
  ])('matches %s: %s', (_, baseUrl, url, want) => {
    expect(mockRoute(api, getPet, baseUrl).test(url)).toBe(want);
  });

  it('matches relative servers on any origin and keeps literal characters literal', () => {
    const route = mockRoute({ servers: [{ url: '/api/v3' }], schemas: {} }, { ...getPet, path: '/v1/{name}:cancel(+)' });
    expect(route.test('http://127.0.0.1:4010/api/v3/v1/ops:cancel(+)')).toBe(true);
    expect(route.test('http://127.0.0.1:4010/api/v3/v1/opsXcancel(+)')).toBe(false);
  });
});
