/**
 * The runtime rows' shared scenario: a generated petstore client creates a pet, pages through every
 * pet with `for await`, and reads a 404 as a typed error — against a loopback node:http server that
 * answers CORS preflights, so the same scenario runs in Node, Deno, Bun and a browser page.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { fixturesDir, generatedDir } from '../support/paths.js';
import { copySharedClients } from '../support/shared-clients.js';

export const runProcess = promisify(execFile);

/** What the scenario prints when every step worked. */
export const expectedSummary = {
  created: 'p_4',
  names: ['Ada', 'Bob', 'Cy', 'Rex'],
  notFound: 'NotFoundError 404',
};

export interface ScenarioServer {
  url: string;
  /** `METHOD path?query api-key` of every non-preflight request, in order. */
  requests: string[];
  /** Number of CORS preflights answered. */
  preflights: number;
  close(): Promise<void>;
}

/** An in-memory petstore on 127.0.0.1 (port 0) under `/v1`, open to any origin. */
export async function startScenarioServer(): Promise<ScenarioServer> {
  const pets = ['Ada', 'Bob', 'Cy'].map((name, i) => ({ id: `p_${i + 1}`, name, createdAt: '2026-01-01T00:00:00Z' }));
  const state = { requests: [] as string[], preflights: 0 };
  const server = createServer((req, res) => {
    const cors = {
      'access-control-allow-origin': req.headers.origin ?? '*',
      'access-control-allow-methods': 'GET, POST, PATCH, DELETE',
      'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
      'access-control-expose-headers': '*',
      vary: 'origin',
    };
    if (req.method === 'OPTIONS') {
      state.preflights += 1;
      res.writeHead(204, cors).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    state.requests.push(`${req.method ?? ''} ${url.pathname}${url.search} ${String(req.headers['x-api-key'])}`);
    const send = (status: number, body: unknown, type = 'application/json'): void => {
      res.writeHead(status, { ...cors, 'content-type': type }).end(JSON.stringify(body));
    };
    void readBody(req).then((body) => {
      if (req.method === 'POST' && url.pathname === '/v1/pets') {
        const input = JSON.parse(body) as { name: string };
        const pet = { id: `p_${pets.length + 1}`, name: input.name, createdAt: '2026-01-02T00:00:00Z' };
        pets.push(pet);
        return send(201, pet);
      }
      if (req.method === 'GET' && url.pathname === '/v1/pets') {
        const limit = Number(url.searchParams.get('limit') ?? 20);
        const offset = Number(url.searchParams.get('offset') ?? 0);
        return send(200, { items: pets.slice(offset, offset + limit), total: pets.length });
      }
      const found = /^\/v1\/pets\/([^/]+)$/.exec(url.pathname);
      const pet = pets.find((p) => p.id === decodeURIComponent(found?.[1] ?? ''));
      if (req.method === 'GET' && pet) return send(200, pet);
      return send(404, { type: 'about:blank', title: 'Not Found', status: 404 }, 'application/problem+json');
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    get requests() {
      return state.requests;
    },
    get preflights() {
      return state.preflights;
    },
    close: () => closeServer(server),
  };
}

export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Puts the petstore client into `<row>/petstore` and writes `scenario.ts` (the steps, as a
 * function of the base URL) and `main.ts` (runs them against `baseUrl` and prints the summary).
 */
export async function writeScenario(row: string, baseUrl: string): Promise<string> {
  const dir = generatedDir('compat', row);
  await copySharedClients([{ spec: path.join(fixturesDir, 'petstore', 'openapi.yaml'), out: path.join(dir, 'petstore') }]);
  writeFileSync(
    path.join(dir, 'scenario.ts'),
    `import { createClient, isApiError } from './petstore/index.js';

export async function scenario(baseUrl: string): Promise<string> {
  const client = createClient({ baseUrl, auth: { apiKey: 'compat-key' } });
  const created = await client.pets.createPet({ body: { name: 'Rex', tag: 'dog' } });
  const names: string[] = [];
  for await (const pet of client.pets.listPets({ limit: 2 })) names.push(pet.name);
  let notFound = '';
  try {
    await client.pets.getPetById({ petId: 'missing' });
  } catch (error) {
    if (!isApiError(error)) throw error;
    notFound = \`\${error.name} \${error.status}\`;
  }
  return JSON.stringify({ created: created.id, names, notFound });
}
`,
  );
  writeFileSync(
    path.join(dir, 'main.ts'),
    `import { scenario } from './scenario.js';\n\nconsole.log(await scenario(${JSON.stringify(baseUrl)}));\n`,
  );
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, type: 'module' }));
  return dir;
}

/** The summary line a run printed (its last line of output), parsed. */
export function summaryOf(stdout: string): unknown {
  const last = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as unknown;
}

/** The requests the scenario makes, as the server records them. */
export const expectedRequests = [
  'POST /v1/pets compat-key',
  'GET /v1/pets?limit=2 compat-key',
  'GET /v1/pets?limit=2&offset=2 compat-key',
  'GET /v1/pets?limit=2&offset=4 compat-key',
  'GET /v1/pets/missing compat-key',
];
