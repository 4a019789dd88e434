/**
 * Response validation in a client generated with `naming: 'camelCase'` and `dates: 'Date'` (issue
 * 11): bodies are checked as they arrive — snake_case names, date strings — before the transform,
 * so issues point into the wire body (`/created_at`), a valid body comes back camelCase with Dates,
 * and declared error bodies are checked the same way. A real server on 127.0.0.1.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/generate.js';
import { fixturesDir, generatedDir } from '../support/paths.js';
import { startServer, type TestServer } from '../runtime/support/client.js';

type Call = (params?: object, options?: object) => Promise<unknown>;
interface EventsClient {
  createEvent: Call;
  metrics: { snapshot(): { responseValidationFailures: number } };
}
interface EventsModule {
  createClient(options: object): EventsClient;
  isEvent(value: unknown): boolean;
}
interface Drift extends Error {
  status: number;
  requestId: string;
  validationIssues: { path: string; keyword: string }[];
}

let mod: EventsModule;
let server: TestServer;
/** What the server answers next. */
let answer: { status: number; body: unknown } = { status: 201, body: {} };

const wireEvent = {
  event_id: 'e_1',
  event_name: 'Launch',
  starts_at: '2026-03-01T10:00:00.000Z',
  created_at: '2026-02-01T08:30:00.000Z',
};
const { created_at: _created, ...withoutCreatedAt } = wireEvent;
const newEvent = { body: { eventName: 'Launch', startsAt: new Date('2026-03-01T10:00:00Z') } };

beforeAll(async () => {
  const out = generatedDir('e2e', 'events-validated');
  await generate({
    spec: path.join(fixturesDir, 'transform-snake-case/openapi.yaml'),
    out,
    naming: 'camelCase',
    dates: 'Date',
  });
  const entry = './__generated__/events-validated/index.js'; // generated above: a variable keeps tsc from resolving it
  mod = (await import(/* @vite-ignore */ entry)) as EventsModule;
  server = await startServer((_req, res) => {
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  });
}, 120_000);
afterAll(() => server.close());

function client(options: object = {}): EventsClient & { warnings: Record<string, unknown>[] } {
  const warnings: Record<string, unknown>[] = [];
  const logger = { debug() {}, info() {}, error() {}, warn: (record: Record<string, unknown>) => warnings.push(record) };
  const created = mod.createClient({ baseUrl: `${server.origin}/api`, retry: false, logger, ...options });
  return Object.assign(created, { warnings });
}

function drifts(c: { warnings: Record<string, unknown>[] }): unknown[] {
  return c.warnings.filter((w) => w['event'] === 'responseValidation').map((w) => [w['kind'], w['issues']]);
}

describe('a camelCase + Date client checks responses on the wire shape', () => {
  it('returns a valid wire body transformed, with no warning', async () => {
    answer = { status: 201, body: wireEvent };
    const c = client({ validate: { response: 'strict' } });
    const event = (await c.createEvent(newEvent)) as Record<string, unknown>;
    expect(event).toMatchObject({ eventId: 'e_1', eventName: 'Launch' });
    expect(event['createdAt']).toBeInstanceOf(Date);
    expect(event).not.toHaveProperty('created_at');
    expect(c.warnings).toEqual([]);
  });

  it('warn: a missing snake_case property is reported at its wire pointer, once, and counted per response', async () => {
    answer = { status: 201, body: withoutCreatedAt };
    const c = client();
    for (let i = 0; i < 2; i++) {
      const event = (await c.createEvent(newEvent)) as Record<string, unknown>;
      expect(event).toMatchObject({ eventId: 'e_1', eventName: 'Launch' });
      expect(event['startsAt']).toBeInstanceOf(Date);
    }
    expect(drifts(c)).toEqual([['required', [expect.objectContaining({ path: '/created_at', keyword: 'required' })]]]);
    expect(c.metrics.snapshot().responseValidationFailures).toBe(2);
  });

  it('strict: throws ResponseValidationError with status, request id and the wire issues', async () => {
    answer = { status: 201, body: withoutCreatedAt };
    const error = (await client({ validate: { response: 'strict' } })
      .createEvent(newEvent)
      .catch((e: unknown) => e)) as Drift;
    expect(error.name).toBe('ResponseValidationError');
    expect(error.status).toBe(201);
    expect(error.requestId).toMatch(/\w/);
    expect(error.validationIssues).toEqual([expect.objectContaining({ path: '/created_at', keyword: 'required' })]);
  });

  it('strict: an unparseable date is schema drift (format), reported before the transform could refuse it', async () => {
    answer = { status: 201, body: { ...wireEvent, created_at: 'yesterday' } };
    const error = (await client({ validate: { response: 'strict' } })
      .createEvent(newEvent)
      .catch((e: unknown) => e)) as Drift;
    expect(error.name).toBe('ResponseValidationError');
    expect(error.validationIssues).toEqual([expect.objectContaining({ path: '/created_at', keyword: 'format' })]);
  });

  it('off: nothing checked, the body transformed as ever', async () => {
    answer = { status: 201, body: withoutCreatedAt };
    const c = client({ validate: { response: 'off' } });
    expect(await c.createEvent(newEvent)).toMatchObject({ eventId: 'e_1' });
    expect(c.warnings).toEqual([]);
    expect(c.metrics.snapshot().responseValidationFailures).toBe(0);
  });

  it('checks a declared error body on the wire shape; the thrown error keeps the transformed body', async () => {
    answer = { status: 422, body: { error_code: 42, documentation_url: 'https://docs.example/e' } };
    const warned = client();
    const thrown = (await warned.createEvent(newEvent).catch((e: unknown) => e)) as Error & { status: number; body: unknown };
    expect(thrown.name).toBe('UnprocessableEntityError');
    expect(thrown.body).toEqual({ errorCode: 42, documentationUrl: 'https://docs.example/e' });
    expect(drifts(warned)).toEqual([['type', [expect.objectContaining({ path: '/error_code', keyword: 'type' })]]]);
    expect(warned.metrics.snapshot().responseValidationFailures).toBe(1);

    const strict = (await client({ validate: { response: 'strict' } })
      .createEvent(newEvent)
      .catch((e: unknown) => e)) as Drift;
    expect(strict.name).toBe('ResponseValidationError');
    expect(strict.status).toBe(422);
    expect(strict.validationIssues).toEqual([expect.objectContaining({ path: '/error_code' })]);
    const cause = strict.cause as Error & { body: unknown };
    expect(cause.name).toBe('UnprocessableEntityError');
    expect(cause.body).toEqual({ errorCode: 42, documentationUrl: 'https://docs.example/e' });

    answer = { status: 422, body: { error_code: 'EMPTY' } };
    const valid = (await client({ validate: { response: 'strict' } })
      .createEvent(newEvent)
      .catch((e: unknown) => e)) as Error & { body: unknown };
    expect(valid.name).toBe('UnprocessableEntityError');
    expect(valid.body).toEqual({ errorCode: 'EMPTY' });
  });

  it('isX of a transformed client checks the wire form (typed boolean: no wire type to narrow to)', () => {
    expect(mod.isEvent(wireEvent)).toBe(true);
    expect(mod.isEvent(withoutCreatedAt)).toBe(false);
  });
});
