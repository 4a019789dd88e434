/**
 * A loopback server that pages through the same 23 items in every style a real API uses.
 * Helper for the pagination tests (not a test file itself).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Item {
  id: string;
  n: number;
}

export const ITEMS: readonly Item[] = Array.from({ length: 23 }, (_, i) => ({
  id: `item_${String(i + 1).padStart(2, '0')}`,
  n: i + 1,
}));

export interface PagingServer {
  origin: string;
  /** Requests seen, by path. */
  hits: Map<string, number>;
  /** Authorization header of every request, by path (null when absent). */
  auth: Map<string, (string | null)[]>;
  /** Set the origin that `/cross` links its next page to. */
  setForeignOrigin(origin: string): void;
  close(): Promise<void>;
}

/** Servers cap the page size, like real APIs do (a limit of 1000 still returns 10). */
const MAX_PAGE = 10;

function intParam(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name);
  const value = raw === null ? NaN : Number(raw);
  return Number.isInteger(value) ? value : fallback;
}

function sendJson(res: ServerResponse, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function handle(url: URL, res: ServerResponse, foreignOrigin: () => string): void {
  const limit = Math.min(intParam(url, 'limit', 5), MAX_PAGE);
  switch (url.pathname) {
    case '/offset': {
      const offset = intParam(url, 'offset', 0);
      return sendJson(res, { data: ITEMS.slice(offset, offset + limit), total: ITEMS.length });
    }
    case '/page': {
      const size = Math.min(intParam(url, 'per_page', 5), MAX_PAGE);
      const page = intParam(url, 'page', 1);
      return sendJson(res, { results: ITEMS.slice((page - 1) * size, page * size) });
    }
    case '/cursor': {
      // Slack style: an opaque cursor in response_metadata.next_cursor, '' on the last page.
      const start = url.searchParams.has('cursor')
        ? Number(Buffer.from(url.searchParams.get('cursor') ?? '', 'base64url').toString())
        : 0;
      const end = start + limit;
      const next = end < ITEMS.length ? Buffer.from(String(end)).toString('base64url') : '';
      return sendJson(res, { ok: true, channels: ITEMS.slice(start, end), response_metadata: { next_cursor: next } });
    }
    case '/stripe': {
      const after = url.searchParams.get('starting_after');
      const start = after === null ? 0 : ITEMS.findIndex((item) => item.id === after) + 1;
      const data = ITEMS.slice(start, start + limit);
      return sendJson(res, { object: 'list', data, has_more: start + limit < ITEMS.length });
    }
    case '/next': {
      const start = intParam(url, 'from', 0);
      const next = start + limit < ITEMS.length ? `next?from=${start + limit}&limit=${limit}` : null;
      return sendJson(res, { values: ITEMS.slice(start, start + limit), links: { next } });
    }
    case '/link': {
      const page = intParam(url, 'page', 1);
      const size = 4;
      const last = Math.ceil(ITEMS.length / size);
      const self = (p: number): string => `<${url.origin}/link?page=${p}&per_page=${size}>`;
      // Several links, quoted params with commas and semicolons, a rel list, `next` not first.
      const links = [`${self(1)}; rel="first"; title="a, b; c"`, `${self(last)}; rel=last`];
      if (page < last) links.push(`${self(page + 1)}; title="next, please"; rel="next prefetch"`);
      if (page > 1) links.unshift(`${self(page - 1)}; rel="prev"`);
      return sendJson(res, ITEMS.slice((page - 1) * size, page * size), { link: links.join(', ') });
    }
    case '/loop':
      return sendJson(res, { items: ITEMS.slice(0, 2), next_cursor: 'same' });
    case '/cross': {
      const start = intParam(url, 'from', 0);
      return sendJson(res, { items: ITEMS.slice(start, start + 2), next: `${foreignOrigin()}/cross?from=${start + 2}` });
    }
    default:
      res.writeHead(404).end();
  }
}

export async function startPagingServer(): Promise<PagingServer> {
  const hits = new Map<string, number>();
  const auth = new Map<string, (string | null)[]>();
  let foreign = 'http://127.0.0.1:1';
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
    auth.set(url.pathname, [...(auth.get(url.pathname) ?? []), req.headers.authorization ?? null]);
    handle(url, res, () => foreign);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    auth,
    setForeignOrigin: (origin) => {
      foreign = origin;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
