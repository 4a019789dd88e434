/**
 * Decides each operation's pagination once every schema is known: builds the plain view
 * `detectPagination` reads (refs resolved, allOf merged, depth-limited) from the IR.
 */
import type * as ir from '../ir/index.js';
import type { NormalizeContext } from './context.js';
import { detectPagination, type PaginationInput, type SchemaView } from './detect-pagination.js';

const maxDepth = 5;

export function decidePagination(operation: ir.Operation, override: unknown, ctx: NormalizeContext): void {
  const success = operation.responses.find((r) => r.status === '200') ?? operation.responses.find((r) => /^2/.test(r.status));
  const json = success?.content.find((c) => /json/i.test(c.mediaType));
  const input: PaginationInput = {
    method: operation.method,
    queryParams: operation.parameters
      .filter((p) => p.in === 'query')
      .map((p) => {
        const type = primitiveType(p.schema, ctx);
        return type === undefined ? { name: p.name } : { name: p.name, schemaType: type };
      }),
    // Only a GET is ever paginated (detect-pagination.ts): other methods never read the view.
    responseSchema: json && operation.method.toUpperCase() === 'GET' ? schemaView(json.schema, ctx, 0) : undefined,
    responseHeaders: success?.headers.map((h) => h.name) ?? [],
  };
  if (operation.paginationExtension !== undefined) input.extension = operation.paginationExtension;
  if (override !== undefined) input.override = override;
  const detection = detectPagination(input);
  for (const problem of detection.problems) ctx.warn('PAGINATION_DECLARATION', problem, operation.source);
  if (detection.descriptor) operation.pagination = detection.descriptor;
}

function resolve(schema: ir.Schema, ctx: NormalizeContext): ir.Schema {
  let current = schema;
  for (let hops = 0; current.kind === 'ref' && hops < 8; hops++) {
    const target = ctx.schemas.get(current.target);
    if (!target) return { kind: 'unknown' };
    current = target.schema;
  }
  return current;
}

function primitiveType(schema: ir.Schema, ctx: NormalizeContext, depth = 0): string | undefined {
  // Unions of refs can point back at themselves (A = B | null, B = A | null): bounded like schemaView.
  if (depth > maxDepth) return undefined;
  const resolved = resolve(schema, ctx);
  if (resolved.kind === 'enum') return typeof resolved.values[0] === 'number' ? 'number' : 'string';
  if (resolved.kind === 'union') {
    const variant = resolved.variants.find((v) => v.kind !== 'null');
    return variant ? primitiveType(variant, ctx, depth + 1) : undefined;
  }
  return ['string', 'number', 'integer', 'boolean', 'array', 'object'].includes(resolved.kind) ? resolved.kind : undefined;
}

/**
 * Views by schema and depth, shared by every operation that returns the same schema (GitHub's
 * 1,223 operations return a few hundred): `detectPagination` only reads them.
 */
const views = new WeakMap<ir.Schema, SchemaView[]>();

function schemaView(schema: ir.Schema, ctx: NormalizeContext, depth: number): SchemaView {
  const resolved = resolve(schema, ctx);
  if (depth > maxDepth) return {};
  let byDepth = views.get(resolved);
  if (byDepth === undefined) views.set(resolved, (byDepth = []));
  return (byDepth[depth] ??= buildView(resolved, ctx, depth));
}

function buildView(resolved: ir.Schema, ctx: NormalizeContext, depth: number): SchemaView {
  switch (resolved.kind) {
    case 'object': {
      const properties: Record<string, SchemaView> = {};
      for (const property of resolved.properties) {
        Object.defineProperty(properties, property.name, {
          value: schemaView(property.schema, ctx, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return { type: 'object', properties };
    }
    case 'array':
      return { type: 'array', items: schemaView(resolved.items, ctx, depth + 1) };
    case 'intersection': {
      // allOf: the parts' properties together.
      const properties: Record<string, SchemaView> = {};
      for (const part of resolved.parts) {
        // Composition counts as a level: mutually recursive allOf/anyOf must reach the bound too.
        const view = schemaView(part, ctx, depth + 1);
        for (const [name, value] of Object.entries(view.properties ?? {}))
          Object.defineProperty(properties, name, { value, enumerable: true, writable: true, configurable: true });
      }
      return { type: 'object', properties };
    }
    case 'union': {
      // A nullable list is still a list.
      const variants = resolved.variants.filter((v) => v.kind !== 'null');
      return variants.length === 1 && variants[0] ? schemaView(variants[0], ctx, depth + 1) : {};
    }
    default: {
      const view: SchemaView = { type: resolved.kind === 'integer' ? 'integer' : resolved.kind };
      if (resolved.format !== undefined) view.format = resolved.format;
      return view;
    }
  }
}
