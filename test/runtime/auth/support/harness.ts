/** Shared test helpers: loopback servers, a fake clock, hand-built descriptors and a mini client loop. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Authenticator } from '../../../../runtime/auth/index.js';
import type {
  ApiDescriptor,
  Clock,
  OperationDescriptor,
  PreparedRequest,
  RequestContext,
  SecurityRequirement,
  SecuritySchemeDescriptor,
} from '../../../../runtime/client/descriptor.js';

export interface Loopback {
  readonly url: string;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>;

/** A node:http server on 127.0.0.1, OS-picked port. */
export async function startLoopback(handler: Handler): Promise<Loopback> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      Promise.resolve(handler(req, res, Buffer.concat(chunks).toString('utf8'))).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export interface FakeClock extends Clock {
  advance(ms: number): void;
}

export function createFakeClock(start = Date.now()): FakeClock {
  let time = start;
  return {
    now: () => time,
    sleep: () => Promise.resolve(),
    advance(ms) {
      time += ms;
    },
  };
}

export function createApi(
  securitySchemes: Record<string, SecuritySchemeDescriptor>,
  security: readonly SecurityRequirement[] = [],
  servers: ApiDescriptor['servers'] = [],
): ApiDescriptor {
  return { title: 'Test API', version: '1.0.0', envPrefix: 'TESTAPI', servers, security, securitySchemes };
}

let counter = 0;
export function createContext(security?: readonly SecurityRequirement[], id = 'getThing'): RequestContext {
  const operation: OperationDescriptor = {
    id,
    method: 'GET',
    path: '/thing',
    params: [],
    responses: { '200': ['application/json'] },
    ...(security !== undefined ? { security } : {}),
  };
  counter += 1;
  return { operation, requestId: `req-${counter}` };
}

export function createRequest(url: string): PreparedRequest {
  return { method: 'GET', url: new URL(url), headers: new Headers() };
}

/** What a client does per attempt: apply auth, send, and on 401 ask the authenticator once whether to retry. */
export async function sendWithAuth(auth: Authenticator, ctx: RequestContext, url: string): Promise<Response> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const request = createRequest(url);
    await auth.apply(request, ctx);
    const response = await fetch(request.url, { method: request.method, headers: request.headers });
    if (response.status !== 401 || attempt === 1) return response;
    await response.arrayBuffer();
    if (!(await auth.onUnauthorized(ctx))) return response;
  }
  throw new Error('unreachable');
}

/** Restores process.env keys after a test that sets them. */
export function withEnv(values: Record<string, string | undefined>): () => void {
  const saved = new Map<string, string | undefined>();
  for (const [key, value] of Object.entries(values)) {
    saved.set(key, process.env[key]);
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  return () => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}
