/**
 * OAS 3.1.1 §4.8.12.6 Style Examples: parameter `color` with string "blue", array
 * ["blue","black","brown"] and object {R:100,G:200,B:150}; `empty` is null or "".
 */
import { describe, expect, it } from 'vitest';
import {
  serializeCookieParam,
  serializeHeaderParam,
  serializePathParam,
  serializeQueryParam,
} from '../../../runtime/request/param-style.js';
import type { ParamStyle } from '../../../runtime/client/descriptor.js';

const string = 'blue';
const array = ['blue', 'black', 'brown'];
const object = { R: 100, G: 200, B: 150 };

type Row = [ParamStyle, boolean, { empty?: string; string?: string; array: string; object: string }];

describe('serializePathParam (style table)', () => {
  it.each<Row>([
    [
      'matrix',
      false,
      { empty: ';color', string: ';color=blue', array: ';color=blue,black,brown', object: ';color=R,100,G,200,B,150' },
    ],
    [
      'matrix',
      true,
      { empty: ';color', string: ';color=blue', array: ';color=blue;color=black;color=brown', object: ';R=100;G=200;B=150' },
    ],
    ['label', false, { empty: '.', string: '.blue', array: '.blue,black,brown', object: '.R,100,G,200,B,150' }],
    ['label', true, { empty: '.', string: '.blue', array: '.blue.black.brown', object: '.R=100.G=200.B=150' }],
    ['simple', false, { empty: '', string: 'blue', array: 'blue,black,brown', object: 'R,100,G,200,B,150' }],
    ['simple', true, { empty: '', string: 'blue', array: 'blue,black,brown', object: 'R=100,G=200,B=150' }],
  ])('%s explode=%s', (style, explode, want) => {
    const options = { style, explode };
    expect(serializePathParam('color', null, options)).toBe(want.empty);
    expect(serializePathParam('color', '', options)).toBe(want.empty);
    expect(serializePathParam('color', string, options)).toBe(want.string);
    expect(serializePathParam('color', array, options)).toBe(want.array);
    expect(serializePathParam('color', object, options)).toBe(want.object);
  });

  it('percent-encodes every delimiter inside values, for every style', () => {
    for (const style of ['simple', 'label', 'matrix'] as const) {
      const out = serializePathParam('p', ['a/b', '?x=1', '#f', '100%', 'a,b;c=d'], { style, explode: false });
      expect(out).not.toMatch(/[/?#]/);
      expect(out).toContain('a%2Fb');
      expect(out).toContain('%3Fx%3D1');
      expect(out).toContain('%23f');
      expect(out).toContain('100%25');
      expect(out).toContain('a%2Cb%3Bc%3Dd');
    }
  });

  it('serializes numbers, booleans and dates as text', () => {
    expect(serializePathParam('id', 42, { style: 'simple', explode: false })).toBe('42');
    expect(serializePathParam('on', true, { style: 'label', explode: false })).toBe('.true');
    expect(serializePathParam('at', new Date(Date.UTC(2025, 0, 2)), { style: 'simple', explode: false })).toBe(
      '2025-01-02T00%3A00%3A00.000Z',
    );
  });
});

describe('serializeQueryParam (style table)', () => {
  it.each<Row>([
    [
      'form',
      false,
      { empty: 'color=', string: 'color=blue', array: 'color=blue,black,brown', object: 'color=R,100,G,200,B,150' },
    ],
    [
      'form',
      true,
      { empty: 'color=', string: 'color=blue', array: 'color=blue&color=black&color=brown', object: 'R=100&G=200&B=150' },
    ],
    ['spaceDelimited', false, { array: 'color=blue%20black%20brown', object: 'color=R%20100%20G%20200%20B%20150' }],
    ['pipeDelimited', false, { array: 'color=blue%7Cblack%7Cbrown', object: 'color=R%7C100%7CG%7C200%7CB%7C150' }],
    [
      'deepObject',
      true,
      {
        array: 'color%5B%5D=blue&color%5B%5D=black&color%5B%5D=brown',
        object: 'color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150',
      },
    ],
  ])('%s explode=%s', (style, explode, want) => {
    const options = { style, explode };
    const join = (value: unknown): string => serializeQueryParam('color', value, options).join('&');
    if (want.empty !== undefined) expect(join(null)).toBe(want.empty);
    if (want.string !== undefined) expect(join(string)).toBe(want.string);
    expect(join(array)).toBe(want.array);
    expect(join(object)).toBe(want.object);
  });

  it('deepObject decodes to the table form color[R]=100', () => {
    const raw = serializeQueryParam('color', object, { style: 'deepObject', explode: true }).join('&');
    expect(decodeURIComponent(raw)).toBe('color[R]=100&color[G]=200&color[B]=150');
  });

  it('encodes reserved characters unless allowReserved, and even then keeps & # + [ ] = encoded', () => {
    const value = 'a/b?c:d@e,f&g#h+i=j%20k%zz';
    expect(serializeQueryParam('q', value, { style: 'form', explode: true })).toEqual([
      'q=a%2Fb%3Fc%3Ad%40e%2Cf%26g%23h%2Bi%3Dj%2520k%25zz',
    ]);
    expect(serializeQueryParam('q', value, { style: 'form', explode: true, allowReserved: true })).toEqual([
      'q=a/b?c:d@e,f%26g%23h%2Bi%3Dj%20k%25zz',
    ]);
  });

  it('encodes spaces as %20 and non-ASCII as UTF-8', () => {
    expect(serializeQueryParam('q', 'héllo wörld', { style: 'form', explode: true })).toEqual(['q=h%C3%A9llo%20w%C3%B6rld']);
  });

  it('skips undefined members of arrays and objects', () => {
    expect(serializeQueryParam('c', ['a', undefined, 'b'], { style: 'form', explode: true })).toEqual(['c=a', 'c=b']);
    expect(serializeQueryParam('c', { a: 1, b: undefined }, { style: 'form', explode: true })).toEqual(['a=1']);
  });
});

describe('header and cookie parameters', () => {
  it('headers use simple style without percent-encoding', () => {
    expect(serializeHeaderParam(string, false)).toBe('blue');
    expect(serializeHeaderParam(array, false)).toBe('blue,black,brown');
    expect(serializeHeaderParam(object, false)).toBe('R,100,G,200,B,150');
    expect(serializeHeaderParam(object, true)).toBe('R=100,G=200,B=150');
  });

  it('cookies use form style with values encoded so they cannot split the header', () => {
    expect(serializeCookieParam('color', string, true)).toEqual(['color=blue']);
    expect(serializeCookieParam('color', array, false)).toEqual(['color=blue,black,brown']);
    expect(serializeCookieParam('color', array, true)).toEqual(['color=blue', 'color=black', 'color=brown']);
    expect(serializeCookieParam('color', object, true)).toEqual(['R=100', 'G=200', 'B=150']);
    expect(serializeCookieParam('s', 'a; admin=1, "x"', true)).toEqual(['s=a%3B%20admin%3D1%2C%20%22x%22']);
  });
});
