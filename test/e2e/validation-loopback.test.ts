/**
 * Validation end to end (issue 11): a client generated from fixtures/validation against a real
 * loopback server that counts requests. Invalid input of every keyword family is refused before
 * anything is sent, with the field named; wrong response shapes are caught in `warn` (returned,
 * warned once per operation and kind, counted) and `strict` (thrown), and never in `off`.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/generate.js';
import { fixturesDir, generatedDir } from '../support/paths.js';
import { startServer, type TestServer } from '../runtime/support/client.js';

type Call = (params?: object, options?: object) => Promise<unknown>;
interface OrdersClient {
  listOrders: Call;
  createOrder: Call;
  metrics: { snapshot(): { responseValidationFailures: number } };
}
interface OrdersModule {
  createClient(options: object): OrdersClient;
  validateOrder(value: unknown): { ok: boolean; issues?: { path: string; keyword: string }[] };
  isOrder(value: unknown): boolean;
  parseOrder(value: unknown): unknown;
}

let mod: OrdersModule;
let server: TestServer;
/** What the server answers next: status and JSON body. */
let answer: { status: number; body: unknown } = { status: 200, body: [] };

const order = {
  id: 'o_1',
  email: 'ada@example.com',
  quantity: 2,
  price: 9.99,
  status: 'open',
  placedOn: '2026-03-01',
  note: 'gift',
  code: 'ABC-12',
  items: [{ sku: 'sku-1', tags: { color: 'red' } }],
  payment: { kind: 'card', last4: '4242' },
};
const { id: _id, ...newOrder } = order;
const listParams = { shopId: 'main', limit: 10, 'X-Tenant': '3f2b6c1e-9a4d-4e0b-8c1a-2b3c4d5e6f70', session: 'abcdefgh' };

beforeAll(async () => {
  const out = generatedDir('e2e', 'orders');
  await generate({ spec: path.join(fixturesDir, 'validation/openapi.yaml'), out });
  const entry = './__generated__/orders/index.js'; // generated above: a variable keeps tsc from resolving it
  mod = (await import(/* @vite-ignore */ entry)) as OrdersModule;
  server = await startServer((_req, res) => {
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  });
}, 120_000);
afterAll(() => server.close());

function client(options: object = {}): OrdersClient & { warnings: Record<string, unknown>[] } {
  const warnings: Record<string, unknown>[] = [];
  const logger = { debug() {}, info() {}, error() {}, warn: (record: Record<string, unknown>) => warnings.push(record) };
  const created = mod.createClient({ baseUrl: `${server.origin}/api`, retry: false, logger, ...options });
  return Object.assign(created, { warnings });
}

async function refusal(call: Promise<unknown>): Promise<{ name: string; details: { field: string; issue: string }[] }> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  const json = (error as { toJSON(): { error: { details: { field: string; issue: string }[] } } }).toJSON();
  return { name: (error as Error).name, details: json.error.details };
}

describe('request validation: refused before sending, the field named', () => {
  const body = (patch: Record<string, unknown>) => ({ shopId: 'main', body: { ...newOrder, ...patch } });
  it.each<[string, () => object, 'listOrders' | 'createOrder', string, RegExp]>([
    ['required query', () => ({ ...listParams, limit: undefined }), 'listOrders', 'query.limit', /required/],
    ['type (query)', () => ({ ...listParams, limit: '10' }), 'listOrders', 'query.limit', /integer/],
    ['maximum (query)', () => ({ ...listParams, limit: 51 }), 'listOrders', 'query.limit', /<= 50/],
    ['enum (query, via $ref)', () => ({ ...listParams, status: 'lost' }), 'listOrders', 'query.status', /one of/],
    ['required header', () => ({ ...listParams, 'X-Tenant': undefined }), 'listOrders', 'header.X-Tenant', /required/],
    ['format uuid (header)', () => ({ ...listParams, 'X-Tenant': 'nope' }), 'listOrders', 'header.X-Tenant', /uuid/],
    ['minLength (cookie)', () => ({ ...listParams, session: 'short' }), 'listOrders', 'cookie.session', /fewer than 8/],
    ['pattern (path)', () => ({ ...listParams, shopId: 'Main!' }), 'listOrders', 'path.shopId', /pattern/],
    ['required body', () => ({ shopId: 'main' }), 'createOrder', 'body', /required/],
    ['required property', () => body({ email: undefined }), 'createOrder', 'body/email', /required/],
    ['type integer', () => body({ quantity: 1.5 }), 'createOrder', 'body/quantity', /integer/],
    ['exclusiveMinimum', () => body({ price: 0 }), 'createOrder', 'body/price', /> 0/],
    ['multipleOf (fractional)', () => body({ price: 1.005 }), 'createOrder', 'body/price', /multiple of 0.01/],
    ['maxLength', () => body({ note: 'x'.repeat(21) }), 'createOrder', 'body/note', /more than 20/],
    ['pattern', () => body({ code: 'abc-1' }), 'createOrder', 'body/code', /pattern/],
    ['format date', () => body({ placedOn: '2026-02-30' }), 'createOrder', 'body/placedOn', /date/],
    ['format email', () => body({ email: 'not an email' }), 'createOrder', 'body/email', /email/],
    ['minItems', () => body({ items: [] }), 'createOrder', 'body/items', /fewer than 1/],
    ['uniqueItems', () => body({ items: [{ sku: 'abc' }, { sku: 'abc' }] }), 'createOrder', 'body/items/1', /duplicate/],
    ['nested required', () => body({ items: [{}] }), 'createOrder', 'body/items/0/sku', /required/],
    [
      'propertyNames',
      () => body({ items: [{ sku: 'abc', tags: { Bad: 'x' } }] }),
      'createOrder',
      'body/items/0/tags/Bad',
      /pattern/,
    ],
    ['additionalProperties', () => body({ extra: 1 }), 'createOrder', 'body/extra', /additional/],
    ['readOnly refused', () => body({ id: 'o_9' }), 'createOrder', 'body/id', /read-only/],
    [
      'discriminator mapping',
      () => body({ payment: { kind: 'card', last4: '12' } }),
      'createOrder',
      'body/payment/last4',
      /pattern/,
    ],
    ['discriminator value', () => body({ payment: { kind: 'cash' } }), 'createOrder', 'body/payment/kind', /"card", "transfer"/],
    ['enum (body, via $ref)', () => body({ status: 'lost' }), 'createOrder', 'body/status', /one of/],
  ])('%s', async (_, params, operation, field, issue) => {
    const before = server.requests.length;
    const refused = await refusal(client()[operation](params()));
    expect(refused.name).toBe('ValidationError');
    expect(refused.details).toContainEqual({ field, issue: expect.stringMatching(issue) });
    expect(server.requests.length).toBe(before);
  });

  it('lists every issue at once', async () => {
    const refused = await refusal(client().listOrders({ shopId: 'X', limit: 0 }));
    expect(refused.details.map((d) => d.field).sort()).toEqual([
      'cookie.session',
      'header.X-Tenant',
      'path.shopId',
      'query.limit',
    ]);
  });

  it('sends valid input, and invalid input when the call turns request validation off', async () => {
    answer = { status: 201, body: order };
    const before = server.requests.length;
    await client().createOrder({ shopId: 'main', body: newOrder });
    expect(server.requests.length).toBe(before + 1);
    await client().createOrder({ shopId: 'main', body: { ...newOrder, quantity: 'many' } }, { validate: { request: false } });
    expect(server.requests.length).toBe(before + 2);
  });
});

describe('response validation: warn, strict, off', () => {
  const drifted = [{ ...order, quantity: '2', status: 'lost', secret: 'pw', surprise: true }];

  it('warn (default): returns the data, warns once per operation and kind, counts every drifting response', async () => {
    answer = { status: 200, body: drifted };
    const c = client();
    for (let i = 0; i < 3; i++) expect(await c.listOrders(listParams)).toEqual(drifted);
    const kinds = c.warnings.filter((w) => w['event'] === 'responseValidation').map((w) => w['kind']);
    expect(kinds.sort()).toEqual(['additionalProperties', 'enum', 'type', 'writeOnly']);
    expect(c.metrics.snapshot().responseValidationFailures).toBe(3);
  });

  it('strict: throws ResponseValidationError with status, request id and issues', async () => {
    answer = { status: 200, body: [{ ...order, email: 42 }] };
    const error = (await client({ validate: { response: 'strict' } })
      .listOrders(listParams)
      .catch((e: unknown) => e)) as { name: string; status: number; requestId: string; validationIssues: unknown[] };
    expect(error.name).toBe('ResponseValidationError');
    expect(error.status).toBe(200);
    expect(error.requestId).toMatch(/\w/);
    expect(error.validationIssues).toEqual([{ path: '/0/email', keyword: 'type', message: 'must be string' }]);
  });

  it('off: neither warns nor counts nor throws, on the client or per call', async () => {
    answer = { status: 200, body: drifted };
    const off = client({ validate: { response: 'off' } });
    expect(await off.listOrders(listParams)).toEqual(drifted);
    expect(off.warnings).toEqual([]);
    expect(off.metrics.snapshot().responseValidationFailures).toBe(0);
    const strict = client({ validate: { response: 'strict' } });
    expect(await strict.listOrders(listParams, { validate: { response: 'off' } })).toEqual(drifted);
  });

  it('checks error bodies against their declared schema too', async () => {
    answer = { status: 404, body: { title: 404 } };
    const warned = client();
    const thrown = (await warned.listOrders(listParams).catch((e: unknown) => e)) as Error;
    expect(thrown.name).toBe('NotFoundError');
    expect(warned.warnings.map((w) => w['kind'])).toContain('type');
    const strict = (await client({ validate: { response: 'strict' } })
      .listOrders(listParams)
      .catch((e: unknown) => e)) as Error & { status: number };
    expect(strict.name).toBe('ResponseValidationError');
    expect(strict.status).toBe(404);
    expect((strict.cause as Error).name).toBe('NotFoundError');
    answer = { status: 404, body: { title: 'No such shop' } };
    const valid = (await client({ validate: { response: 'strict' } })
      .listOrders(listParams)
      .catch((e: unknown) => e)) as Error;
    expect(valid.name).toBe('NotFoundError');
  });
});

describe('generated validateX / isX / parseX', () => {
  it('reports issues with JSON pointers, narrows, and throws ValidationError', () => {
    expect(mod.isOrder(order)).toBe(true);
    const result = mod.validateOrder({ ...order, items: [{ sku: 'x' }] });
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([
      { path: '/items/0/sku', keyword: 'minLength', message: 'must NOT have fewer than 3 characters' },
    ]);
    expect(() => mod.parseOrder({})).toThrow(/not a valid Order/);
  });
});
