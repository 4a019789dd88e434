/**
 * Property names and dates of the generated types, decided once for the whole document.
 *
 * With `naming: 'camelCase'`, every DECLARED property gets a camelCase TypeScript name (keys of
 * maps and free-form objects are data, never renamed). Names are decided per "wire object": the
 * object schemas that can describe the same JSON object — allOf parts and oneOf/anyOf variants,
 * through refs — share one decision, so a value converts the same way whichever variant it is.
 * Within such a group a wire name that is already camelCase keeps it (`fooBar`), and a name that
 * would only become one (`foo_bar`) stays as on the wire; between two such names the first found
 * wins (a fixed order: named schemas in spec order, then operations). The types and the runtime
 * tables (emit/transforms-file.ts) read the same decision.
 */
import type * as ir from '../ir/index.js';
import { walkSchema } from '../ir/index.js';
import { isValidIdentifier, toCamelCase } from './identifiers.js';

export type NamingStyle = 'preserve' | 'camelCase';
export type DateStyle = 'string' | 'Date';

export interface TransformPlan {
  naming: NamingStyle;
  dates: DateStyle;
  /** True when generated code converts values at runtime (an option is not at its default). */
  enabled: boolean;
  /** The TypeScript name of a declared property; its wire name unless `naming` is camelCase. */
  propertyName: (property: ir.Property) => string;
  /** A path of wire names into values of `schema` (pagination paths), as TypeScript names. */
  renamePath: (schema: ir.Schema, path: readonly string[]) => string[];
}

export function planTransforms(
  document: ir.Document,
  naming: NamingStyle = 'preserve',
  dates: DateStyle = 'string',
): TransformPlan {
  const names = naming === 'camelCase' ? decideNames(document) : new Map<ir.Property, string>();
  const propertyName = (property: ir.Property): string => names.get(property) ?? property.name;
  return {
    naming,
    dates,
    enabled: naming !== 'preserve' || dates !== 'string',
    propertyName,
    renamePath: (schema, path) => renamePath(document, schema, path, propertyName),
  };
}

/** Already lower camelCase (`id`, `userID`, `eTag`): kept as written. */
function isCamel(name: string): boolean {
  return /^\p{Ll}[\p{L}\p{N}]*$/u.test(name);
}

function camelCandidate(wire: string): string | undefined {
  if (isCamel(wire)) return undefined;
  const camel = toCamelCase(wire);
  return camel !== wire && isCamel(camel) && isValidIdentifier(camel) ? camel : undefined;
}

function decideNames(document: ir.Document): Map<ir.Property, string> {
  const groups = new UnionFind<ir.Schema>();
  const objects: ir.ObjectSchema[] = [];
  const seen = new Set<ir.Schema>();
  const visit = (node: ir.Schema): void => {
    if (seen.has(node)) return;
    seen.add(node);
    if (node.kind === 'object') objects.push(node);
    // Schemas that describe the same JSON value join one group; properties and items are other values.
    const same =
      node.kind === 'union'
        ? node.variants
        : node.kind === 'intersection'
          ? node.parts
          : node.kind === 'ref'
            ? [document.schemas.get(node.target)?.schema]
            : [];
    for (const other of same) if (other !== undefined) groups.join(node, other);
  };
  for (const root of schemaRoots(document)) walkSchema(root, visit);

  const byGroup = new Map<ir.Schema, ir.ObjectSchema[]>();
  for (const object of objects) {
    const root = groups.find(object);
    const list = byGroup.get(root) ?? [];
    list.push(object);
    byGroup.set(root, list);
  }
  const names = new Map<ir.Property, string>();
  for (const members of byGroup.values()) {
    const properties = members.flatMap((m) => m.properties);
    const wire = new Set(properties.map((p) => p.name));
    const chosen = new Map<string, string>();
    const claimed = new Set<string>();
    for (const { name } of properties) {
      if (chosen.has(name)) continue;
      const camel = camelCandidate(name);
      const free = camel !== undefined && !wire.has(camel) && !claimed.has(camel);
      if (free) claimed.add(camel);
      chosen.set(name, free ? camel : name);
    }
    for (const property of properties) {
      const name = chosen.get(property.name);
      if (name !== undefined && name !== property.name) names.set(property, name);
    }
  }
  return names;
}

/** Every schema the generated code renders: named schemas, parameters, bodies, responses (document order). */
function schemaRoots(document: ir.Document): ir.Schema[] {
  const roots = [...document.schemas.values()].map((named) => named.schema);
  for (const operation of document.operations) {
    roots.push(...operation.parameters.map((p) => p.schema));
    for (const content of operation.requestBody?.content ?? []) roots.push(content.schema);
    for (const response of operation.responses) roots.push(...response.content.map((c) => c.schema));
  }
  return roots;
}

/**
 * Every schema a value of `schema` may be, through refs, allOf and oneOf/anyOf (cycle safe), in
 * declaration order; `pick` keeps what the caller wants from each.
 */
function reachable<T>(document: ir.Document, schema: ir.Schema, pick: (node: ir.Schema) => T | undefined): T[] {
  const found: T[] = [];
  const seen = new Set<ir.Schema>();
  const stack = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined || seen.has(node)) continue;
    seen.add(node);
    const picked = pick(node);
    if (picked !== undefined) found.push(picked);
    else if (node.kind === 'ref') {
      const target = document.schemas.get(node.target);
      if (target) stack.push(target.schema);
    } else if (node.kind === 'union') stack.push(...[...node.variants].reverse());
    else if (node.kind === 'intersection') stack.push(...[...node.parts].reverse());
  }
  return found;
}

/** The object schemas a value of `schema` may be. */
export function objectParts(document: ir.Document, schema: ir.Schema): ir.ObjectSchema[] {
  return reachable(document, schema, (node) => (node.kind === 'object' ? node : undefined));
}

/** Item schemas of the arrays a value of `schema` may be. */
function arrayItems(document: ir.Document, schema: ir.Schema): ir.Schema[] {
  return reachable(document, schema, (node) => (node.kind === 'array' ? node.items : undefined));
}

/**
 * Wire path → TypeScript path. `$lastItem` (runtime/pagination/pagination.ts) steps into the items of the
 * array reached so far; a segment the schema does not declare stays, and so does the rest.
 */
function renamePath(
  document: ir.Document,
  schema: ir.Schema,
  path: readonly string[],
  propertyName: (p: ir.Property) => string,
): string[] {
  const renamed: string[] = [];
  let current: ir.Schema[] = [schema];
  for (const segment of path) {
    if (segment === '$lastItem') {
      renamed.push(segment);
      current = current.flatMap((s) => arrayItems(document, s));
      continue;
    }
    const property = current
      .flatMap((s) => objectParts(document, s))
      .flatMap((o) => o.properties)
      .find((p) => p.name === segment);
    renamed.push(property === undefined ? segment : propertyName(property));
    current = property === undefined ? [] : [property.schema];
  }
  return renamed;
}

class UnionFind<T> {
  private readonly parent = new Map<T, T>();

  find(item: T): T {
    let root = item;
    for (let next = this.parent.get(root); next !== undefined && next !== root; next = this.parent.get(root)) root = next;
    // Path compression keeps later finds near constant time on large specs.
    for (let node = item; node !== root;) {
      const next = this.parent.get(node) ?? root;
      this.parent.set(node, root);
      node = next;
    }
    return root;
  }

  join(a: T, b: T): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.parent.set(rootB, rootA);
  }
}
