import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { commentText, docComment } from '../../../src/emit/ts/doc-comment.js';
import { objectKey, propertyKey, stringLiteral } from '../../../src/emit/ts/literal.js';
import { valueLiteral } from '../../../src/emit/ts/value-literal.js';

/** Evaluates generated JavaScript in a fresh context; `sandbox.__pwned` shows whether it ran code. */
const sandbox: { __pwned?: unknown } = {};
function evaluate(expression: string): unknown {
  return vm.runInNewContext(`(${expression})`, sandbox);
}

describe('stringLiteral', () => {
  it.each([
    ["a'; globalThis.__pwned=1; '"],
    ['a" = 1, Z = (globalThis.__pwned=1), Y = "'],
    ['`+(globalThis.__pwned=1)+`'],
    ['${globalThis.__pwned=1}'],
    ['line\nbreak\r\u2028\u2029end'],
    ['lone \ud800 surrogate \udfff'],
    ['back\\slash \\u0041'],
    ['</script><script>alert(1)</script>'],
  ])('%j round-trips and executes nothing', (text) => {
    const literal = stringLiteral(text);
    expect(literal.startsWith("'") && literal.endsWith("'")).toBe(true);
    expect(literal).not.toMatch(/[\n\r\u2028\u2029]/);
    expect(evaluate(literal)).toBe(text);
    expect(sandbox.__pwned).toBeUndefined();
  });
});

describe('keys', () => {
  it('quotes anything that is not a plain identifier', () => {
    expect(propertyKey('name')).toBe('name');
    expect(propertyKey('x-rate')).toBe("'x-rate'");
    expect(propertyKey('__proto__')).toBe("'__proto__'");
  });

  it('writes __proto__ in object literals as a computed key, so it stays an own property', () => {
    const object = evaluate(`{ ${objectKey('__proto__')}: 1 }`) as Record<string, unknown>;
    expect(Object.hasOwn(object, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(object)).toBe(vm.runInNewContext('Object.prototype', sandbox));
    const hostile = JSON.parse('{"__proto__":{"polluted":1}}') as { [key: string]: { [key: string]: number } };
    const rebuilt = evaluate(valueLiteral(hostile)) as Record<string, unknown>;
    expect(Object.hasOwn(rebuilt, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('comments', () => {
  it('cannot be closed or broken by spec text', () => {
    const text = 'ends */ globalThis.__pwned=1; /* and\u2028more\u2029lines';
    const block = docComment([text]);
    expect(block.match(/\*\//g)).toHaveLength(1);
    expect(block).not.toMatch(/[\u2028\u2029]/);
    expect(vm.runInNewContext(`${block}\n1;`, sandbox)).toBe(1);
    expect(sandbox.__pwned).toBeUndefined();
    expect(commentText('a */ b')).toBe('a *\\/ b');
  });

  it('is empty when there is nothing to say', () => {
    expect(docComment([undefined, '  '])).toBe('');
  });
});
