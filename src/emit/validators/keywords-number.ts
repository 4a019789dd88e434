/** `minimum`, `maximum`, both exclusive forms (draft 4 booleans, 2020-12 numbers), `multipleOf`, int32/int64. */
import { literal, type Site } from './code.js';
import type { Compiler } from './compiler.js';
import type { JsonSchemaObject } from './context.js';

const number = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export function hasNumberKeywords(s: JsonSchemaObject): boolean {
  return (
    ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'].some((k) => number(s[k])) ||
    s['format'] === 'int32' ||
    s['format'] === 'int64'
  );
}

export function compileNumberKeywords(c: Compiler, s: JsonSchemaObject, site: Site): void {
  const v = site.value;
  const check = (keyword: string, failing: string, message: string): void =>
    c.code.line(
      `if (${failing}) ${site.ok} = ${c.ctx.helper('fail')}(${site.issues}, ${site.path}, '${keyword}', ${literal(message)});`,
    );
  const draft4 = c.ctx.dialect === 'draft4';
  if (number(s['minimum'])) {
    const exclusive = draft4 && s['exclusiveMinimum'] === true;
    check(
      exclusive ? 'exclusiveMinimum' : 'minimum',
      `${v} ${exclusive ? '<=' : '<'} ${s['minimum']}`,
      `must be ${exclusive ? '>' : '>='} ${s['minimum']}`,
    );
  }
  if (number(s['maximum'])) {
    const exclusive = draft4 && s['exclusiveMaximum'] === true;
    check(
      exclusive ? 'exclusiveMaximum' : 'maximum',
      `${v} ${exclusive ? '>=' : '>'} ${s['maximum']}`,
      `must be ${exclusive ? '<' : '<='} ${s['maximum']}`,
    );
  }
  if (!draft4 && number(s['exclusiveMinimum']))
    check('exclusiveMinimum', `${v} <= ${s['exclusiveMinimum']}`, `must be > ${s['exclusiveMinimum']}`);
  if (!draft4 && number(s['exclusiveMaximum']))
    check('exclusiveMaximum', `${v} >= ${s['exclusiveMaximum']}`, `must be < ${s['exclusiveMaximum']}`);
  const divisor = s['multipleOf'];
  if (number(divisor) && divisor > 0) {
    // An integer divisor divides exactly with `%`; fractional ones need the rounding-aware helper.
    const failing = Number.isInteger(divisor) ? `${v} % ${divisor} !== 0` : `!${c.ctx.helper('isMultipleOf')}(${v}, ${divisor})`;
    check('multipleOf', failing, `must be a multiple of ${divisor}`);
  }
  if (s['format'] === 'int32') check('format', `!${c.ctx.helper('isInt32')}(${v})`, 'must be a 32-bit integer (format int32)');
  if (s['format'] === 'int64') check('format', `!${c.ctx.helper('isInt64')}(${v})`, 'must be a 64-bit integer (format int64)');
}
