/**
 * A credential the server echoes back ("invalid key ak_…") never reaches what the client produces:
 * the error's message, toJSON(), util.inspect, body, the logger's records. A baseUrl with a password
 * that does not parse is not echoed either. Real loopback socket.
 */
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntimeClient } from '../../../runtime/client/runtime-client.js';
import { ConfigurationError, PermissionDeniedError } from '../../../runtime/errors/errors.js';
import type { ApiDescriptor } from '../../../runtime/client/descriptor.js';
import { json, makeApi, makeOp, rejectionOf, startServer, type TestServer } from '../support/client.js';

const KEY = 'ak_live_5f1e2d3c4b5a69788796a5b4';
let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, res) => {
    const key = String(req.headers['x-key'] ?? '');
    // A careless server: the rejected key in the message, a header and a nested field.
    json(res, 403, { error: { message: `invalid key ${key}`, detail: [{ given: key }] } }, { 'x-echo': key });
  });
});
afterAll(() => server.close());

function apiWithKey(): ApiDescriptor {
  return {
    ...makeApi([{ url: server.origin }]),
    security: [{ key: [] }],
    securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key', option: 'key', env: 'KS_KEY' } },
  };
}

describe('known credential values are redacted', () => {
  it('from the message, toJSON(), inspect output, body and log records of an error the server echoed the key into', async () => {
    const records: unknown[] = [];
    const log = (record: unknown) => records.push(record);
    const client = createRuntimeClient(apiWithKey(), {
      auth: { key: KEY },
      retry: false,
      circuitBreaker: false,
      rateLimit: false,
      logger: { debug: log, info: log, warn: log, error: log },
      logLevel: 'debug',
    });
    const error = await rejectionOf(client.request(makeOp(), undefined));
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(server.requests.at(-1)?.headers['x-key']).toBe(KEY); // the key was sent, so the server could echo it
    const produced = [
      (error as Error).message,
      JSON.stringify(error),
      JSON.stringify((error as PermissionDeniedError).body),
      inspect(error, { depth: 10 }),
      JSON.stringify(records),
    ];
    for (const text of produced) expect(text).not.toContain(KEY);
    expect((error as Error).message).toContain('[REDACTED]');
    expect(records.length).toBeGreaterThan(0);
  });

  it('a baseUrl with a password that does not parse: the ConfigurationError does not echo it', async () => {
    const client = createRuntimeClient(makeApi(), { baseUrl: 'https://user:hunter2-password@exa mple.test/v1' });
    const error = await rejectionOf(client.request(makeOp(), undefined));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(inspect(error)).not.toContain('hunter2-password');
    expect((error as Error).message).toContain('***@exa mple.test');
  });
});
