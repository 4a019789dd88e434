/**
 * A loopback server with one route per caching behaviour, counting every request it answers.
 * Helper for the cache tests (not a test file itself).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface CacheServer {
  origin: string;
  /** Requests by path. */
  hits(path: string): number;
  /** Conditional requests (If-None-Match / If-Modified-Since) by path. */
  conditional(path: string): number;
  close(): Promise<void>;
}

const LAST_MODIFIED = 'Tue, 01 Jul 2025 10:00:00 GMT';

function route(req: IncomingMessage, res: ServerResponse, url: URL, count: number): void {
  const send = (headers: Record<string, string>, body: string): void => {
    res.writeHead(200, { 'content-type': 'application/json', ...headers });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  const body = JSON.stringify({ path: url.pathname, n: count });
  switch (url.pathname) {
    case '/fresh':
      return send({ 'cache-control': 'max-age=60' }, body);
    case '/private':
      return send({ 'cache-control': 'private, max-age=60, s-maxage=0' }, body);
    case '/etag':
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"', 'cache-control': 'max-age=10', 'x-revalidated': String(count) });
        return void res.end();
      }
      return send({ etag: '"v1"', 'cache-control': 'no-cache', 'x-revalidated': 'no' }, body);
    case '/last-modified':
      if (req.headers['if-modified-since'] === LAST_MODIFIED) {
        res.writeHead(304);
        return void res.end();
      }
      return send({ 'last-modified': LAST_MODIFIED, 'cache-control': 'max-age=5' }, body);
    case '/no-store':
      return send({ 'cache-control': 'no-store', etag: '"x"' }, body);
    case '/plain':
      return send({}, body);
    case '/expires':
      return send({ expires: new Date(Date.now() + 30_000).toUTCString() }, body);
    case '/bad-expires':
      return send({ expires: '0' }, body);
    case '/vary':
      return send(
        { vary: 'Accept-Language', 'cache-control': 'max-age=60' },
        JSON.stringify({ lang: req.headers['accept-language'] ?? null, n: count }),
      );
    case '/vary-star':
      return send({ vary: '*', 'cache-control': 'max-age=60' }, body);
    case '/who':
      return send({ 'cache-control': 'max-age=60' }, JSON.stringify({ auth: req.headers.authorization ?? null, n: count }));
    case '/sized': {
      const size = Number(url.searchParams.get('bytes') ?? '0');
      const text = 'x'.repeat(size);
      if (url.searchParams.has('chunked')) {
        res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'max-age=60' });
        res.write(text.slice(0, size / 2));
        setTimeout(() => res.end(text.slice(size / 2)), 5);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'max-age=60', 'content-length': String(size) });
      return void res.end(text);
    }
    case '/broken':
      res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'max-age=60', 'content-length': '1000' });
      res.write('partial');
      setTimeout(() => res.destroy(), 5);
      return;
    case '/gzip': {
      const zipped = gzipSync(body);
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': String(zipped.length),
        'cache-control': 'max-age=60',
      });
      return void res.end(zipped);
    }
    case '/error':
      res.writeHead(500, { 'cache-control': 'max-age=60' });
      return void res.end('{}');
    default:
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(201, { location: '/fresh' });
        return void res.end('{}');
      }
      res.writeHead(404).end();
  }
}

export async function startCacheServer(): Promise<CacheServer> {
  const hits = new Map<string, number>();
  const conditional = new Map<string, number>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const count = (hits.get(url.pathname) ?? 0) + 1;
    hits.set(url.pathname, count);
    if (req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined) {
      conditional.set(url.pathname, (conditional.get(url.pathname) ?? 0) + 1);
    }
    route(req, res, url, count);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits: (path) => hits.get(path) ?? 0,
    conditional: (path) => conditional.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
