/**
 * The opt-in transformation end to end: a client generated with `naming: 'camelCase'` and
 * `dates: 'Date'` from a snake_case spec sends snake_case with date strings, and hands back
 * camelCase with Date objects — in results and in typed error bodies. Map keys are never renamed.
 */
import path from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/generate.js';
import { fixturesDir, generatedDir } from '../support/paths.js';

const base = 'https://events.example/api';
const received: { url: URL; body: unknown }[] = [];
const wireEvent = {
  event_id: 'e_1',
  event_name: 'Launch',
  starts_at: '2026-03-01T10:00:00.000Z',
  day_of: '2026-03-01',
  created_at: '2026-02-01T08:30:00.000Z',
  extra_labels: { team_name: 'core' },
};

const server = setupServer(
  http.get(`${base}/events`, ({ request }) => {
    received.push({ url: new URL(request.url), body: undefined });
    return HttpResponse.json({ data: [wireEvent], has_more: false });
  }),
  http.post(`${base}/events`, async ({ request }) => {
    const body = (await request.json()) as Record<string, unknown>;
    received.push({ url: new URL(request.url), body });
    if (body['event_name'] === '')
      return HttpResponse.json({ error_code: 'EMPTY', documentation_url: 'https://docs.example/e' }, { status: 422 });
    return HttpResponse.json({ ...wireEvent, ...body }, { status: 201 });
  }),
);

type Call = (params?: object) => PromiseLike<unknown>;
interface EventsModule {
  createClient(options: object): { listEvents: Call; createEvent: Call };
}
let client: ReturnType<EventsModule['createClient']>;

beforeAll(async () => {
  await generate({
    spec: path.join(fixturesDir, 'transform-snake-case/openapi.yaml'),
    out: generatedDir('e2e', 'events'),
    naming: 'camelCase',
    dates: 'Date',
  });
  const entry = './__generated__/events/index.js';
  const mod = (await import(/* @vite-ignore */ entry)) as EventsModule;
  server.listen({ onUnhandledRequest: 'error' });
  client = mod.createClient({ retry: false });
}, 60_000);
afterAll(() => server.close());

describe('camelCase + Date transformation through a generated client', () => {
  // Parameters keep their wire names (the params contract), and accept Date for date formats.
  it('turns responses into camelCase with Date objects, leaving map keys alone', async () => {
    const page = (await client.listEvents({ created_after: new Date('2026-01-01T00:00:00Z') })) as Record<string, unknown>;
    expect(page['hasMore']).toBe(false);
    const [event] = page['data'] as Record<string, unknown>[];
    expect(event).toMatchObject({ eventId: 'e_1', eventName: 'Launch', extraLabels: { team_name: 'core' } });
    expect(event?.['startsAt']).toBeInstanceOf(Date);
    expect((event?.['createdAt'] as Date).toISOString()).toBe(wireEvent.created_at);
    expect(received.at(-1)?.url.searchParams.get('created_after')).toBe('2026-01-01T00:00:00.000Z');
  });

  it('sends request bodies in wire form: snake_case names, ISO date-times, YYYY-MM-DD dates', async () => {
    const created = (await client.createEvent({
      body: {
        eventName: 'Talk',
        startsAt: new Date('2026-05-05T12:00:00Z'),
        dayOf: new Date('2026-05-05T00:00:00Z'),
        extraLabels: { some_key: 'v' },
      },
    })) as Record<string, unknown>;
    expect(received.at(-1)?.body).toEqual({
      event_name: 'Talk',
      starts_at: '2026-05-05T12:00:00.000Z',
      day_of: '2026-05-05',
      extra_labels: { some_key: 'v' },
    });
    expect(created['eventName']).toBe('Talk');
  });

  it('gives typed error bodies the same form, and toJSON still finds the documentation URL', async () => {
    const error = (await client.createEvent({ body: { eventName: '', startsAt: new Date() } }).then(
      () => undefined,
      (e: unknown) => e,
    )) as { status: number; body: unknown; toJSON(): { error: { documentation_url: string | null } } };
    expect(error.status).toBe(422);
    expect(error.body).toEqual({ errorCode: 'EMPTY', documentationUrl: 'https://docs.example/e' });
    expect(error.toJSON().error.documentation_url).toBe('https://docs.example/e');
  });
});
