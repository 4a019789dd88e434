/**
 * A generated petstore client (fixtures/petstore) driven through every operation against msw
 * handlers that check what the spec says each request must look like.
 */
import path from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/generate.js';
import { fixturesDir, generatedDir } from '../support/paths.js';

const base = 'https://eu.petstore.example/v1';
const seen: { method: string; url: URL; headers: Headers; body: string }[] = [];
const pet = { id: 'p_1', name: 'Rex', tag: null, status: 'available', createdAt: '2026-01-01T00:00:00Z' };
const herd = [pet, ...['Tom', 'Max', 'Kit', 'Bo'].map((name, i) => ({ ...pet, id: `p_${i + 2}`, name }))];

const server = setupServer(
  http.all(`${base}/*`, async ({ request }) => {
    seen.push({
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: await request.clone().text(),
    });
  }),
  http.get(`${base}/pets`, ({ request }) => {
    const url = new URL(request.url);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 20);
    return HttpResponse.json(
      { items: herd.slice(offset, offset + limit), total: herd.length },
      { headers: { 'X-Total-Count': String(herd.length) } },
    );
  }),
  http.post(`${base}/pets`, async ({ request }) =>
    HttpResponse.json({ ...((await request.json()) as object), id: 'p_2', createdAt: pet.createdAt }, { status: 201 }),
  ),
  http.get(`${base}/pets/:petId`, ({ params }) =>
    params['petId'] === 'p_1' ? HttpResponse.json(pet) : HttpResponse.json({ title: 'Not Found', status: 404 }, { status: 404 }),
  ),
  http.patch(`${base}/pets/:petId`, async ({ request }) => {
    const form = new URLSearchParams(await request.text());
    return HttpResponse.json({ ...pet, name: form.get('name') ?? pet.name });
  }),
  http.delete(`${base}/pets/:petId`, () => new HttpResponse(null, { status: 204 })),
  http.put(`${base}/pets/:petId/photo`, async ({ request }) => {
    const form = await request.formData();
    const file = form.get('file');
    return HttpResponse.json({ url: `https://cdn.example/${file instanceof File ? file.size : 0}` });
  }),
  http.post(`${base}/store/orders`, async ({ request }) =>
    HttpResponse.json({ ...((await request.json()) as object), id: 'o_1' }, { status: 201 }),
  ),
  http.get(`${base}/health`, () => HttpResponse.text('ok')),
);

// The client is generated when the test starts, so its types are not there when the repo type-checks:
// the test sees it through the few members it calls (golden tests type-check generated code itself).
type Call = (params?: object) => PromiseLike<unknown> & { withResponse(): Promise<{ data: unknown; response: Response }> };
interface Petstore {
  pets: { listPets: (params?: object) => ReturnType<Call> & AsyncIterable<{ name: string }> } & Record<
    'createPet' | 'getPetById' | 'updatePet' | 'deletePet' | 'uploadPetPhoto',
    Call
  >;
  store: Record<'placeOrder', Call>;
  getHealth: Call;
  metrics: { snapshot(): { requests: number; failures: number; errorsByStatus: Record<string, number> } };
}
interface PetstoreModule {
  createClient(options: object): Petstore;
  isApiError(value: unknown): value is { status: number; requestId: string | undefined; toJSON(): { error: { code: string } } };
  NotFoundError: abstract new (...args: never[]) => unknown;
}
let petstore: Petstore;
let mod: PetstoreModule;

beforeAll(async () => {
  const out = generatedDir('e2e', 'petstore');
  await generate({ spec: path.join(fixturesDir, 'petstore/openapi.yaml'), out });
  const entry = './__generated__/petstore/index.js';
  mod = (await import(/* @vite-ignore */ entry)) as PetstoreModule;
  server.listen({ onUnhandledRequest: 'error' });
  petstore = mod.createClient({
    auth: { apiKey: 'key-123', bearerAuth: 'bearer-456', oauth2: { accessToken: 'oauth-789' } },
    retry: false,
  });
}, 60_000);
afterAll(() => server.close());

function last() {
  const request = seen.at(-1);
  if (!request) throw new Error('no request reached the server');
  return request;
}

describe('generated petstore client over msw', () => {
  it('listPets sends form-style query parameters and the API key', async () => {
    const page = await petstore.pets.listPets({ limit: 5, status: ['available', 'sold'] });
    expect(page).toMatchObject({
      items: [{ name: 'Rex' }, { name: 'Tom' }, { name: 'Max' }, { name: 'Kit' }, { name: 'Bo' }],
      total: 5,
    });
    const request = last();
    expect(request.url.searchParams.get('limit')).toBe('5');
    expect(request.url.searchParams.get('status')).toBe('available,sold');
    expect(request.headers.get('x-api-key')).toBe('key-123');
    expect(request.headers.get('accept')).toContain('application/json');
    expect(request.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('listPets is async-iterable over every item of every page (offset pagination detected from the spec)', async () => {
    const before = seen.length;
    const names: string[] = [];
    for await (const item of petstore.pets.listPets({ limit: 2 })) names.push(item.name);
    expect(names).toEqual(['Rex', 'Tom', 'Max', 'Kit', 'Bo']);
    const offsets = seen.slice(before).map((r) => r.url.searchParams.get('offset'));
    expect(offsets).toEqual([null, '2', '4']);
  });

  it('createPet sends JSON and its declared idempotency header', async () => {
    const created = await petstore.pets.createPet({ body: { name: 'Tom' }, 'Idempotency-Key': 'idem-1' });
    expect(created).toMatchObject({ id: 'p_2', name: 'Tom' });
    const request = last();
    expect(request.method).toBe('POST');
    expect(request.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(request.body)).toEqual({ name: 'Tom' });
    expect(request.headers.get('idempotency-key')).toBe('idem-1');
  });

  it('getPetById encodes the path, sends header and cookie parameters, and withResponse() gives the response', async () => {
    const { data, response } = await petstore.pets.getPetById({ petId: 'p_1', 'X-Trace': 't-1', session: 's 1' }).withResponse();
    expect(data).toMatchObject({ id: 'p_1' });
    expect(response.status).toBe(200);
    const request = last();
    expect(request.url.pathname).toBe('/v1/pets/p_1');
    expect(request.headers.get('x-trace')).toBe('t-1');
    expect(request.headers.get('cookie')).toContain('session=s%201');
  });

  it('getPetById throws a typed NotFoundError with the body and request id', async () => {
    const error = await petstore.pets.getPetById({ petId: 'a/../b' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(mod.NotFoundError);
    expect(last().url.pathname).toBe('/v1/pets/a%2F..%2Fb');
    if (!mod.isApiError(error)) throw new Error('expected an ApiError');
    const notFound = error;
    expect(notFound.status).toBe(404);
    expect(notFound.requestId).toBe(last().headers.get('x-request-id'));
    expect(notFound.toJSON().error.code).toBe('NOT_FOUND');
  });

  it('updatePet sends a form-urlencoded body', async () => {
    const updated = await petstore.pets.updatePet({ petId: 'p_1', body: { name: 'Max', status: 'pending' } });
    expect(updated).toMatchObject({ name: 'Max' });
    const request = last();
    expect(request.headers.get('content-type')).toMatch(/^application\/x-www-form-urlencoded/);
    expect(new URLSearchParams(request.body).get('status')).toBe('pending');
  });

  it('deletePet uses its own bearer requirement and resolves with nothing on 204', async () => {
    await expect(petstore.pets.deletePet({ petId: 'p_1' })).resolves.toBeUndefined();
    const request = last();
    expect(request.headers.get('authorization')).toBe('Bearer bearer-456');
    expect(request.headers.get('x-api-key')).toBeNull();
  });

  it('uploadPetPhoto sends multipart with the file part', async () => {
    const result = await petstore.pets.uploadPetPhoto({
      petId: 'p_1',
      body: { file: new Blob([new Uint8Array(7)], { type: 'image/png' }), caption: 'hi' },
    });
    expect(result).toEqual({ url: 'https://cdn.example/7' });
    expect(last().headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
  });

  it('placeOrder sends the OAuth access token', async () => {
    const order = await petstore.store.placeOrder({
      body: { petId: 'p_1', quantity: 2, payment: { method: 'card', last4: '4242' } },
    });
    expect(order).toMatchObject({ id: 'o_1', quantity: 2 });
    expect(last().headers.get('authorization')).toBe('Bearer oauth-789');
  });

  it('counts every call in client.metrics', () => {
    const snapshot = petstore.metrics.snapshot();
    expect(snapshot.requests).toBeGreaterThanOrEqual(9);
    expect(snapshot.failures).toBeGreaterThanOrEqual(1);
    expect(snapshot.errorsByStatus['404']).toBe(1);
  });

  it('getHealth (security: []) sends no credentials and parses text', async () => {
    await expect(petstore.getHealth()).resolves.toBe('ok');
    const request = last();
    expect(request.headers.get('x-api-key')).toBeNull();
    expect(request.headers.get('authorization')).toBeNull();
  });
});
