import { describe, expect, it } from 'vitest';
import { splitWords, toCamelCase, toConstantCase, toKebabCase, toPascalCase } from '../../../src/plan/identifiers.js';
import { NameRegistry } from '../../../src/plan/name-registry.js';

describe('identifiers', () => {
  it.each([
    [
      'repos/list-for-org',
      { pascal: 'ReposListForOrg', camel: 'reposListForOrg', kebab: 'repos-list-for-org', constant: 'REPOS_LIST_FOR_ORG' },
    ],
    [
      'getHTTPResponse',
      { pascal: 'GetHttpResponse', camel: 'getHttpResponse', kebab: 'get-http-response', constant: 'GET_HTTP_RESPONSE' },
    ],
    [
      'Foo = 1; globalThis.__pwned=1; type Bar',
      {
        pascal: 'Foo1GlobalThisPwned1TypeBar',
        camel: 'foo1GlobalThisPwned1TypeBar',
        kebab: 'foo-1-global-this-pwned-1-type-bar',
        constant: 'FOO_1_GLOBAL_THIS_PWNED_1_TYPE_BAR',
      },
    ],
    ['adm\u202Ein', { pascal: 'Admin', camel: 'admin', kebab: 'admin', constant: 'ADMIN' }],
    ['a\u200Bb', { pascal: 'Ab', camel: 'ab', kebab: 'ab', constant: 'AB' }],
    ['../../evil', { pascal: 'Evil', camel: 'evil', kebab: 'evil', constant: 'EVIL' }],
    ['café crème', { pascal: 'CafeCreme', camel: 'cafeCreme', kebab: 'cafe-creme', constant: 'CAFE_CREME' }],
    ['Plan\u{32E33} 日本', { pascal: 'Plan', camel: 'plan', kebab: 'plan', constant: 'PLAN' }],
  ])('%s', (text, want) => {
    expect({
      pascal: toPascalCase(text),
      camel: toCamelCase(text),
      kebab: toKebabCase(text),
      constant: toConstantCase(text),
    }).toEqual(want);
  });

  it('splits words at case changes, digits and separators', () => {
    expect(splitWords('XMLHttpRequest2go_now')).toEqual(['XML', 'Http', 'Request', '2', 'go', 'now']);
  });
});

describe('NameRegistry', () => {
  it('gives the first free candidate, and a stable suffix when all are taken', () => {
    const claimAll = () => {
      const registry = new NameRegistry(['then']);
      return [registry.claim(['then', 'thenOperation'], 'a'), registry.claim(['thenOperation'], 'b')];
    };
    const [first, second] = claimAll();
    expect(first).toBe('thenOperation');
    expect(second).toMatch(/^thenOperation_[0-9a-z]+$/);
    expect(claimAll()).toEqual([first, second]);
  });

  it('folds case for file names', () => {
    const files = new NameRegistry([], true);
    expect(files.claim(['Pets'], 'a')).toBe('Pets');
    expect(files.claim(['pets', 'pets-tag'], 'b')).toBe('pets-tag');
  });
});
