import { describe, expect, it } from 'vitest';
import { SpecError } from '../../../src/errors.js';
import { detectFormat, offsetToLineColumn, parseSource } from '../../../src/load/parse-source.js';

function catchSpecError(run: () => unknown): SpecError {
  try {
    run();
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error('expected a SpecError');
}

describe('detectFormat', () => {
  it.each([
    ['.json extension', { file: 'a/spec.json', text: 'openapi: 3.0.0', allowText: false, want: 'json' }],
    ['.yaml extension', { file: 'spec.yaml', text: '{"a": 1}', allowText: false, want: 'yaml' }],
    ['.YML extension, any case', { file: 'spec.YML', text: '', allowText: false, want: 'yaml' }],
    ['no extension, object', { file: 'spec', text: '\n  {"openapi": "3.0.0"}', allowText: false, want: 'json' }],
    ['no extension, array', { file: 'spec', text: '[1]', allowText: false, want: 'json' }],
    ['no extension, YAML', { file: 'spec', text: 'openapi: 3.0.0', allowText: false, want: 'yaml' }],
    ['unknown extension sniffed', { file: 'spec.txt', text: '{"a":1}', allowText: false, want: 'json' }],
    ['markdown as text where allowed', { file: 'doc.md', text: '# Title', allowText: true, want: 'text' }],
    ['BOM before JSON', { file: 'spec', text: '\uFEFF{"a":1}', allowText: false, want: 'json' }],
  ])('%s', (_, { file, text, allowText, want }) => expect(detectFormat(file, text, allowText)).toBe(want));
});

describe('parseSource: JSON', () => {
  it('parses JSON and strips a BOM', () => {
    expect(parseSource('\uFEFF{"a": [1, "x"]}', 'f.json', 'json').value).toEqual({ a: [1, 'x'] });
  });

  it.each([
    ['missing comma (position in message)', { text: '{\n  "a": 1\n  "b": 2\n}', line: 3, column: 3 }],
    ['unquoted value (position from re-parse)', { text: '{\n"a": x}', line: 2, column: 6 }],
    ['double comma', { text: '{"a": [1, 2,, 3]}', line: 1, column: 13 }],
    ['truncated', { text: '{"a": 1', line: 1, column: 8 }],
  ])('syntax error: %s → JSON_SYNTAX at line:column', (_, { text, line, column }) => {
    const error = catchSpecError(() => parseSource(text, '/specs/bad.json', 'json'));
    expect(error.code).toBe('JSON_SYNTAX');
    expect(error.location).toMatchObject({ file: '/specs/bad.json', line, column });
    expect(error.hint).toBeTruthy();
  });

  it('a __proto__ key is an own data property and Object.prototype is untouched', () => {
    const value = parseSource('{"__proto__": {"polluted": 1}}', 'f.json', 'json').value as Record<string, unknown>;
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('parseSource: YAML', () => {
  it('uses the YAML 1.2 core schema: yes/no and dates stay strings', () => {
    const value = parseSource('a: yes\nb: 2024-01-01\nc: 0o17\nd: ~', 'f.yaml', 'yaml').value;
    expect(value).toEqual({ a: 'yes', b: '2024-01-01', c: 15, d: null });
  });

  it('applies merge keys', () => {
    const value = parseSource('base: &base {a: 1}\nchild:\n  <<: *base\n  b: 2', 'f.yaml', 'yaml').value;
    expect(value).toEqual({ base: { a: 1 }, child: { a: 1, b: 2 } });
  });

  it('a duplicate key is a warning with line:column, and the last value wins', () => {
    const parsed = parseSource('a: 1\nb: 2\na: 3\n', '/s/f.yaml', 'yaml');
    expect(parsed.value).toEqual({ a: 3, b: 2 });
    expect(parsed.warnings).toEqual([expect.objectContaining({ code: 'DUPLICATE_KEY', file: '/s/f.yaml', line: 3, column: 1 })]);
  });

  it('a syntax error is YAML_SYNTAX with line:column', () => {
    const error = catchSpecError(() => parseSource('a:\n  b: 1\n c: [\n', '/s/f.yaml', 'yaml'));
    expect(error.code).toBe('YAML_SYNTAX');
    expect(error.location.file).toBe('/s/f.yaml');
    expect(error.location.line).toBeGreaterThanOrEqual(3);
  });

  it('several documents in one file are refused', () => {
    expect(catchSpecError(() => parseSource('a: 1\n---\nb: 2\n', 'f.yaml', 'yaml')).code).toBe('YAML_SYNTAX');
  });

  it('an alias bomb stops with YAML_ALIAS_LIMIT', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 8; level += 1) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array<string>(9).fill(`*${previous}`).join(', ')}]`);
    }
    expect(catchSpecError(() => parseSource(levels.join('\n'), 'bomb.yaml', 'yaml')).code).toBe('YAML_ALIAS_LIMIT');
  });

  it('flow nesting deeper than the parser can take is TOO_DEEP, not a crash', () => {
    const depth = 5_000;
    const error = catchSpecError(() => parseSource(`a: ${'['.repeat(depth)}${']'.repeat(depth)}`, 'deep.yaml', 'yaml'));
    expect(error.code).toBe('TOO_DEEP');
  });

  it('a __proto__ key is an own data property and Object.prototype is untouched', () => {
    const value = parseSource('__proto__:\n  polluted: 1\n', 'f.yaml', 'yaml').value as Record<string, unknown>;
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('offsetToLineColumn', () => {
  it.each([
    ['start', { text: 'ab\ncd', offset: 0, want: { line: 1, column: 1 } }],
    ['end of first line', { text: 'ab\ncd', offset: 2, want: { line: 1, column: 3 } }],
    ['start of second line', { text: 'ab\ncd', offset: 3, want: { line: 2, column: 1 } }],
    ['past the end', { text: 'ab\ncd', offset: 99, want: { line: 2, column: 3 } }],
  ])('%s', (_, { text, offset, want }) => expect(offsetToLineColumn(text, offset)).toEqual(want));
});
