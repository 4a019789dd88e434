/**
 * One schema → straight-line checking code at a site (the way ajv compiles): the type test first,
 * then each keyword family under the type guard it applies to, then enum/const and the
 * combinators. `$ref` becomes a call to the target's own function, so recursive schemas call
 * each other by name and every schema is compiled once per direction.
 */
import { Code, type Site } from './code.js';
import type { Compiler } from './compiler.js';
import type { CompileContext, Direction, JsonSchemaObject } from './context.js';
import { compileArrayKeywords, hasArrayKeywords } from './keywords-array.js';
import { compileCombinators } from './keywords-combine.js';
import { compileNumberKeywords, hasNumberKeywords } from './keywords-number.js';
import { compileObjectKeywords, hasObjectKeywords } from './keywords-object.js';
import { compileStringKeywords, hasStringKeywords } from './keywords-string.js';
import { compileEnum, failingTypeTest, typeTest, typesOf, type JsonType } from './keywords-type.js';

/** Everything a keyword family needs besides its site. */
export function createCompiler(ctx: CompileContext, code: Code, direction: Direction, root: string): Compiler {
  const compiler: Compiler = {
    ctx,
    root,
    code,
    direction,
    schema: (schema, pointer, site) => compileSchema(compiler, schema, pointer, site),
  };
  return compiler;
}

function compileSchema(c: Compiler, schema: unknown, pointer: string, site: Site): void {
  if (schema === false) {
    c.code.line(`${site.ok} = ${c.ctx.helper('fail')}(${site.issues}, ${site.path}, 'false', 'no value is allowed here');`);
    return;
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return;
  const s = schema as JsonSchemaObject;
  const nullable = c.ctx.dialect === 'draft4' && (s['nullable'] === true || s['x-nullable'] === true);
  if (typeof s['$ref'] === 'string' && c.ctx.dialect === 'draft4' && nullable) {
    // Draft 4 ignores `$ref` siblings, but `nullable` beside a `$ref` is common in 3.0 specs: honoured, leniently.
    c.code.block(`if (${site.value} !== null)`, () => compileSchema(c, { $ref: s['$ref'] }, pointer, site));
    return;
  }
  if (typeof s['$ref'] === 'string') {
    const target = c.ctx.resolve(s['$ref'], pointer);
    // Still at the function's own value: a ref leading back here would recurse forever on any input.
    const loops = target !== undefined && site.value === 'value' && c.ctx.loopsBack(target.pointer, c.root);
    if (loops) c.ctx.warn('VALIDATOR_REF_CYCLE', `$ref ${s['$ref']} loops back without reading the value; not checked`, pointer);
    if (target !== undefined && !loops) {
      const fn = c.ctx.functionFor(target.pointer, c.direction);
      c.code.line(`if (!${fn}(${site.value}, ${site.path}, ${site.issues})) ${site.ok} = false;`);
    }
    // Draft 4 (OpenAPI 3.0): a `$ref` replaces its siblings; 2020-12 applies them too.
    if (c.ctx.dialect === 'draft4') return;
  }
  // A large inline schema inside the value (a property's object, an array's items) becomes a shared function.
  if (site.value !== 'value' && typeof s['$ref'] !== 'string') {
    const text = JSON.stringify(s);
    if (text.length > SHARED_MIN_LENGTH) {
      const fn = c.ctx.functionForInline(s, text, pointer, c.direction);
      c.code.line(`if (!${fn}(${site.value}, ${site.path}, ${site.issues})) ${site.ok} = false;`);
      return;
    }
  }
  if (nullable) c.code.block(`if (${site.value} !== null)`, () => compileBody(c, s, pointer, site));
  else compileBody(c, s, pointer, site);
}

/** Inline schemas longer than this (as JSON) get their own, deduplicated function. */
const SHARED_MIN_LENGTH = 400;

function compileBody(c: Compiler, s: JsonSchemaObject, pointer: string, site: Site): void {
  const binary = s['format'] === 'binary';
  if (binary) c.ctx.helper('isBinary');
  const types = typesOf(s);
  const families = {
    string: hasStringKeywords(s, c.ctx),
    number: hasNumberKeywords(s),
    array: hasArrayKeywords(s, c.ctx),
    object: hasObjectKeywords(s, c.ctx, c.direction),
  };
  const only = types?.length === 1 && !binary ? types[0] : undefined;
  const hasFamily = (type: JsonType): boolean => {
    const family = familyOf(type);
    return family !== 'other' && families[family];
  };
  const failure = (types: readonly JsonType[]): string =>
    `${site.ok} = ${c.ctx.helper('wrongType')}(${site.issues}, ${site.path}, '${types.join(' or ')}');`;
  const fail = (types: readonly JsonType[]) => () => c.code.line(failure(types));
  if (only !== undefined && !hasFamily(only)) {
    c.code.line(`if (${failingTypeTest(only, site.value)}) ${failure([only])}`);
  } else if (only !== undefined) {
    // One type: its keywords run in the `else` of the type test, no second guard.
    c.code.ifElse(failingTypeTest(only, site.value), fail([only]), () => compileFamily(c, familyOf(only), s, pointer, site));
  } else {
    if (types !== undefined) {
      const test = types.map((t) => typeTest(t, site.value, binary)).join(' || ');
      c.code.block(`if (!(${test}))`, fail(types));
    }
    for (const family of ['string', 'number', 'array', 'object'] as const) {
      if (!families[family]) continue;
      if (types !== undefined && !types.some((t) => familyOf(t) === family)) continue;
      c.code.block(`if (${typeTest(family, site.value, false)})`, () => compileFamily(c, family, s, pointer, site));
    }
  }
  compileEnum(c, s, site);
  compileCombinators(c, s, pointer, site);
}

type Family = 'string' | 'number' | 'array' | 'object' | 'other';

function familyOf(type: JsonType): Family {
  if (type === 'integer' || type === 'number') return 'number';
  if (type === 'string' || type === 'array' || type === 'object') return type;
  return 'other';
}

function compileFamily(c: Compiler, family: Family, s: JsonSchemaObject, pointer: string, site: Site): void {
  if (family === 'string') compileStringKeywords(c, s, pointer, site);
  else if (family === 'number') compileNumberKeywords(c, s, site);
  else if (family === 'array') compileArrayKeywords(c, s, pointer, site);
  else if (family === 'object') compileObjectKeywords(c, s, pointer, site);
}

export { Code };
