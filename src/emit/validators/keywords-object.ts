/**
 * `properties`, `required`, `additionalProperties`, `patternProperties`, `propertyNames`,
 * `min/maxProperties`, `dependentRequired` / `dependentSchemas` (draft 4: `dependencies`), and
 * OpenAPI's readOnly / writeOnly: in a request a readOnly property is not required and is refused;
 * in a response the same holds for writeOnly.
 */
import { annotations, childPath, isTrivialSchema, literal, type Site } from './code.js';
import type { Compiler } from './compiler.js';
import { failingTypeTest, type JsonType } from './keywords-type.js';
import type { CompileContext, Direction, JsonSchemaObject } from './context.js';

const count = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isRecord = (value: unknown): value is JsonSchemaObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
/** Keys every object inherits: read them as own properties only, or `constructor` would always be "present". */
const inherited = new Set(Object.getOwnPropertyNames(Object.prototype));
const MAX_INLINE_KEYS = 8;

export function hasObjectKeywords(s: JsonSchemaObject, ctx: CompileContext, direction: Direction): boolean {
  void direction;
  const keys = ['properties', 'required', 'patternProperties', 'propertyNames', 'minProperties', 'maxProperties'];
  keys.push(...(ctx.dialect === 'draft4' ? ['dependencies'] : ['dependentRequired', 'dependentSchemas']));
  if (keys.some((k) => s[k] !== undefined)) return true;
  return !isTrivialSchema(s['additionalProperties']);
}

export function compileObjectKeywords(c: Compiler, s: JsonSchemaObject, pointer: string, site: Site): void {
  const { ctx, code } = c;
  const object = ctx.local('o');
  const objectLine = code.length;
  code.line(`const ${object} = ${site.value} as Record<string, unknown>;`);
  const read = (key: string): string =>
    inherited.has(key)
      ? `(Object.hasOwn(${object}, ${literal(key)}) ? ${object}[${literal(key)}] : undefined)`
      : `${object}[${literal(key)}]`;
  const declared = isRecord(s['properties']) ? s['properties'] : {};
  const allRequired = Array.isArray(s['required']) ? s['required'].filter((k): k is string => typeof k === 'string') : [];
  // Very wide objects are checked in parts, each its own function (see checkInParts).
  const inParts = Object.keys(declared).length > MAX_INLINE_PROPERTIES;
  if (inParts) checkInParts(c, declared, allRequired, pointer, site);
  const properties = inParts ? {} : declared;
  const required = inParts ? allRequired.filter((key) => !Object.hasOwn(declared, key)) : allRequired;
  const refused = refusedMarker(c.direction);

  if (count(s['minProperties']) || count(s['maxProperties'])) {
    const size = ctx.local('size');
    code.line(`const ${size} = Object.keys(${object}).length;`);
    if (count(s['minProperties']))
      code.line(
        `if (${size} < ${s['minProperties']}) ${site.ok} = ${ctx.helper('fail')}(${site.issues}, ${site.path}, 'minProperties', ${literal(`must NOT have fewer than ${s['minProperties']} properties`)});`,
      );
    if (count(s['maxProperties']))
      code.line(
        `if (${size} > ${s['maxProperties']}) ${site.ok} = ${ctx.helper('fail')}(${site.issues}, ${site.path}, 'maxProperties', ${literal(`must NOT have more than ${s['maxProperties']} properties`)});`,
      );
  }
  for (const key of required) {
    if (refused !== undefined && isMarked(ctx, properties[key], refused)) continue;
    code.line(
      `if (${read(key)} === undefined) ${site.ok} = ${ctx.helper('missing')}(${site.issues}, ${site.path}, ${literal(key)});`,
    );
  }
  for (const [key, schema] of Object.entries(properties)) {
    const refusedHere = refused !== undefined && isMarked(ctx, schema, refused);
    if (schema === true && !refusedHere) continue;
    const value = ctx.local('x');
    code.line(`const ${value} = ${read(key)};`);
    const path = childPath(site.path, key);
    const oneLine = refusedHere ? undefined : oneLineCheck(c, schema, value, path, site);
    if (oneLine !== undefined) {
      code.line(`if (${value} !== undefined && ${oneLine}`);
      continue;
    }
    code.block(`if (${value} !== undefined)`, () => {
      if (refusedHere) {
        const message = refused === 'readOnly' ? 'is read-only and must not be sent' : 'is write-only and must not be returned';
        code.line(
          `${site.ok} = ${ctx.helper('fail')}(${site.issues}, ${childPath(site.path, key)}, '${refused}', ${literal(message)});`,
        );
      } else {
        c.schema(schema, `${pointer}/properties/${escapeToken(key)}`, { ...site, value, path: childPath(site.path, key) });
      }
    });
  }
  compileDependencies(c, s, pointer, site, read);
  compileOtherKeys(c, s, pointer, site, object, Object.keys(declared));
  code.dropIfUnused(objectLine, object);
}

/** Properties one function checks before TypeScript's control-flow analysis of it gets too deep. */
const MAX_INLINE_PROPERTIES = 100;

/**
 * `properties` (and the `required` among them) of a very wide object, MAX_INLINE_PROPERTIES per
 * function: one body checking them all is more than TypeScript's control-flow analysis follows
 * (TS2563; docusign's account settings object has over 600 properties).
 */
function checkInParts(c: Compiler, properties: JsonSchemaObject, required: readonly string[], pointer: string, site: Site): void {
  const entries = Object.entries(properties);
  for (let i = 0; i < entries.length; i += MAX_INLINE_PROPERTIES) {
    const part = Object.fromEntries(entries.slice(i, i + MAX_INLINE_PROPERTIES));
    const schema = { type: 'object', properties: part, required: required.filter((key) => Object.hasOwn(part, key)) };
    const fn = c.ctx.functionForInline(schema, JSON.stringify(schema), pointer, c.direction);
    c.code.line(`if (!${fn}(${site.value}, ${site.path}, ${site.issues})) ${site.ok} = false;`);
  }
}

/**
 * The common property shapes as one condition-and-statement (`!(typeof x === 'string')) ok = …;`),
 * to be prefixed with the presence test: a lone `$ref`, or a single type with nothing else to check.
 */
function oneLineCheck(c: Compiler, schema: unknown, value: string, path: string, site: Site): string | undefined {
  if (!isRecord(schema)) return undefined;
  const ref = schema['$ref'];
  // `nullable` beside a 3.0 `$ref` admits null (compile-schema.ts); the call alone would refuse it.
  const nullable = schema['nullable'] === true || schema['x-nullable'] === true;
  if (
    typeof ref === 'string' &&
    ((c.ctx.dialect === 'draft4' && !nullable) || Object.keys(schema).every((k) => k === '$ref' || isAnnotation(k)))
  ) {
    const target = c.ctx.resolve(ref, '');
    if (target === undefined) return undefined;
    return `!${c.ctx.functionFor(target.pointer, c.direction)}(${value}, ${path}, ${site.issues})) ${site.ok} = false;`;
  }
  const type = schema['type'];
  const simple =
    typeof type === 'string' &&
    ['string', 'number', 'integer', 'boolean', 'array', 'object'].includes(type) &&
    Object.keys(schema).every(
      (k) => k === 'type' || isAnnotation(k) || (k === 'format' && !checkedFormats.has(String(schema[k]))),
    ) &&
    !(type === 'object' || type === 'array');
  if (!simple) return undefined;
  const failing = failingTypeTest(type as JsonType, value);
  // Joined to the presence test with `&&`: an `||` test needs its parentheses.
  return `${failing.includes('||') ? `(${failing})` : failing}) ${site.ok} = ${c.ctx.helper('wrongType')}(${site.issues}, ${path}, '${type}');`;
}

/** Formats with a check (keywords-string.ts / keywords-number.ts); others are annotations here. */
const checkedFormats = new Set([
  'date',
  'date-time',
  'time',
  'email',
  'uuid',
  'uri',
  'ipv4',
  'ipv6',
  'hostname',
  'byte',
  'binary',
  'int32',
  'int64',
]);

/** An annotation, or (here, where the direction was already applied) `readOnly` / `writeOnly`. */
function isAnnotation(key: string): boolean {
  return annotations.has(key) || key === 'readOnly' || key === 'writeOnly' || key.startsWith('x-');
}

function escapeToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function refusedMarker(direction: Direction): 'readOnly' | 'writeOnly' | undefined {
  return direction === 'request' ? 'readOnly' : direction === 'response' ? 'writeOnly' : undefined;
}

/** `readOnly: true` on the property schema, or on the schema its `$ref` points to. */
function isMarked(ctx: CompileContext, schema: unknown, marker: 'readOnly' | 'writeOnly'): boolean {
  if (!isRecord(schema)) return false;
  if (schema[marker] === true) return true;
  if (typeof schema['$ref'] !== 'string') return false;
  const target = ctx.resolve(schema['$ref'], '');
  return target !== undefined && isRecord(target.schema) && target.schema[marker] === true;
}

function compileDependencies(c: Compiler, s: JsonSchemaObject, pointer: string, site: Site, read: (key: string) => string): void {
  const draft4 = c.ctx.dialect === 'draft4';
  const requiredSets = draft4 ? s['dependencies'] : s['dependentRequired'];
  const schemas = draft4 ? s['dependencies'] : s['dependentSchemas'];
  if (isRecord(requiredSets)) {
    for (const [key, needs] of Object.entries(requiredSets)) {
      if (!Array.isArray(needs) || needs.length === 0) continue;
      c.code.block(`if (${read(key)} !== undefined)`, () => {
        for (const need of needs.filter((n): n is string => typeof n === 'string')) {
          c.code.line(
            `if (${read(need)} === undefined) ${site.ok} = ${c.ctx.helper('fail')}(${site.issues}, ${childPath(site.path, need)}, 'dependentRequired', ${literal(`must have property '${need}' when property '${key}' is present`)});`,
          );
        }
      });
    }
  }
  if (isRecord(schemas)) {
    const keyword = draft4 ? 'dependencies' : 'dependentSchemas';
    for (const [key, schema] of Object.entries(schemas)) {
      if (Array.isArray(schema) || schema === true) continue;
      c.code.block(`if (${read(key)} !== undefined)`, () => c.schema(schema, `${pointer}/${keyword}/${escapeToken(key)}`, site));
    }
  }
}

/** The per-key loop: `propertyNames`, `patternProperties`, then `additionalProperties` for keys nothing else matched. */
function compileOtherKeys(
  c: Compiler,
  s: JsonSchemaObject,
  pointer: string,
  site: Site,
  object: string,
  declared: string[],
): void {
  const { ctx, code } = c;
  const patterns = isRecord(s['patternProperties']) ? Object.entries(s['patternProperties']) : [];
  const additional = s['additionalProperties'];
  const names = s['propertyNames'];
  const checksAdditional = additional !== undefined && !isTrivialSchema(additional);
  if (patterns.length === 0 && !checksAdditional && isTrivialSchema(names)) return;
  const key = ctx.local('k');
  code.block(`for (const ${key} in ${object})`, () => {
    const keyPath = `${site.path} + '/' + ${ctx.helper('pointerToken')}(${key})`;
    if (!isTrivialSchema(names)) c.schema(names, `${pointer}/propertyNames`, { ...site, value: key, path: keyPath });
    const value = ctx.local('x');
    const valueLine = code.length;
    code.line(`const ${value} = ${object}[${key}];`);
    const matched = ctx.local('matched');
    if (patterns.length > 0 && checksAdditional) code.line(`let ${matched} = false;`);
    patterns.forEach(([source, schema]) => {
      const regex = patternConstant(ctx, source, pointer);
      if (regex === undefined) return;
      code.block(`if (${regex}.test(${key}))`, () => {
        if (checksAdditional) code.line(`${matched} = true;`);
        c.schema(schema, `${pointer}/patternProperties/${escapeToken(source)}`, { ...site, value, path: keyPath });
      });
    });
    if (!checksAdditional) return code.dropIfUnused(valueLine, value);
    const known = knownKeyTest(ctx, declared, key);
    const unmatched = [known === undefined ? undefined : `!(${known})`, patterns.length > 0 ? `!${matched}` : undefined].filter(
      Boolean,
    );
    const head = unmatched.length === 0 ? undefined : `if (${unmatched.join(' && ')})`;
    const body = (): void => {
      if (additional === false) {
        code.line(
          `${site.ok} = ${ctx.helper('fail')}(${site.issues}, ${keyPath}, 'additionalProperties', 'must NOT have additional properties');`,
        );
      } else c.schema(additional, `${pointer}/additionalProperties`, { ...site, value, path: keyPath });
    };
    if (head === undefined) body();
    else code.block(head, body);
    code.dropIfUnused(valueLine, value);
  });
}

function knownKeyTest(ctx: CompileContext, declared: readonly string[], key: string): string | undefined {
  if (declared.length === 0) return undefined;
  if (declared.length <= MAX_INLINE_KEYS) return declared.map((name) => `${key} === ${literal(name)}`).join(' || ');
  return `${ctx.constant('keys', `new Set<string>(${literal(declared)})`)}.has(${key})`;
}

function patternConstant(ctx: CompileContext, source: string, pointer: string): string | undefined {
  for (const flags of ['u', '']) {
    try {
      new RegExp(source, flags);
      return ctx.constant('pattern', `new RegExp(${literal(source)}${flags === '' ? '' : `, '${flags}'`})`);
    } catch {
      // Try the next flag set.
    }
  }
  ctx.warn(
    'VALIDATOR_PATTERN',
    `patternProperties key ${literal(source)} is not a JavaScript regular expression; it is not checked`,
    pointer,
  );
  return undefined;
}
