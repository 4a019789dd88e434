import { describe, expect, it } from 'vitest';
import { layoutSource, splitTopLevel } from '../../../src/emit/ts/layout.js';

const long = (n: number, prefix = 'Member') => Array.from({ length: n }, (_, i) => `${prefix}${i}LongerName`);

describe('layoutSource: lines wrapped the way a formatter would', () => {
  it('leaves short lines alone', () => {
    const source = "export type A = 'a' | 'b';\nexport function f(client: Client): ApiPromise<A> {";
    expect(layoutSource(source)).toBe(source);
  });

  it('breaks a signature one parameter per line, and a long generic return type', () => {
    const line =
      'export function listPets(client: Client, params?: t.ListPetsParams, options?: RequestOptions): ' +
      "PagedPromise<t.ListPetsResponse, PageItem<t.ListPetsResponse, ['data', 'items']>, t.ListPetsError> {";
    expect(layoutSource(line).split('\n')).toEqual([
      'export function listPets(',
      '  client: Client,',
      '  params?: t.ListPetsParams,',
      '  options?: RequestOptions,',
      '): PagedPromise<',
      '  t.ListPetsResponse,',
      "  PageItem<t.ListPetsResponse, ['data', 'items']>,",
      '  t.ListPetsError',
      '> {',
    ]);
  });

  it('breaks unions of aliases and properties, quotes and nesting intact', () => {
    const members = [...long(5), "'a | b'", '{ x: A | B }'];
    expect(layoutSource(`export type U = ${members.join(' | ')};`).split('\n')).toEqual([
      'export type U =',
      ...members.map((m, i) => `  | ${m}${i === members.length - 1 ? ';' : ''}`),
    ]);
    expect(layoutSource(`  'odd: key'?: ${long(6).join(' | ')};`).split('\n')[0]).toBe("  'odd: key'?:");
    expect(layoutSource(`  items: (${long(6).join(' | ')})[];`).split('\n')).toEqual([
      '  items: (',
      ...long(6).map((m) => `    | ${m}`),
      '  )[];',
    ]);
  });

  it('breaks imports and calls one item per line', () => {
    expect(layoutSource(`import { ${long(6, 'name').join(', ')} } from './runtime/index.js';`).split('\n')).toEqual([
      'import {',
      ...long(6, 'name').map((n) => `  ${n},`),
      "} from './runtime/index.js';",
    ]);
    const call = `    ${'k'.repeat(40)}: bindOperations(client, ${'E'.repeat(60)}),`;
    expect(layoutSource(call).split('\n')).toEqual([
      `    ${'k'.repeat(40)}: bindOperations(`,
      '      client,',
      `      ${'E'.repeat(60)},`,
      '    ),',
    ]);
  });

  it('re-wraps doc comment prose, never starting a line with Markdown syntax, keeping code and list indents', () => {
    const words = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const out = layoutSource(`/** ${words} - not a list */`).split('\n');
    expect(out[0]).toBe('/**');
    expect(out.at(-1)).toBe(' */');
    expect(out.every((line) => line.length <= 100)).toBe(true);
    expect(out.some((line) => /^ \* -/.test(line))).toBe(false);
    const block = ['/**', ` *   - item ${words}`, ' * ```', ` * ${'x'.repeat(120)}`, ' * ```', ` *     code ${words}`, ' */'];
    const wrapped = layoutSource(block.join('\n')).split('\n');
    expect(wrapped[1]).toMatch(/^ \* {3}- item word0/);
    expect(wrapped[2]).toMatch(/^ \* {5}word/);
    expect(wrapped).toContain(` * ${'x'.repeat(120)}`);
    expect(wrapped).toContain(` *     code ${words}`);
  });

  it('splits only at the top level, outside strings', () => {
    expect(splitTopLevel("A | 'b | c' | Map<A | B, C> | (D | E)[] | F => G", '|')).toEqual([
      'A',
      "'b | c'",
      'Map<A | B, C>',
      '(D | E)[]',
      'F => G',
    ]);
  });
  it('breaks validator statements: if bodies, calls with strings, conditionals, or-lists, literal sets', () => {
    const fail =
      "    if (o0['container_identifier'] === undefined) ok = fail(issues, path + '/container_identifier', " +
      "'required', 'must have required property \\'container_identifier\\'');";
    expect(layoutSource(fail).split('\n')).toEqual([
      "    if (o0['container_identifier'] === undefined)",
      '      ok = fail(',
      '        issues,',
      "        path + '/container_identifier',",
      "        'required',",
      "        'must have required property \\'container_identifier\\'',",
      '      );',
    ]);
    const oneOf =
      "ok = fail(issues, path, 'oneOf', passed0 === 0 ? 'must match exactly one schema in oneOf (matches none)' : " +
      "'must match exactly one schema in oneOf (matches several)');";
    expect(layoutSource(oneOf).split('\n').slice(4, 7)).toEqual([
      '  passed0 === 0',
      "    ? 'must match exactly one schema in oneOf (matches none)'",
      "    : 'must match exactly one schema in oneOf (matches several)',",
    ]);
    const names = long(6, 'key');
    const or = `if (!(${names.map((n) => `k1 === '${n}'`).join(' || ')})) {`;
    expect(layoutSource(or).split('\n')).toEqual([
      'if (',
      '  !(',
      ...names.map((n, i) => `    k1 === '${n}'${i === names.length - 1 ? '' : ' ||'}`),
      '  )',
      ') {',
    ]);
    const set = `const keys1 = /* @__PURE__ */ new Set<string>([${names.map((n) => `"${n}"`).join(',')}]);`;
    expect(layoutSource(set).split('\n')).toEqual([
      'const keys1 = /* @__PURE__ */ new Set<string>([',
      ...names.map((n) => `  "${n}",`),
      ']);',
    ]);
    const guarded =
      'if (x16 !== undefined && !DependentPhoneNumberEnumAddressRequirementLongerName$check(x16, ' +
      "path + '/address_requirements', issues)) ok = false;";
    expect(layoutSource(guarded).split('\n')).toEqual([
      'if (',
      '  x16 !== undefined &&',
      "  !DependentPhoneNumberEnumAddressRequirementLongerName$check(x16, path + '/address_requirements', issues)",
      ')',
      '  ok = false;',
    ]);
  });
});
