import { describe, expect, it } from 'vitest';
import { declaredResponseKey, responseKeyFor } from '../../../runtime/util/response-key.js';
import { makeOp } from '../support/client.js';

describe('responseKeyFor: the responses entry that applies to a status', () => {
  const keys =
    (...declared: string[]) =>
    (key: string) =>
      declared.includes(key);

  it.each<[string, number, string[], string | undefined]>([
    ['exact code first', 404, ['404', '4XX', 'default'], '404'],
    ['then its range', 404, ['400', '4XX', 'default'], '4XX'],
    ['then default', 503, ['200', '4XX', 'default'], 'default'],
    ['a range only matches its own hundred', 503, ['4XX'], undefined],
    ['nothing declared', 200, [], undefined],
  ])('%s', (_, status, declared, want) => {
    expect(responseKeyFor(status, keys(...declared))).toBe(want);
  });

  it('reads an operation descriptor’s responses', () => {
    const op = makeOp({ responses: { '2XX': ['application/json'] } });
    expect(declaredResponseKey(op, 204)).toBe('2XX');
    expect(declaredResponseKey(op, 404)).toBeUndefined();
    expect(declaredResponseKey(makeOp({ responses: {} }), 200)).toBeUndefined();
  });
});
