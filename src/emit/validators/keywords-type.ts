/** `type` (single, arrays, `integer`), `enum` and `const`. */
import type { Site } from './code.js';
import { literal } from './code.js';
import type { Compiler } from './compiler.js';
import type { JsonSchemaObject } from './context.js';

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'array' | 'object';

const jsonTypes = new Set<string>(['string', 'number', 'integer', 'boolean', 'null', 'array', 'object']);

/** The declared types, or undefined when `type` is absent (any type). Unknown names are dropped. */
export function typesOf(s: JsonSchemaObject): JsonType[] | undefined {
  const type = s['type'];
  if (typeof type === 'string') return jsonTypes.has(type) ? [type as JsonType] : undefined;
  if (!Array.isArray(type)) return undefined;
  const types = type.filter((t): t is JsonType => typeof t === 'string' && jsonTypes.has(t));
  return types.length === 0 ? undefined : types;
}

/** A boolean expression that narrows `value` to the type; `binary` lets Blobs and byte arrays count as strings. */
export function typeTest(type: JsonType, value: string, binary: boolean): string {
  switch (type) {
    case 'string':
      return binary ? `typeof ${value} === 'string' || $isBinary(${value})` : `typeof ${value} === 'string'`;
    case 'number':
      return `typeof ${value} === 'number'`;
    case 'integer':
      return `typeof ${value} === 'number' && Number.isInteger(${value})`;
    case 'boolean':
      return `typeof ${value} === 'boolean'`;
    case 'null':
      return `${value} === null`;
    case 'array':
      return `Array.isArray(${value})`;
    case 'object':
      return `typeof ${value} === 'object' && ${value} !== null && !Array.isArray(${value})`;
  }
}

/**
 * The negation of `typeTest`, written the way a person would (`typeof x !== 'string'`). It narrows
 * like the positive test, so the `else` branch sees the type.
 */
export function failingTypeTest(type: JsonType, value: string): string {
  switch (type) {
    case 'string':
    case 'number':
    case 'boolean':
      return `typeof ${value} !== '${type}'`;
    case 'integer':
      return `typeof ${value} !== 'number' || !Number.isInteger(${value})`;
    case 'null':
      return `${value} !== null`;
    case 'array':
      return `!Array.isArray(${value})`;
    case 'object':
      return `typeof ${value} !== 'object' || ${value} === null || Array.isArray(${value})`;
  }
}

const MAX_INLINE_ENUM = 6;

/** `enum` and `const`: `===` for primitives (a Set for long lists), deepEqual for objects and arrays. */
export function compileEnum(c: Compiler, s: JsonSchemaObject, site: Site): void {
  if (Object.hasOwn(s, 'const') && (c.ctx.dialect === '2020-12' || s['const'] !== undefined)) {
    const test = equalityTest(c, [s['const']], site.value);
    c.code.block(`if (!(${test}))`, () =>
      c.code.line(
        `${site.ok} = ${c.ctx.helper('fail')}(${site.issues}, ${site.path}, 'const', ${literal(`must be equal to ${preview(s['const'])}`)});`,
      ),
    );
  }
  const values = s['enum'];
  if (!Array.isArray(values)) return;
  const test = equalityTest(c, values, site.value);
  const message = `must be one of ${values.slice(0, 10).map(preview).join(', ')}${values.length > 10 ? ', ...' : ''}`;
  c.code.block(`if (!(${test}))`, () =>
    c.code.line(`${site.ok} = ${c.ctx.helper('fail')}(${site.issues}, ${site.path}, 'enum', ${literal(message)});`),
  );
}

function equalityTest(c: Compiler, values: readonly unknown[], value: string): string {
  if (values.length === 0) return 'false';
  const primitives = values.filter((v) => typeof v !== 'object' || v === null);
  const structured = values.filter((v) => typeof v === 'object' && v !== null);
  const parts: string[] = [];
  if (primitives.length > MAX_INLINE_ENUM) {
    parts.push(`${c.ctx.constant('values', `new Set<unknown>(${literal(primitives)})`)}.has(${value})`);
  } else {
    parts.push(...primitives.map((v) => `${value} === ${literal(v)}`));
  }
  if (structured.length > 0) {
    const list = c.ctx.constant('values', `${literal(structured)} as unknown[]`);
    parts.push(`${list}.some((item) => ${c.ctx.helper('deepEqual')}(${value}, item))`);
  }
  return parts.join(' || ');
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
