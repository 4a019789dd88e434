/** A tiny in-memory petstore on 127.0.0.1 (OS-picked port), enough for the quick-start example. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface StoredPet {
  id: string;
  name: string;
  tag?: string | null;
  status?: string;
  createdAt: string;
}

export async function startPetstoreServer(): Promise<{ url: string; server: Server }> {
  const pets = new Map<string, StoredPet>();
  let next = 1;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, body?: unknown, type = 'application/json') => {
      res.writeHead(status, body === undefined ? {} : { 'content-type': type });
      res.end(body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (req.headers['x-api-key'] !== 'demo-key' && url.pathname !== '/v1/health') {
      return send(
        401,
        { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Missing or wrong X-API-Key.' },
        'application/problem+json',
      );
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const match = /^\/v1\/pets(?:\/([^/]+))?$/.exec(url.pathname);
      if (url.pathname === '/v1/health') return send(200, 'ok', 'text/plain');
      if (!match) return send(404, { title: 'Not Found', status: 404 }, 'application/problem+json');
      const id = match[1] === undefined ? undefined : decodeURIComponent(match[1]);
      if (req.method === 'GET' && id === undefined) {
        const limit = Number(url.searchParams.get('limit') ?? 20);
        const offset = Number(url.searchParams.get('offset') ?? 0);
        const all = [...pets.values()];
        return send(200, { items: all.slice(offset, offset + limit), total: all.length });
      }
      if (req.method === 'POST' && id === undefined) {
        const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Omit<StoredPet, 'id' | 'createdAt'>;
        const pet: StoredPet = { ...input, id: `p_${next++}`, createdAt: new Date().toISOString() };
        pets.set(pet.id, pet);
        return send(201, pet);
      }
      if (req.method === 'GET' && id !== undefined) {
        const pet = pets.get(id);
        return pet ? send(200, pet) : send(404, { title: 'Not Found', status: 404, detail: `No pet ${id}.` }, 'application/json');
      }
      return send(405, { title: 'Method Not Allowed', status: 405 }, 'application/problem+json');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, server };
}
