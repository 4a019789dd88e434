/**
 * `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else` (2020-12) and OpenAPI's `discriminator`.
 * Alternatives are tried against a scratch issue list, so a failed branch reports one summary
 * instead of every branch's complaints. With a discriminator the mapping is read first: the
 * matching variant alone is checked (fast, and its issues are the precise ones).
 */
import { childPath, literal, type Site } from './code.js';
import type { Compiler } from './compiler.js';
import type { JsonSchemaObject } from './context.js';

const isRecord = (value: unknown): value is JsonSchemaObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const MAX_INLINE_VARIANTS = 16;

export function compileCombinators(c: Compiler, s: JsonSchemaObject, pointer: string, site: Site): void {
  if (Array.isArray(s['allOf'])) s['allOf'].forEach((part, i) => c.schema(part, `${pointer}/allOf/${i}`, site));
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const variants = s[keyword];
    if (!Array.isArray(variants)) continue;
    const mapping = discriminatorMapping(c, s, variants, pointer);
    if (mapping === undefined) compileAlternatives(c, keyword, variants, pointer, site);
    else compileDiscriminated(c, keyword, variants, mapping, pointer, site);
  }
  if (s['not'] !== undefined) {
    const ok = trial(c, s['not'], `${pointer}/not`, site);
    c.code.line(
      `if (${ok}) ${site.ok} = ${c.ctx.helper('fail')}(${site.issues}, ${site.path}, 'not', 'must NOT be valid against the "not" schema');`,
    );
  }
  if (c.ctx.dialect === '2020-12' && s['if'] !== undefined && (s['then'] !== undefined || s['else'] !== undefined)) {
    const ok = trial(c, s['if'], `${pointer}/if`, site);
    const then = s['then'];
    const otherwise = s['else'];
    if (then !== undefined && otherwise !== undefined) {
      c.code.ifElse(
        ok,
        () => c.schema(then, `${pointer}/then`, site),
        () => c.schema(otherwise, `${pointer}/else`, site),
      );
    } else if (then !== undefined) c.code.block(`if (${ok})`, () => c.schema(then, `${pointer}/then`, site));
    else c.code.block(`if (!${ok})`, () => c.schema(otherwise, `${pointer}/else`, site));
  }
}

/** Checks `schema` against a scratch issue list; returns the name of the boolean holding the verdict. */
function trial(c: Compiler, schema: unknown, pointer: string, site: Site): string {
  const ok = c.ctx.local('ok');
  c.code.line(`let ${ok} = true;`);
  c.schema(schema, pointer, { value: site.value, path: site.path, issues: '[]', ok });
  return ok;
}

function compileAlternatives(c: Compiler, keyword: 'anyOf' | 'oneOf', variants: unknown[], pointer: string, site: Site): void {
  const passed = c.ctx.local('passed');
  c.code.line(`let ${passed} = 0;`);
  variants.forEach((variant, i) => {
    // anyOf stops at the first match; oneOf needs to know whether a second one matches too.
    const guard = keyword === 'anyOf' ? `if (${passed} === 0)` : i === 0 ? undefined : `if (${passed} < 2)`;
    const body = (): void => {
      // Long lists (PayPal's error catalogues: hundreds of variants) call one function per variant:
      // a single function body that large defeats TypeScript's control-flow analysis.
      if (variants.length > MAX_INLINE_VARIANTS && typeof variant === 'object' && variant !== null) {
        const fn = c.ctx.functionForInline(variant, JSON.stringify(variant), `${pointer}/${keyword}/${i}`, c.direction);
        c.code.line(`if (${fn}(${site.value}, ${site.path}, [])) ${passed}++;`);
        return;
      }
      const ok = trial(c, variant, `${pointer}/${keyword}/${i}`, site);
      c.code.line(`if (${ok}) ${passed}++;`);
    };
    if (guard === undefined || i === 0) body();
    else c.code.block(guard, body);
  });
  if (keyword === 'anyOf') {
    c.code.line(
      `if (${passed} === 0) ${site.ok} = ${c.ctx.helper('fail')}(${site.issues}, ${site.path}, 'anyOf', 'must match a schema in anyOf');`,
    );
  } else {
    c.code.line(
      `if (${passed} !== 1) ${site.ok} = ${c.ctx.helper('fail')}(${site.issues}, ${site.path}, 'oneOf', ${passed} === 0 ? 'must match exactly one schema in oneOf (matches none)' : 'must match exactly one schema in oneOf (matches several)');`,
    );
  }
}

interface Mapping {
  property: string;
  /** Discriminator value → the variant's schema pointer. */
  cases: [string, string][];
}

/** The discriminator's explicit mapping plus the names implied by `$ref` variants (OAS 3.1 §4.8.25). */
function discriminatorMapping(c: Compiler, s: JsonSchemaObject, variants: unknown[], pointer: string): Mapping | undefined {
  const discriminator = s['discriminator'];
  if (!isRecord(discriminator) || typeof discriminator['propertyName'] !== 'string') return undefined;
  const cases = new Map<string, string>();
  const explicit = isRecord(discriminator['mapping']) ? discriminator['mapping'] : {};
  for (const [value, target] of Object.entries(explicit)) {
    if (typeof target !== 'string') continue;
    const ref = target.startsWith('#') ? target : `#/components/schemas/${target}`;
    const resolved = c.ctx.resolve(ref, `${pointer}/discriminator`);
    if (resolved !== undefined) cases.set(value, resolved.pointer);
  }
  const mapped = new Set(cases.values());
  for (const variant of variants) {
    if (!isRecord(variant) || typeof variant['$ref'] !== 'string') continue;
    const resolved = c.ctx.resolve(variant['$ref'], pointer);
    if (resolved === undefined || mapped.has(resolved.pointer)) continue;
    const name = resolved.pointer
      .slice(resolved.pointer.lastIndexOf('/') + 1)
      .replace(/~1/g, '/')
      .replace(/~0/g, '~');
    if (!cases.has(name)) cases.set(name, resolved.pointer);
  }
  return cases.size === 0 ? undefined : { property: discriminator['propertyName'], cases: [...cases] };
}

/**
 * A known discriminator value selects its variant; an unknown one falls back to the plain
 * anyOf / oneOf rule and, when that fails, says which values were expected.
 */
function compileDiscriminated(
  c: Compiler,
  keyword: 'anyOf' | 'oneOf',
  variants: unknown[],
  mapping: Mapping,
  pointer: string,
  site: Site,
): void {
  const tag = c.ctx.local('tag');
  const { value } = site;
  c.code.line(
    `const ${tag} = typeof ${value} === 'object' && ${value} !== null ? (${value} as Record<string, unknown>)[${literal(mapping.property)}] : undefined;`,
  );
  c.code.line(`switch (${tag}) {`);
  c.code.indent(() => {
    for (const [name, target] of mapping.cases) {
      const fn = c.ctx.functionFor(target, c.direction);
      c.code.line(`case ${literal(name)}:`);
      c.code.indent(() => {
        c.code.line(`if (!${fn}(${value}, ${site.path}, ${site.issues})) ${site.ok} = false;`);
        c.code.line('break;');
      });
    }
    c.code.block('default:', () => {
      const ok = c.ctx.local('ok');
      c.code.line(`let ${ok} = true;`);
      compileAlternatives(c, keyword, variants, pointer, { ...site, ok, issues: '[]' });
      const expected = mapping.cases.map(([name]) => JSON.stringify(name)).join(', ');
      const message = `must be one of ${expected.length > 200 ? `${expected.slice(0, 197)}...` : expected}`;
      const path = childPath(site.path, mapping.property);
      c.code.line(
        `if (!${ok}) ${site.ok} = ${c.ctx.helper('fail')}(${site.issues}, ${path}, 'discriminator', ${literal(message)});`,
      );
    });
  });
  c.code.line('}');
}
