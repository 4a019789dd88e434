/** IR schema → TypeScript type expression text, indented like hand-written code. */
import type * as ir from '../ir/index.js';
import { docComment } from './ts/doc-comment.js';
import { primitiveLiteral, propertyKey } from './ts/literal.js';

export interface TypeContext {
  /** Type name of each named schema. */
  typeNames: ReadonlyMap<ir.SchemaId, string>;
  /** Prefix for references, e.g. `t.` in endpoint files. */
  qualifier?: string;
  /** The TypeScript name of a declared property (plan/property-names.ts); the wire name when absent. */
  propertyName?: (property: ir.Property) => string;
  /** The type of `format: date-time`/`date` strings converted at runtime (`Date`, or `string | Date` for parameters); absent: `string`. */
  dateType?: string;
  /** Refs that would make the alias being printed name itself (alias-cycles.ts): printed as `unknown`. */
  cycleBreaks?: ReadonlySet<ir.SchemaId>;
}

/** Inside an object, array or tuple, recursion is allowed again: the cycle breaks stop applying. */
function nested(ctx: TypeContext): TypeContext {
  if (ctx.cycleBreaks === undefined) return ctx;
  const { cycleBreaks: _dropped, ...rest } = ctx;
  return rest;
}

/** `format: date-time` and `format: date` strings (RFC 3339 §5.6): the ones `dates: 'Date'` converts. */
export function isDateFormat(format: string | undefined): format is 'date-time' | 'date' {
  return format === 'date-time' || format === 'date';
}

export function typeExpression(schema: ir.Schema, ctx: TypeContext, indent = ''): string {
  switch (schema.kind) {
    case 'ref': {
      if (ctx.cycleBreaks?.has(schema.target) === true) return 'unknown';
      const name = ctx.typeNames.get(schema.target);
      return name === undefined ? 'unknown' : `${ctx.qualifier ?? ''}${name}`;
    }
    case 'string':
      return ctx.dateType !== undefined && isDateFormat(schema.format) ? ctx.dateType : 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'unknown':
      return 'unknown';
    case 'never':
      return 'never';
    case 'binary':
      return 'Blob';
    case 'enum':
      return schema.values.length === 0 ? 'never' : schema.values.map(primitiveLiteral).join(' | ');
    case 'array':
      return `${wrap(typeExpression(schema.items, nested(ctx), indent), schema.items, ctx)}[]`;
    case 'tuple': {
      const inner = nested(ctx);
      const items = schema.prefixItems.map((item) => typeExpression(item, inner, indent));
      if (schema.rest !== false) items.push(`...${wrap(typeExpression(schema.rest, inner, indent), schema.rest, ctx)}[]`);
      return `[${items.join(', ')}]`;
    }
    case 'union':
      return (
        unique(
          withDateFormat(schema, ctx).map((v) => wrapIntersectionMember(typeExpression(v, ctx, indent), v, false, ctx)),
        ).join(' | ') || 'never'
      );
    case 'intersection':
      return (
        unique(schema.parts.map((p) => wrapIntersectionMember(typeExpression(p, ctx, indent), p, true, ctx))).join(' & ') ||
        'unknown'
      );
    case 'object':
      return objectType(schema, nested(ctx), indent);
  }
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

/**
 * The variants of a union, with the union's own `format` handed to its string variants: 3.1's
 * `type: [string, 'null'], format: date-time` puts the format beside the type list.
 */
export function withDateFormat(schema: ir.UnionSchema, ctx: Pick<TypeContext, 'dateType'>): ir.Schema[] {
  const format = schema.format;
  if (ctx.dateType === undefined || !isDateFormat(format)) return schema.variants;
  return schema.variants.map((v) => (v.kind === 'string' && v.format === undefined ? { ...v, format } : v));
}

/** A date string typed `string | Date` (parameters) is a union too. */
function isDateUnion(schema: ir.Schema, ctx: TypeContext): boolean {
  return schema.kind === 'string' && ctx.dateType !== undefined && ctx.dateType.includes('|') && isDateFormat(schema.format);
}

/** Array element types need parentheses around unions and intersections. */
function wrap(text: string, schema: ir.Schema, ctx: TypeContext): string {
  const compound =
    schema.kind === 'union' ||
    schema.kind === 'intersection' ||
    (schema.kind === 'enum' && schema.values.length > 1) ||
    isDateUnion(schema, ctx);
  return compound ? `(${text})` : text;
}

function wrapIntersectionMember(text: string, schema: ir.Schema, inIntersection: boolean, ctx: TypeContext): string {
  if (
    inIntersection &&
    (schema.kind === 'union' || (schema.kind === 'enum' && schema.values.length > 1) || isDateUnion(schema, ctx))
  )
    return `(${text})`;
  return text;
}

function objectType(schema: ir.ObjectSchema, ctx: TypeContext, indent: string): string {
  const inner = indent + '  ';
  const lines: string[] = [];
  for (const property of schema.properties) {
    const name = ctx.propertyName?.(property) ?? property.name;
    const doc = propertyDoc(property.schema);
    if (name !== property.name) doc.push(`On the wire: \`${property.name}\`.`);
    lines.push(
      docComment(doc, inner) +
        `${inner}${propertyKey(name)}${property.required ? '' : '?'}: ${typeExpression(property.schema, ctx, inner)};`,
    );
  }
  const index = indexSignature(schema, ctx, inner);
  if (lines.length === 0) return `{ ${(index ?? '[key: string]: unknown;').replace(/;$/, '')} }`;
  if (index) lines.push(`${inner}${index}`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/**
 * The index signature: `additionalProperties`/`patternProperties` when declared; a free-form
 * `type: object` with nothing declared accepts any key. Declared property types join the index
 * type so the interface stays valid.
 */
function indexSignature(schema: ir.ObjectSchema, ctx: TypeContext, indent: string): string | undefined {
  if (schema.additional === undefined) return schema.properties.length === 0 ? '[key: string]: unknown;' : undefined;
  if (schema.additional === false) return schema.properties.length === 0 ? '[key: string]: never;' : undefined;
  const valueType = typeExpression(schema.additional, ctx, indent);
  if (schema.properties.length === 0 || valueType === 'unknown') return `[key: string]: ${valueType};`;
  const memberTypes = unique([valueType, ...schema.properties.map((p) => typeExpression(p.schema, ctx, indent))]);
  if (schema.properties.some((p) => !p.required)) memberTypes.push('undefined');
  return `[key: string]: ${memberTypes.join(' | ')};`;
}

export function propertyDoc(schema: ir.Schema): (string | undefined)[] {
  const notes: string[] = [];
  if (schema.format && schema.kind !== 'binary') notes.push(`Format: \`${schema.format}\`.`);
  if (schema.readOnly) notes.push('Read-only: sent by the server, ignored in requests.');
  if (schema.writeOnly) notes.push('Write-only: never returned by the server.');
  if (schema.default !== undefined) {
    const text = JSON.stringify(schema.default);
    if (text !== undefined && text.length <= 80) notes.push(`Default: \`${text}\`.`);
  }
  return [
    schema.title && schema.title !== schema.description ? schema.title : undefined,
    schema.description,
    notes.join(' ') || undefined,
    schema.deprecated ? '@deprecated' : undefined,
  ];
}
