/** Header names that are not RFC 9110 tokens fail the call with a typed error (never a raw TypeError), before anything is sent. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntimeClient } from '../../../runtime/client/runtime-client.js';
import { ConfigurationError, ValidationError } from '../../../runtime/errors/errors.js';
import { isHeaderName } from '../../../runtime/request/header-name.js';
import { json, makeApi, makeOp, rejectionOf, startServer, type TestServer } from '../support/client.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_req, res) => json(res, 200, {}));
});
afterAll(() => server.close());

describe('header names', () => {
  it('isHeaderName follows the token rule', () => {
    for (const good of ['X-Key', 'x_key', "a!#$%&'*+.^_`|~1"]) expect(isHeaderName(good), good).toBe(true);
    for (const bad of ['X Key', 'X:Key', '', 'Ключ', 'a\r\nb', '(x)']) expect(isHeaderName(bad), bad).toBe(false);
  });

  it('an apiKey scheme with an impossible header name: ConfigurationError naming the scheme, nothing sent', async () => {
    const before = server.requests.length;
    const api = {
      ...makeApi([{ url: server.origin }]),
      security: [{ key: [] }],
      securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X Key', option: 'key', env: 'HN_KEY' } as const },
    };
    const client = createRuntimeClient(api, { auth: { key: 'k-123456' }, retry: false });
    const error = await rejectionOf(client.request(makeOp(), undefined));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/security scheme "key".*not a valid HTTP header name/);
    expect(server.requests.length).toBe(before);
  });

  it('a header parameter or call header with an impossible name: ValidationError, nothing sent', async () => {
    const before = server.requests.length;
    const client = createRuntimeClient(makeApi([{ url: server.origin }]), { retry: false });
    const op = makeOp({ params: [{ name: 'Bad Name', in: 'header', style: 'simple', explode: false }] });
    expect(await rejectionOf(client.request(op, { 'Bad Name': 'v' }))).toBeInstanceOf(ValidationError);
    expect(server.requests.length).toBe(before);
  });
});
