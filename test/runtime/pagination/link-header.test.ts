import { describe, expect, it } from 'vitest';
import { findLinkTarget, parseLinkHeader } from '../../../runtime/pagination/pagination.js';

describe('findLinkTarget(header, "next")', () => {
  it.each([
    [
      'GitHub',
      '<https://api.github.com/r?page=2>; rel="next", <https://api.github.com/r?page=5>; rel="last"',
      'https://api.github.com/r?page=2',
    ],
    ['next not first', '<https://x.test/?p=1>; rel="prev", <https://x.test/?p=3>; rel="next"', 'https://x.test/?p=3'],
    ['unquoted rel', '<https://x.test/2>; rel=next', 'https://x.test/2'],
    ['rel list (RFC 8288 §3.3)', '<https://x.test/2>; rel="prefetch next"', 'https://x.test/2'],
    ['case-insensitive rel and param name', '<https://x.test/2>; REL="Next"', 'https://x.test/2'],
    ['comma inside <>', '<https://x.test/a,b?c=1,2>; rel="next"', 'https://x.test/a,b?c=1,2'],
    [
      'comma and semicolon inside a quoted param',
      '<https://x.test/1>; title="a, <b>; rel=next", <https://x.test/2>; rel="next"',
      'https://x.test/2',
    ],
    [
      'escaped quote in a quoted param',
      '<https://x.test/1>; title="say \\"hi\\", rel=next"; rel=first, <https://x.test/2>; rel=next',
      'https://x.test/2',
    ],
    ['extra whitespace', '  <https://x.test/2>  ;  rel = "next"  ', 'https://x.test/2'],
    ['two headers joined by Headers.get', '<https://x.test/1>; rel="first", <https://x.test/2>; rel="next"', 'https://x.test/2'],
    [
      'only the first rel counts (RFC 8288 §3.3)',
      '<https://x.test/1>; rel="last"; rel="next", <https://x.test/2>; rel="next"',
      'https://x.test/2',
    ],
    ['relative target stays unresolved', '</items?page=2>; rel="next"', '/items?page=2'],
    ['no next', '<https://x.test/1>; rel="first"', undefined],
    ['rel* is not rel', '<https://x.test/1>; rel*=next', undefined],
    ['garbage before a valid link', 'nonsense; rel=next, <https://x.test/2>; rel=next', 'https://x.test/2'],
    ['unterminated target', '<https://x.test/2; rel=next', undefined],
    ['empty', '', undefined],
  ])('%s', (_, header, want) => {
    expect(findLinkTarget(header, 'next')).toBe(want);
  });

  it('returns undefined for a missing header', () => {
    expect(findLinkTarget(null, 'next')).toBeUndefined();
  });
});

describe('parseLinkHeader', () => {
  it('keeps every link with its params', () => {
    const links = parseLinkHeader(
      '<https://x.test/1>; rel="first"; title="One, two", <https://x.test/9>; rel=last; type=application/json',
    );
    expect(links.map((link) => link.target)).toEqual(['https://x.test/1', 'https://x.test/9']);
    expect(links[0]?.params.get('title')).toBe('One, two');
    expect(links[1]?.params.get('type')).toBe('application/json');
    expect(links[1]?.rels).toEqual(['last']);
  });

  it('does not treat __proto__ as special', () => {
    const [link] = parseLinkHeader('<https://x.test/1>; __proto__="x"; rel=next');
    expect(link?.params.get('__proto__')).toBe('x');
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });
});
