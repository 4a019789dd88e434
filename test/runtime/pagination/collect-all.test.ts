/** `all({ max })` on a paginated call, against a loopback server that pages 25 items 10 at a time. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRuntimeClient,
  paginate,
  isPaginationError,
  PaginationLimitError,
  type ApiDescriptor,
  type OperationDescriptor,
} from '../../../runtime/index.js';

const TOTAL = 25;
const PAGE = 10;
let server: Server;
let origin: string;
let requests = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    const at = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('cursor') ?? '0');
    const items = Array.from({ length: Math.max(0, Math.min(PAGE, TOTAL - at)) }, (_, i) => ({ id: at + i }));
    const next = at + PAGE < TOTAL ? String(at + PAGE) : null;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items, next }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const op: OperationDescriptor = {
  id: 'listItems',
  method: 'GET',
  path: '/items',
  params: [{ name: 'cursor', in: 'query', style: 'form', explode: true }],
  responses: { '200': ['application/json'] },
  pagination: { style: 'cursor', cursorParam: 'cursor', nextCursorPath: ['next'], itemsPath: ['items'] },
};

function list() {
  const api: ApiDescriptor = {
    title: 'Items',
    version: '1',
    envPrefix: 'ITEMS',
    servers: [{ url: origin }],
    security: [],
    securitySchemes: {},
  };
  return paginate<{ items: { id: number }[] }, { id: number }>(createRuntimeClient(api, { retry: false }), op, {});
}

describe('all({ max })', () => {
  it('collects every item of every page in order', async () => {
    requests = 0;
    const items = await list().all();
    expect(items.map((i) => i.id)).toEqual(Array.from({ length: TOTAL }, (_, i) => i));
    expect(requests).toBe(3);
  });

  it('accepts exactly max items', async () => {
    expect(await list().all({ max: TOTAL })).toHaveLength(TOTAL);
  });

  it('fails with PaginationLimitError instead of returning a silent first max, and stops fetching', async () => {
    requests = 0;
    const error = await list()
      .all({ max: 12 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationLimitError);
    expect(isPaginationError(error)).toBe(true);
    expect((error as PaginationLimitError).max).toBe(12);
    expect(requests).toBe(2);
  });

  it.each([-1, 1.5, Number.NaN])('refuses max = %s', async (max) => {
    const call = list();
    await call; // the call's first request is on its way already: let it finish before the server stops
    await expect(call.all({ max })).rejects.toBeInstanceOf(RangeError);
  });
});
