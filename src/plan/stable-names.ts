/**
 * Names that stay put on regeneration. A type or function name is a function of its own schema or
 * operation (name, operationId or method + path, tag) and of nothing else in the spec: adding,
 * removing or reordering other operations and schemas renames nothing. The one exception is a
 * true clash — two things whose names sanitize to the same identifier — and even then the one
 * that holds its natural name keeps it: every natural name is claimed first (in an order that does
 * not depend on the spec's order), and only the losers of a clash take a qualified name.
 */
import type * as ir from '../ir/index.js';
import { ensureIdentifierStart, splitWords, toPascalCase } from './identifiers.js';
import type { NameRegistry } from './name-registry.js';

/** Code-unit order: the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Claim<T> {
  item: T;
  /** The natural name (or names that must be claimed together), then qualified fallbacks. */
  candidates: string[][];
  /** Sort key: claims are made in this order, never in spec order. */
  order: string;
  seed: string;
}

/**
 * Two passes: every item whose natural names are all free claims them; then the rest walk their
 * fallbacks. Within a pass the order is the items' sort keys, so reordering the spec changes nothing.
 */
function claimAll<T>(claims: Claim<T>[], registry: NameRegistry): Map<T, string[]> {
  const sorted = [...claims].sort((a, b) => compareText(a.order, b.order));
  const result = new Map<T, string[]>();
  const free = (names: string[]) => names.every((name) => name !== '' && !registry.has(name));
  const take = (claim: Claim<T>, names: string[]) => {
    result.set(
      claim.item,
      names.map((name) => registry.claim([name], claim.seed)),
    );
  };
  for (const claim of sorted) {
    const natural = claim.candidates[0];
    if (natural && free(natural)) take(claim, natural);
  }
  for (const claim of sorted) {
    if (result.has(claim.item)) continue;
    const fallback = claim.candidates.slice(1).find(free);
    if (fallback) take(claim, fallback);
    else {
      const last = claim.candidates[claim.candidates.length - 1] ?? [];
      result.set(
        claim.item,
        last.map((name, i) => registry.claim([name], `${claim.seed} ${i}`)),
      );
    }
  }
  return result;
}

/**
 * Schema → type name: the schema's name in PascalCase (`pet_status` → `PetStatus`). A name that
 * is a reserved type name or global (`Error`, `object`, `Response`: see plan/reserved.ts), or that
 * another schema holds, takes a qualifier: `ErrorSchema`, `Foo_Bar` for a `Foo-Bar` beside a
 * `FooBar`. Component schemas claim before other `$ref` targets, clean spellings before ones that
 * only sanitize to the same name.
 */
export function planSchemaNames(document: ir.Document, registry: NameRegistry): Map<ir.SchemaId, string> {
  const claims: Claim<ir.NamedSchema>[] = [...document.schemas.values()].map((named) => {
    const pascal = ensureIdentifierStart(toPascalCase(named.name)) || 'Schema';
    const clean = pascal === named.name;
    const separated = ensureIdentifierStart(splitWords(named.name).join('_')) || 'Schema';
    const fallbacks = clean ? [`${pascal}Schema`, `${pascal}Model`] : [separated, `${pascal}Schema`, `${pascal}Model`];
    return {
      item: named,
      candidates: [[pascal], ...fallbacks.map((name) => [name])],
      order: `${named.component ? 0 : 1}${clean ? 0 : 1} ${named.name}\u0000${named.id}`,
      seed: named.id,
    };
  });
  const names = new Map<ir.SchemaId, string>();
  for (const [named, [name]] of claimAll(claims, registry)) names.set(named.id, name ?? 'Schema');
  return names;
}

export interface OperationTypeNames {
  paramsType: string;
  responseType: string;
  errorType: string;
  /** What the three share (`GetPetById`), for names built beside them (`mockGetPetById`, `GetPetByIdStreamEvent`). */
  typeBase: string;
}

const typeSuffixes = ['Params', 'Response', 'Error'] as const;

/**
 * Operation → its three type names, always from the full operationId (`repos/list-for-org` →
 * `ReposListForOrgParams`), or from method + path without one (`GetPetsByIdParams`), never from the
 * shortened function name: whether a short name collides depends on the rest of the spec. The
 * three names travel together; on a clash the qualifier is `Operation` (`ListPetsOperationResponse`
 * beside a schema named `ListPetsResponse`).
 */
export function planOperationTypeNames(
  operations: readonly ir.Operation[],
  registry: NameRegistry,
): Map<ir.Operation, OperationTypeNames> {
  const claims: Claim<ir.Operation>[] = operations.map((operation) => {
    const full = toPascalCase(operation.id);
    const base = ensureIdentifierStart(full) || 'Operation';
    const route = ensureIdentifierStart(toPascalCase(routeName(operation))) || 'Operation';
    const bases = [base, `${base}Operation`, route, `${route}Operation`];
    const clean = operation.hasOperationId && full.charAt(0).toLowerCase() + full.slice(1) === operation.id;
    return {
      item: operation,
      candidates: bases.map((b) => typeSuffixes.map((suffix) => `${b}${suffix}`)),
      order: `${clean ? 0 : 1} ${operation.id}\u0000${operation.source}`,
      seed: operation.source,
    };
  });
  const result = new Map<ir.Operation, OperationTypeNames>();
  for (const [operation, [paramsType = '', responseType = '', errorType = '']] of claimAll(claims, registry)) {
    result.set(operation, { paramsType, responseType, errorType, typeBase: paramsType.slice(0, -'Params'.length) });
  }
  return result;
}

/**
 * Function names inside one tag's module: the operationId without the tag's prefix
 * (`repos/list-for-org` → `listForOrg`), else the full operationId, else a name from method + path.
 */
export function planFunctionNames(
  operations: readonly ir.Operation[],
  candidates: (operation: ir.Operation) => string[],
  registry: NameRegistry,
): Map<ir.Operation, string> {
  const claims: Claim<ir.Operation>[] = operations.map((operation) => {
    const names = candidates(operation);
    const clean = operation.hasOperationId && names.includes(operation.id);
    return {
      item: operation,
      candidates: names.map((name) => [name]),
      order: `${clean ? 0 : 1} ${operation.id}\u0000${operation.source}`,
      seed: operation.source,
    };
  });
  const result = new Map<ir.Operation, string>();
  for (const [operation, [name = 'operation']] of claimAll(claims, registry)) result.set(operation, name);
  return result;
}

/** `get /pets/{petId}/toys` → `get pets by petId toys`. */
export function routeName(operation: ir.Operation): string {
  const segments = operation.path
    .split('/')
    .filter(Boolean)
    .map((s) => s.replace(/^\{(.+)\}$/, 'by $1'));
  return `${operation.method.toLowerCase()} ${segments.join(' ')}`;
}
