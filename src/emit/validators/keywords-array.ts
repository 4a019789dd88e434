/** `items`, `prefixItems` (draft 4 tuple `items` + `additionalItems`), `contains`, `min/maxItems`, `uniqueItems`. */
import { isTrivialSchema, literal, type Site } from './code.js';
import type { Compiler } from './compiler.js';
import type { CompileContext, JsonSchemaObject } from './context.js';

const count = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isSchema = (value: unknown): boolean =>
  typeof value === 'boolean' || (typeof value === 'object' && value !== null && !Array.isArray(value));

/** The tuple part and the schema of the remaining items, in either dialect's spelling. */
function itemsOf(
  s: JsonSchemaObject,
  ctx: CompileContext,
): { prefix: unknown[]; prefixKey: string; rest: unknown; restKey: string } {
  if (ctx.dialect === 'draft4') {
    if (Array.isArray(s['items'])) {
      const rest = isSchema(s['additionalItems']) ? s['additionalItems'] : undefined;
      return { prefix: s['items'], prefixKey: 'items', rest, restKey: 'additionalItems' };
    }
    return { prefix: [], prefixKey: 'items', rest: isSchema(s['items']) ? s['items'] : undefined, restKey: 'items' };
  }
  const prefix = Array.isArray(s['prefixItems']) ? s['prefixItems'] : [];
  return { prefix, prefixKey: 'prefixItems', rest: isSchema(s['items']) ? s['items'] : undefined, restKey: 'items' };
}

export function hasArrayKeywords(s: JsonSchemaObject, ctx: CompileContext): boolean {
  const { prefix, rest } = itemsOf(s, ctx);
  return (
    prefix.some((schema) => !isTrivialSchema(schema)) ||
    !isTrivialSchema(rest) ||
    isSchema(s['contains']) ||
    count(s['minItems']) ||
    count(s['maxItems']) ||
    s['uniqueItems'] === true
  );
}

export function compileArrayKeywords(c: Compiler, s: JsonSchemaObject, pointer: string, site: Site): void {
  const { ctx, code } = c;
  const array = ctx.local('a');
  code.line(`const ${array}: readonly unknown[] = ${site.value};`);
  const check = (keyword: string, failing: string, message: string): void =>
    code.line(
      `if (${failing}) ${site.ok} = ${ctx.helper('fail')}(${site.issues}, ${site.path}, '${keyword}', ${literal(message)});`,
    );
  if (count(s['minItems']))
    check('minItems', `${array}.length < ${s['minItems']}`, `must NOT have fewer than ${s['minItems']} items`);
  if (count(s['maxItems']))
    check('maxItems', `${array}.length > ${s['maxItems']}`, `must NOT have more than ${s['maxItems']} items`);

  const { prefix, prefixKey, rest, restKey } = itemsOf(s, ctx);
  prefix.forEach((schema, index) => {
    if (isTrivialSchema(schema)) return;
    const item = ctx.local('x');
    code.blockUnlessEmpty(`if (${array}.length > ${index})`, () => {
      const itemLine = code.length;
      code.line(`const ${item} = ${array}[${index}];`);
      c.schema(schema, `${pointer}/${prefixKey}/${index}`, { ...site, value: item, path: `${site.path} + '/${index}'` });
      // An item that no check reads is not declared (noUnusedLocals in users' projects): a `false`
      // schema fails without it, and annotation-only schemas write nothing, so neither does the loop.
      code.dropIfUnused(itemLine, item);
    });
  });
  if (!isTrivialSchema(rest)) {
    const i = ctx.local('i');
    const item = ctx.local('x');
    code.blockUnlessEmpty(`for (let ${i} = ${prefix.length}; ${i} < ${array}.length; ${i}++)`, () => {
      const itemLine = code.length;
      code.line(`const ${item} = ${array}[${i}];`);
      c.schema(rest, `${pointer}/${restKey}`, { ...site, value: item, path: `${site.path} + '/' + ${i}` });
      code.dropIfUnused(itemLine, item);
    });
  }
  if (isSchema(s['contains'])) compileContains(c, s, pointer, site, array);
  if (s['uniqueItems'] === true) {
    const at = ctx.local('dup');
    code.line(`const ${at} = ${ctx.helper('duplicateIndex')}(${array});`);
    code.line(
      `if (${at} !== -1) ${site.ok} = ${ctx.helper('fail')}(${site.issues}, ${site.path} + '/' + ${at}, 'uniqueItems', 'must NOT have duplicate items');`,
    );
  }
}

/** `contains` with 2020-12's `minContains` / `maxContains` (default: at least one match). */
function compileContains(c: Compiler, s: JsonSchemaObject, pointer: string, site: Site, array: string): void {
  const { ctx, code } = c;
  const draft4 = ctx.dialect === 'draft4';
  const min = !draft4 && count(s['minContains']) ? s['minContains'] : 1;
  const max = !draft4 && count(s['maxContains']) ? s['maxContains'] : undefined;
  const matches = ctx.local('matches');
  const i = ctx.local('i');
  code.line(`let ${matches} = 0;`);
  code.block(`for (let ${i} = 0; ${i} < ${array}.length; ${i}++)`, () => {
    const item = ctx.local('x');
    const ok = ctx.local('ok');
    code.line(`const ${item} = ${array}[${i}];`);
    code.line(`let ${ok} = true;`);
    c.schema(s['contains'], `${pointer}/contains`, { value: item, path: `''`, issues: '[]', ok });
    code.line(`if (${ok}) ${matches}++;`);
  });
  code.line(
    `if (${matches} < ${min}) ${site.ok} = ${ctx.helper('fail')}(${site.issues}, ${site.path}, 'contains', ${literal(`must contain at least ${min} valid item(s)`)});`,
  );
  if (max !== undefined) {
    code.line(
      `if (${matches} > ${max}) ${site.ok} = ${ctx.helper('fail')}(${site.issues}, ${site.path}, 'maxContains', ${literal(`must contain at most ${max} valid item(s)`)});`,
    );
  }
}
