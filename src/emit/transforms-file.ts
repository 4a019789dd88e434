/**
 * transforms.gen.ts: the shape tables runtime/transform/transform.ts converts values with, when the client is
 * generated with `naming: 'camelCase'` or `dates: 'Date'`. One shape per named schema that needs
 * a conversion somewhere inside it (others are left out: their values pass through untouched), and
 * per operation its request body, response bodies and date parameters (in the endpoint's descriptor).
 * Shapes are data; spec text reaches them only as string literals (ts/value-literal.ts).
 */
import type * as ir from '../ir/index.js';
import { walkSchema } from '../ir/index.js';
import type { ClientPlan, PlannedOperation } from '../plan/plan-types.js';
import { isDateFormat, withDateFormat } from './type-expression.js';
import { docComment } from './ts/doc-comment.js';
import { objectKey } from './ts/literal.js';
import { valueLiteral, type Value } from './ts/value-literal.js';
import { createWriter } from './ts/writer.js';

/** The name endpoint files import the table under: `$` never occurs in a planned identifier, so it cannot collide. */
export const shapesImportName = '$shapes';

interface Shapes {
  /** Named schemas that need a conversion, with their shapes, in output order. */
  table: [name: string, shape: Value][];
  /** The shape of a schema's values; undefined: they pass through as they are. */
  shapeOf: (schema: ir.Schema) => Value | undefined;
}

const cache = new WeakMap<ClientPlan, Shapes>();

export function emitTransformsFile(plan: ClientPlan): string {
  const writer = createWriter();
  writer.writeLine(`import type { ShapeTable } from './runtime/index.js';`);
  writer.blankLine();
  writer.write(
    docComment([
      'How values of the named types differ from the wire, for runtime/transform/transform.ts: properties as `[wire name, name, shape]`, `format: date-time`/`date` strings as `Date`.',
      'Types whose values need no conversion are not listed.',
    ]),
  );
  const { table } = shapesOf(plan);
  if (table.length === 0) writer.writeLine('export const shapes: ShapeTable = {};');
  else
    writer.writeLine(
      `export const shapes: ShapeTable = {\n${table.map(([name, shape]) => `  ${objectKey(name)}: ${valueLiteral(shape, '  ')},`).join('\n')}\n};`,
    );
  return writer.toString();
}

/** What one operation converts (the descriptor's `transform` without the table), or undefined. */
export function operationTransform(plan: ClientPlan, planned: PlannedOperation): { [key: string]: Value } | undefined {
  if (!plan.transform.enabled) return undefined;
  const { shapeOf } = shapesOf(plan);
  const { operation } = planned;
  const request = combine((operation.requestBody?.content ?? []).map((c) => shapeOf(c.schema)));
  const responses: { [status: string]: Value } = {};
  for (const response of operation.responses) {
    const shape = combine(response.content.filter((c) => jsonLike.test(c.mediaType)).map((c) => shapeOf(c.schema)));
    if (shape !== undefined)
      Object.defineProperty(responses, response.status, { value: shape, enumerable: true, writable: true, configurable: true });
  }
  const params = planned.params.flatMap(({ param, key }): Value[] => {
    const shape = shapeOf(param.schema);
    return shape === undefined ? [] : [[key, shape]];
  });
  if (request === undefined && Object.keys(responses).length === 0 && params.length === 0) return undefined;
  return {
    request,
    responses: Object.keys(responses).length === 0 ? undefined : responses,
    params: params.length === 0 ? undefined : params,
  };
}

/** Webhooks: how a payload differs from the wire (a named type's key in the table), or undefined. */
export function schemaShape(plan: ClientPlan, schema: ir.Schema): Value | undefined {
  return plan.transform.enabled ? shapesOf(plan).shapeOf(schema) : undefined;
}

/** Same rule as response-types.ts: the bodies the runtime parses as JSON. */
const jsonLike = /^application\/(.+\+)?json|^\*\/\*$|^application\/\*$/i;

function shapesOf(plan: ClientPlan): Shapes {
  const cached = cache.get(plan);
  if (cached) return cached;
  const shapes = buildShapes(plan);
  cache.set(plan, shapes);
  return shapes;
}

function buildShapes(plan: ClientPlan): Shapes {
  const { propertyName, renamePath } = plan.transform;
  const dates = plan.transform.dates === 'Date';
  const needs = namedSchemasNeedingShapes(plan);

  const shapeOf = (schema: ir.Schema): Value | undefined => {
    switch (schema.kind) {
      case 'ref':
        return needs.has(schema.target) ? plan.typeNames.get(schema.target) : undefined;
      case 'string':
        return dates && isDateFormat(schema.format) ? { date: schema.format } : undefined;
      case 'object': {
        const props = schema.properties.flatMap((p): Value[] => {
          const name = propertyName(p);
          const shape = shapeOf(p.schema);
          if (shape === undefined) return name === p.name ? [] : [[p.name, name]];
          return [[p.name, name, shape]];
        });
        const values = schema.additional ? shapeOf(schema.additional) : undefined;
        if (props.length === 0 && values === undefined) return undefined;
        return { props, values };
      }
      case 'array': {
        const items = shapeOf(schema.items);
        return items === undefined ? undefined : { items };
      }
      case 'tuple': {
        const tuple = schema.prefixItems.map((item) => shapeOf(item) ?? null);
        const rest = schema.rest === false ? undefined : shapeOf(schema.rest);
        return rest === undefined && tuple.every((t) => t === null) ? undefined : { tuple, rest };
      }
      case 'union': {
        const variants = withDateFormat(schema, dates ? { dateType: 'Date' } : {});
        // A plain string beside a date: a string that is no date is still a valid value.
        const orString = variants.some((v) => v.kind === 'string' && isDateFormat(v.format)) && variants.some(acceptsText);
        return unionShape(schema, variants.map(shapeOf), orString);
      }
      case 'intersection':
        return combine(
          schema.parts.map((p) => shapeOf(p)),
          'allOf',
        );
      default:
        return undefined;
    }
  };

  const unionShape = (union: ir.UnionSchema, variants: (Value | undefined)[], orString: boolean): Value | undefined => {
    if (variants.every((v) => v === undefined)) return undefined;
    const discriminator = union.discriminator && discriminatorShape(union, union.discriminator);
    if (discriminator === undefined && !orString) return combine(variants);
    return { anyOf: variants.filter((v) => v !== undefined), discriminator, orString: orString || undefined };
  };

  const discriminatorShape = (union: ir.UnionSchema, discriminator: ir.Discriminator): Value | undefined => {
    if (discriminator.mapping.length === 0) return undefined;
    const mapping: { [value: string]: Value } = {};
    for (const { value, target } of discriminator.mapping) {
      if (Object.hasOwn(mapping, value)) continue;
      const shape = needs.has(target) ? (plan.typeNames.get(target) ?? null) : null;
      Object.defineProperty(mapping, value, { value: shape, enumerable: true, writable: true, configurable: true });
    }
    const name = renamePath(union, [discriminator.propertyName])[0] ?? discriminator.propertyName;
    return { wire: discriminator.propertyName, name, mapping };
  };

  const table: [string, Value][] = [];
  for (const named of plan.schemaOrder) {
    const name = plan.typeNames.get(named.id);
    const shape = needs.has(named.id) ? shapeOf(named.schema) : undefined;
    if (name !== undefined && shape !== undefined) table.push([name, shape]);
  }
  return { table, shapeOf: (schema) => shapeOf(schema) };
}

/** Accepts strings that are not dates: `type: string` without a date format, string enums, anything. */
function acceptsText(schema: ir.Schema): boolean {
  if (schema.kind === 'string') return !isDateFormat(schema.format);
  if (schema.kind === 'enum') return schema.values.some((v) => typeof v === 'string');
  return schema.kind === 'unknown';
}

/** Shapes of alternatives (or allOf parts) as one: none, the only one, or all of them. */
function combine(shapes: (Value | undefined)[], keyword: 'anyOf' | 'allOf' = 'anyOf'): Value | undefined {
  const seen = new Set<string>();
  const present = shapes.filter((s): s is Value => {
    if (s === undefined) return false;
    const key = JSON.stringify(s);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (present.length <= 1) return present[0];
  return keyword === 'anyOf' ? { anyOf: present } : { allOf: present };
}

/**
 * Named schemas whose values need a conversion: those with a renamed property or a date of their
 * own, then everything that references one of them (transitively, so cycles are handled).
 */
function namedSchemasNeedingShapes(plan: ClientPlan): Set<ir.SchemaId> {
  const { propertyName } = plan.transform;
  const dates = plan.transform.dates === 'Date';
  const needs = new Set<ir.SchemaId>();
  const referencedBy = new Map<ir.SchemaId, ir.SchemaId[]>();
  for (const named of plan.document.schemas.values()) {
    let own = false;
    walkSchema(named.schema, (node) => {
      if (node.kind === 'ref') {
        const referrers = referencedBy.get(node.target) ?? [];
        referrers.push(named.id);
        referencedBy.set(node.target, referrers);
      } else if (node.kind === 'object') own ||= node.properties.some((p) => propertyName(p) !== p.name);
      else if (dates && node.kind === 'string') own ||= isDateFormat(node.format);
      else if (dates && node.kind === 'union')
        own ||= isDateFormat(node.format) && node.variants.some((v) => v.kind === 'string' && v.format === undefined);
    });
    if (own) needs.add(named.id);
  }
  const queue = [...needs];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    for (const referrer of referencedBy.get(id) ?? []) {
      if (!needs.has(referrer)) {
        needs.add(referrer);
        queue.push(referrer);
      }
    }
  }
  return needs;
}
