import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestTooLargeError, ValidationError } from '../../../runtime/errors/errors.js';
import { isRequestTooLargeError, isValidationError } from '../../../runtime/errors/guards.js';
import { encodeFormBody, isJsonMediaType } from '../../../runtime/request/body.js';
import type { BodyDescriptor, OperationDescriptor } from '../../../runtime/client/descriptor.js';
import { json, makeClient, makeOp, rejectionOf, startServer, type Recorded, type TestServer } from '../support/client.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_req, res) => json(res, 200, { ok: true }));
});
afterAll(() => server.close());

const last = (): Recorded => {
  const recorded = server.requests.at(-1);
  if (recorded === undefined) throw new Error('no request recorded');
  return recorded;
};
const postOp = (body: BodyDescriptor, extra: Partial<OperationDescriptor> = {}): OperationDescriptor =>
  makeOp({ id: 'create', method: 'POST', path: '/things', body, ...extra });
const send = (op: OperationDescriptor, params: object, options = {}): PromiseLike<unknown> =>
  makeClient(server.origin, options).request(op, params);

/** Parses what the server received as multipart with the platform's own parser. */
async function receivedForm(recorded: Recorded): Promise<FormData> {
  const contentType = String(recorded.headers['content-type']);
  return new Request('http://parse.test/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: new Uint8Array(recorded.body),
  }).formData();
}

describe('JSON bodies', () => {
  it.each([
    'application/json',
    'application/merge-patch+json',
    'application/vnd.acme.v2+json',
    'application/json; charset=utf-8',
  ])('%s is sent as JSON with that Content-Type', async (mediaType) => {
    await send(postOp({ mediaTypes: [mediaType], required: true }), { body: { name: 'Rex', tags: ['a'], n: 1.5 } });
    expect(last().headers['content-type']).toBe(mediaType);
    expect(last().body.toString('utf8')).toBe('{"name":"Rex","tags":["a"],"n":1.5}');
    expect(last().headers['content-length']).toBe(String(last().body.byteLength));
  });

  it('recognizes JSON media types', () => {
    expect(isJsonMediaType('application/problem+json')).toBe(true);
    expect(isJsonMediaType('text/json')).toBe(true);
    expect(isJsonMediaType('application/jsonl')).toBe(false);
    expect(isJsonMediaType('application/xml')).toBe(false);
  });

  it('refuses a missing required body and a contentType the operation does not declare', async () => {
    const op = postOp({ mediaTypes: ['application/json', 'text/plain'], required: true });
    await expect(send(op, {})).rejects.toThrow(/request body is required/);
    const error = await rejectionOf(makeClient(server.origin).request(op, { body: 'x' }, { contentType: 'application/xml' }));
    expect(isValidationError(error)).toBe(true);
    expect((error as Error).message).toMatch(/application\/json, text\/plain/);
  });

  it('honours OperationDescriptor.bodyKey when a parameter is named body', async () => {
    const op = postOp(
      { mediaTypes: ['application/json'], required: true },
      {
        bodyKey: 'requestBody',
        params: [{ name: 'body', in: 'query', style: 'form', explode: true }],
      },
    );
    await send(op, { body: 'q', requestBody: { a: 1 } });
    expect(last().url).toBe('/things?body=q');
    expect(last().body.toString()).toBe('{"a":1}');
  });
});

describe('form bodies (application/x-www-form-urlencoded)', () => {
  it('encodes primitives, arrays (explode by default), nested objects as JSON, and styles from encoding', async () => {
    const op = postOp({
      mediaTypes: ['application/x-www-form-urlencoded'],
      required: true,
      encoding: { ids: { style: 'form', explode: false }, filter: { style: 'deepObject', explode: true } },
    });
    await send(op, {
      body: { name: 'Rex & Co', tags: ['a', 'b'], ids: [1, 2], address: { city: 'Oslo' }, filter: { x: 1 }, skip: undefined },
    });
    expect(last().headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(last().body.toString()).toBe(
      'name=Rex%20%26%20Co&tags=a&tags=b&ids=1,2&address=%7B%22city%22%3A%22Oslo%22%7D&filter%5Bx%5D=1',
    );
    const parsed = new URLSearchParams(last().body.toString());
    expect(parsed.getAll('tags')).toEqual(['a', 'b']);
    expect(JSON.parse(parsed.get('address') ?? '')).toEqual({ city: 'Oslo' });
  });

  it('serializes a property as JSON when its encoding says so', () => {
    expect(encodeFormBody({ meta: [1, 2] }, { meta: { contentType: 'application/json' } })).toBe('meta=%5B1%2C2%5D');
  });
});

describe('multipart bodies', () => {
  it('sends files with filenames, per-part types, repeated parts for arrays and JSON for objects', async () => {
    const op = postOp({
      mediaTypes: ['multipart/form-data'],
      required: true,
      encoding: { avatar: { contentType: 'image/png' }, meta: { contentType: 'application/json' } },
    });
    const file = new File([new Uint8Array([137, 80, 78, 71])], 'me.png', { type: 'application/octet-stream' });
    await send(op, {
      body: {
        name: 'Rex',
        age: 3,
        avatar: file,
        docs: [new File(['one'], 'a.txt', { type: 'text/plain' }), new File(['two'], 'b.txt', { type: 'text/plain' })],
        tags: ['x', 'y'],
        address: { city: 'Oslo' },
        meta: { v: 1 },
        raw: new Uint8Array([1, 2, 3]),
        skip: undefined,
      },
    });
    expect(String(last().headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
    expect(last().headers['content-length']).toBe(String(last().body.byteLength));
    const form = await receivedForm(last());
    expect(form.get('name')).toBe('Rex');
    expect(form.get('age')).toBe('3');
    const avatar = form.get('avatar') as File;
    expect(avatar.name).toBe('me.png');
    expect(avatar.type).toBe('image/png');
    expect([...new Uint8Array(await avatar.arrayBuffer())]).toEqual([137, 80, 78, 71]);
    const docs = form.getAll('docs') as File[];
    expect(docs.map((d) => d.name)).toEqual(['a.txt', 'b.txt']);
    expect(await docs[1]?.text()).toBe('two');
    expect(form.getAll('tags')).toEqual(['x', 'y']);
    expect(JSON.parse(form.get('address') as string)).toEqual({ city: 'Oslo' });
    const meta = form.get('meta') as File;
    expect(meta.type).toBe('application/json');
    expect(JSON.parse(await meta.text())).toEqual({ v: 1 });
    expect((form.get('raw') as File).type).toBe('application/octet-stream');
    expect(form.has('skip')).toBe(false);
  });

  it('passes a caller-built FormData through', async () => {
    const fd = new FormData();
    fd.append('k', 'v');
    await send(postOp({ mediaTypes: ['multipart/form-data'], required: true }), { body: fd });
    expect((await receivedForm(last())).get('k')).toBe('v');
  });
});

describe('binary and text bodies', () => {
  const op = postOp({ mediaTypes: ['application/octet-stream', 'text/plain', 'image/*'], required: true });
  const bytes = [0, 1, 2, 250, 255];

  it.each([
    ['Uint8Array', () => new Uint8Array(bytes)],
    ['ArrayBuffer', () => new Uint8Array(bytes).buffer],
    ['DataView', () => new DataView(new Uint8Array([9, ...bytes]).buffer, 1)],
    ['Blob', () => new Blob([new Uint8Array(bytes)])],
    [
      'ReadableStream',
      () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new Uint8Array(bytes.slice(0, 2)));
            controller.enqueue(new Uint8Array(bytes.slice(2)));
            controller.close();
          },
        }),
    ],
  ])('%s is sent byte for byte as application/octet-stream', async (_name, make) => {
    await send(op, { body: make() });
    expect(last().headers['content-type']).toBe('application/octet-stream');
    expect([...last().body]).toEqual(bytes);
  });

  it('text/plain sends the string as UTF-8 with a charset', async () => {
    await makeClient(server.origin).request(op, { body: 'héllo' }, { contentType: 'text/plain' });
    expect(last().headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(last().body.toString('utf8')).toBe('héllo');
  });

  it('a media type range takes the Blob type', async () => {
    await makeClient(server.origin).request(op, { body: new Blob(['png'], { type: 'image/png' }) }, { contentType: 'image/*' });
    expect(last().headers['content-type']).toBe('image/png');
  });

  it('refuses an object for a binary media type', async () => {
    await expect(send(op, { body: { a: 1 } })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('maxRequestBytes', () => {
  const op = postOp({ mediaTypes: ['application/json', 'application/octet-stream'], required: true });

  it('refuses an oversized body before sending anything', async () => {
    const before = server.requests.length;
    const error = await rejectionOf(send(op, { body: { text: 'x'.repeat(200) } }, { maxRequestBytes: 100 }));
    expect(error).toBeInstanceOf(RequestTooLargeError);
    expect(isRequestTooLargeError(error) && isValidationError(error)).toBe(true);
    expect((error as RequestTooLargeError).limitBytes).toBe(100);
    expect(server.requests.length).toBe(before);
  });

  it('counts multipart bodies exactly', async () => {
    const multipart = postOp({ mediaTypes: ['multipart/form-data'], required: true });
    const before = server.requests.length;
    await expect(
      send(multipart, { body: { f: new Blob([new Uint8Array(500)]) } }, { maxRequestBytes: 400 }),
    ).rejects.toBeInstanceOf(RequestTooLargeError);
    expect(server.requests.length).toBe(before);
  });

  it('stops a streamed body once it passes the limit', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i += 1) controller.enqueue(new Uint8Array(64));
        controller.close();
      },
    });
    const error = await rejectionOf(
      makeClient(server.origin, { maxRequestBytes: 100 }).request(
        op,
        { body: stream },
        { contentType: 'application/octet-stream' },
      ),
    );
    expect(error).toBeInstanceOf(RequestTooLargeError);
  });

  it('lets a body at the limit through', async () => {
    await expect(send(op, { body: 'x'.repeat(8) }, { maxRequestBytes: 10 })).resolves.toEqual({ ok: true });
    expect(last().body.toString()).toBe('"xxxxxxxx"');
  });
});
