/** `minLength` / `maxLength` (code points), `pattern` (with the `u` flag when it compiles so), `format`. */
import { literal, type Site } from './code.js';
import type { Compiler } from './compiler.js';
import type { CompileContext, JsonSchemaObject } from './context.js';

/** Format name → the runtime check (runtime/validate/formats.ts). Other formats pass. */
const formatChecks: Record<string, string> = {
  date: 'isDate',
  'date-time': 'isDateTime',
  time: 'isTime',
  email: 'isEmail',
  uuid: 'isUuid',
  uri: 'isUri',
  ipv4: 'isIpv4',
  ipv6: 'isIpv6',
  hostname: 'isHostname',
  byte: 'isBase64',
};

const count = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

export function hasStringKeywords(s: JsonSchemaObject, ctx: CompileContext): boolean {
  void ctx;
  return (
    count(s['minLength']) ||
    count(s['maxLength']) ||
    typeof s['pattern'] === 'string' ||
    (typeof s['format'] === 'string' && Object.hasOwn(formatChecks, s['format']))
  );
}

export function compileStringKeywords(c: Compiler, s: JsonSchemaObject, pointer: string, site: Site): void {
  const v = site.value;
  const check = (keyword: string, failing: string, message: string): void =>
    c.code.line(
      `if (${failing}) ${site.ok} = ${c.ctx.helper('fail')}(${site.issues}, ${site.path}, '${keyword}', ${literal(message)});`,
    );
  const min = s['minLength'];
  const max = s['maxLength'];
  // UTF-16 length bounds the code-point count (it is at most twice as large), so most strings skip counting.
  if (count(min) && min > 0) {
    const failing =
      min === 1 ? `${v}.length === 0` : `${v}.length < ${min * 2} && ${c.ctx.helper('codePointLength')}(${v}) < ${min}`;
    check('minLength', failing, `must NOT have fewer than ${min} characters`);
  }
  if (count(max)) {
    check(
      'maxLength',
      `${v}.length > ${max} && ${c.ctx.helper('codePointLength')}(${v}) > ${max}`,
      `must NOT have more than ${max} characters`,
    );
  }
  if (typeof s['pattern'] === 'string') {
    const regex = compilePattern(c.ctx, s['pattern'], pointer);
    if (regex !== undefined) check('pattern', `!${regex}.test(${v})`, `must match pattern ${JSON.stringify(s['pattern'])}`);
  }
  const format = typeof s['format'] === 'string' ? formatChecks[s['format']] : undefined;
  if (format !== undefined && Object.hasOwn(formatChecks, String(s['format']))) {
    c.code.line(
      `if (!${c.ctx.helper(format)}(${v})) ${site.ok} = ${c.ctx.helper('badFormat')}(${site.issues}, ${site.path}, ${literal(String(s['format']))});`,
    );
  }
}

/**
 * A hoisted RegExp for `pattern`. JSON Schema patterns are ECMA-262 with Unicode semantics, so the
 * `u` flag comes first; many real specs write escapes only non-Unicode mode accepts (`[\w\-]`),
 * and those compile without it. A pattern JavaScript refuses either way is a warning, and no check.
 */
function compilePattern(ctx: CompileContext, pattern: string, pointer: string): string | undefined {
  for (const flags of ['u', '']) {
    try {
      new RegExp(pattern, flags);
      return ctx.constant('pattern', `new RegExp(${literal(pattern)}${flags === '' ? '' : `, '${flags}'`})`);
    } catch {
      // Try the next flag set.
    }
  }
  ctx.warn('VALIDATOR_PATTERN', `pattern ${literal(pattern)} is not a JavaScript regular expression; it is not checked`, pointer);
  return undefined;
}
