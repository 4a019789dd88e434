/** Shared builders for the runtime core tests: a loopback server that records raw bytes, descriptors, clients. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAuthenticator, type Authenticator } from '../../../runtime/auth/index.js';
import { systemClock } from '../../../runtime/util/clock.js';
import { type Client, type ClientOptions } from '../../../runtime/client/client.js';
import { createRuntimeClient } from '../../../runtime/client/runtime-client.js';
import type { ApiDescriptor, Clock, OperationDescriptor } from '../../../runtime/client/descriptor.js';

export interface Recorded {
  method: string;
  /** Raw request target as received (path + query, still percent-encoded). */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface TestServer {
  origin: string;
  port: number;
  requests: Recorded[];
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, recorded: Recorded) => void;

/** A node:http server on 127.0.0.1, OS-picked port; records each request with its full body before answering. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: Recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      handler(req, res, recorded);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function makeApi(servers: ApiDescriptor['servers'] = [{ url: 'https://api.example.test/v1' }]): ApiDescriptor {
  return { title: 'Pet Store', version: '1.2.3', envPrefix: 'PETSTORE', servers, security: [], securitySchemes: {} };
}

export function makeOp(overrides: Partial<OperationDescriptor> = {}): OperationDescriptor {
  return {
    id: 'getThing',
    method: 'GET',
    path: '/things',
    params: [],
    responses: { '200': ['application/json'], default: ['application/json'] },
    ...overrides,
  };
}

/** The real authenticator with some members replaced: keeps the test valid as the auth interface grows. */
export function fakeAuthenticator(overrides: Partial<Authenticator>): Authenticator {
  const base = createAuthenticator(makeApi(), undefined, { fetch: globalThis.fetch, clock: systemClock });
  return { ...base, ...overrides };
}

/** A client with retries, breaker and limiter off, so each test sees exactly one attempt per call. */
export function makeClient(
  baseUrl: string | undefined,
  options: ClientOptions = {},
  authenticator?: Authenticator,
  api: ApiDescriptor = makeApi(),
): Client {
  return createRuntimeClient(
    api,
    { retry: false, circuitBreaker: false, rateLimit: false, ...(baseUrl === undefined ? {} : { baseUrl }), ...options },
    authenticator === undefined ? {} : { authenticator },
  );
}

/** A clock whose time the test sets; sleeps never resolve on their own (timeouts stay off unless asked). */
export function frozenClock(start = 1_700_000_000_000): Clock & { set(now: number): void } {
  let now = start;
  return {
    now: () => now,
    set(value: number) {
      now = value;
    },
    sleep: (_ms, signal) =>
      new Promise<void>((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
      }),
  };
}

/** Awaits a promise expected to reject and returns the error (fails the test if it resolves). */
export async function rejectionOf(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}
