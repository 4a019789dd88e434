import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../runtime/errors/errors.js';
import { parseWireDate, transformRequest, transformResponse } from '../../../runtime/transform/transform.js';
import type { OperationDescriptor } from '../../../runtime/client/descriptor.js';

const shapes = {
  Event: { props: [['starts_at', 'startsAt', { date: 'date-time' }]] },
  Problem: {
    props: [
      ['error_code', 'errorCode'],
      ['seen_at', 'seenAt', { date: 'date-time' }],
    ],
  },
} as const;

const op: OperationDescriptor = {
  id: 'createEvent',
  method: 'POST',
  path: '/events/{day}',
  params: [
    { name: 'day', in: 'path', style: 'simple', explode: false, required: true },
    { name: 'since', in: 'query', style: 'form', explode: true },
  ],
  body: { mediaTypes: ['application/json'], required: true },
  responses: { '201': ['application/json'], '4XX': ['application/json'], default: ['application/json'] },
  transform: {
    shapes,
    request: 'Event',
    responses: { '201': 'Event', '4XX': 'Problem', default: 'Problem' },
    params: [
      ['day', { date: 'date' }],
      ['since', { items: { date: 'date-time' } }],
    ],
  },
};

describe('transformRequest', () => {
  it('converts the body and date parameters into a new params object', () => {
    const params = {
      day: new Date('2024-06-01T12:00:00Z'),
      since: [new Date(0), '2024-01-01T00:00:00Z'],
      body: { startsAt: new Date(0), note_text: 'n' },
    };
    const wire = transformRequest(op, params);
    expect(wire).toEqual({
      day: '2024-06-01',
      since: ['1970-01-01T00:00:00.000Z', '2024-01-01T00:00:00Z'],
      body: { starts_at: '1970-01-01T00:00:00.000Z', note_text: 'n' },
    });
    expect(params.day).toBeInstanceOf(Date);
    expect(params.body.startsAt).toBeInstanceOf(Date);
  });

  it('uses bodyKey when a parameter took `body`', () => {
    const renamed: OperationDescriptor = { ...op, bodyKey: 'requestBody' };
    expect(transformRequest(renamed, { requestBody: { startsAt: new Date(0) }, body: { startsAt: 1 } })).toEqual({
      requestBody: { starts_at: '1970-01-01T00:00:00.000Z' },
      body: { startsAt: 1 },
    });
  });

  it('returns params as they are when the operation converts nothing', () => {
    const { transform: _transform, ...plain } = op;
    const params = { body: { startsAt: new Date(0) } };
    expect(transformRequest(plain, params)).toBe(params);
    expect(transformRequest(op, undefined)).toBeUndefined();
  });

  it('keeps a __proto__ parameter key as an own property', () => {
    const params = JSON.parse('{"__proto__": "p", "day": "2024-01-01"}') as object;
    const wire = transformRequest(op, params) as Record<string, unknown>;
    expect(Object.hasOwn(wire, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(wire)).toBe(Object.prototype);
  });
});

describe('transformResponse', () => {
  it.each<[string, { status: number; data: unknown; want: unknown }]>([
    [
      'exact status',
      { status: 201, data: { starts_at: '2024-01-01T00:00:00Z' }, want: { startsAt: new Date('2024-01-01T00:00:00Z') } },
    ],
    ['status range', { status: 404, data: { error_code: 'x' }, want: { errorCode: 'x' } }],
    ['default', { status: 503, data: { error_code: 'y' }, want: { errorCode: 'y' } }],
    ['text bodies pass through', { status: 201, data: 'plain text', want: 'plain text' }],
    [
      'error bodies keep a bad date (the status matters more)',
      { status: 400, data: { error_code: 'z', seen_at: 'garbage' }, want: { errorCode: 'z', seenAt: 'garbage' } },
    ],
  ])('%s', (_, { status, data, want }) => {
    expect(transformResponse(op, status, data)).toEqual(want);
  });

  it('refuses a success body whose date does not parse', () => {
    expect(() => transformResponse(op, 201, { starts_at: '2024-13-01T00:00:00Z' })).toThrow(ValidationError);
    expect(() => transformResponse(op, 201, { starts_at: '2024-13-01T00:00:00Z' })).toThrow(
      'body.starts_at is not a valid date-time (RFC 3339)',
    );
  });

  it('returns data untouched for statuses without a shape', () => {
    const data = { starts_at: 'x' };
    expect(transformResponse({ ...op, transform: { shapes, responses: { '201': 'Event' } } }, 500, data)).toBe(data);
  });

  it('uses the entry that applies: a declared 404 without a shape shadows 4XX', () => {
    const data = { error_code: 'x' };
    expect(transformResponse({ ...op, responses: { ...op.responses, '404': ['text/plain'] } }, 404, data)).toBe(data);
  });
});

describe('parseWireDate', () => {
  it.each<[string, string | undefined]>([
    ['2024-02-29T13:45:07Z', '2024-02-29T13:45:07.000Z'],
    ['2024-02-29t13:45:07.5z', '2024-02-29T13:45:07.500Z'],
    ['2024-02-29 13:45:07.123456789+02:00', '2024-02-29T11:45:07.123Z'],
    ['2024-02-29T13:45:07-0130', '2024-02-29T15:15:07.000Z'],
    ['2024-02-29T13:45', '2024-02-29T13:45:00.000Z'],
    ['2024-02-29T13:45:07', '2024-02-29T13:45:07.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['0050-01-01', '0050-01-01T00:00:00.000Z'],
    ['2016-12-31T23:59:60Z', '2017-01-01T00:00:00.000Z'],
    ['2023-02-29', undefined],
    ['2024-04-31', undefined],
    ['2024-00-10', undefined],
    ['2024-01-01T24:00:00Z', undefined],
    ['2024-01-01T10:60:00Z', undefined],
    ['2024-01-01T10:00:00+24:00', undefined],
    ['2024-1-1', undefined],
    ['Mon, 01 Jan 2024 00:00:00 GMT', undefined],
    ['', undefined],
    ['1700000000', undefined],
  ])('%j', (text, want) => {
    expect(parseWireDate(text)?.toISOString()).toBe(want);
  });
});
