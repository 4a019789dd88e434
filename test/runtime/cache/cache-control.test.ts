import { describe, expect, it } from 'vitest';
import {
  explainNotStorable,
  freshnessLifetime,
  parseCacheControl,
  readVary,
  requestForbidsStoredAnswer,
  selectVaryValues,
} from '../../../runtime/cache/cache-control.js';

describe('parseCacheControl', () => {
  it.each([
    [
      'max-age=60, private',
      [
        ['max-age', '60'],
        ['private', ''],
      ],
    ],
    [
      'NO-CACHE="Set-Cookie, X-Foo", max-age=5',
      [
        ['no-cache', 'Set-Cookie, X-Foo'],
        ['max-age', '5'],
      ],
    ],
    ['max-age=1, max-age=100', [['max-age', '1']]],
    [' , public ,', [['public', '']]],
  ])('%s', (given, want) => {
    expect([...parseCacheControl(given)]).toEqual(want);
  });
});

describe('freshnessLifetime', () => {
  const date = 'Tue, 01 Jul 2025 10:00:00 GMT';
  it.each([
    ['max-age wins over Expires', { 'cache-control': 'max-age=7', expires: 'Tue, 01 Jul 2025 11:00:00 GMT', date }, 7_000],
    ['s-maxage is ignored by a private cache', { 'cache-control': 's-maxage=100' }, 300_000],
    ['Expires minus Date', { expires: 'Tue, 01 Jul 2025 10:01:00 GMT', date }, 60_000],
    ['Expires in the past', { expires: 'Tue, 01 Jul 2025 09:00:00 GMT', date }, 0],
    ['invalid Expires means stale', { expires: '0', date }, 0],
    ['invalid max-age falls back', { 'cache-control': 'max-age=abc' }, 300_000],
    ['nothing: the default', {}, 300_000],
  ])('%s', (_, headers, want) => {
    expect(freshnessLifetime(new Headers(headers), 300_000)).toBe(want);
  });
});

describe('explainNotStorable', () => {
  const ok = new Headers();
  it.each([
    ['POST', 200, {}, 'method is not GET or HEAD'],
    ['GET', 206, {}, 'status 206 is not cached'],
    ['GET', 500, {}, 'status 500 is not cached'],
    ['GET', 200, { 'cache-control': 'no-store' }, 'response says no-store'],
    ['GET', 200, { vary: 'Accept, *' }, 'Vary: *'],
    ['GET', 200, { 'cache-control': 'private' }, undefined],
    ['HEAD', 204, {}, undefined],
  ])('%s %i %j', (method, status, headers, want) => {
    expect(explainNotStorable(method, ok, new Response(null, { status, headers }))).toBe(want);
  });
});

describe('Vary and request directives', () => {
  it('normalizes names and values', () => {
    expect(readVary(new Headers({ vary: 'Accept-Language, accept, ACCEPT' }))).toEqual(['accept', 'accept-language']);
    expect(selectVaryValues(['accept'], new Headers({ accept: ' text/html ,  application/json ' }))).toEqual([
      ['accept', 'text/html,application/json'],
    ]);
    expect(selectVaryValues(['x-absent'], new Headers())).toEqual([['x-absent', null]]);
  });

  it.each([
    [{ 'cache-control': 'no-cache' }, 0, true],
    [{ 'cache-control': 'max-age=10' }, 10_001, true],
    [{ 'cache-control': 'max-age=10' }, 9_000, false],
    [{ pragma: 'no-cache' }, 0, true],
    [{ pragma: 'no-cache', 'cache-control': 'max-age=60' }, 0, false],
    [{}, 1e9, false],
  ])('%j at age %i → %s', (headers, age, want) => {
    expect(requestForbidsStoredAnswer(new Headers(headers), age)).toBe(want);
  });
});
