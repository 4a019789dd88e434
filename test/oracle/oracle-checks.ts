/**
 * Writes the type-oracle check file: for each component schema, a compile-time assertion that our
 * type and openapi-typescript's `components['schemas'][Name]` are mutually assignable. Where the
 * two differ on purpose, the schema is listed in a comment with the reason instead.
 */
import type * as ir from '../../src/ir/index.js';
import { walkSchema } from '../../src/ir/index.js';
import { lookupPointer, parsePointer } from '../../src/json-pointer.js';

export interface OracleFile {
  source: string;
  checked: string[];
  skipped: { name: string; reason: string }[];
}

type Reason = string;

const discriminatedVariant =
  'openapi-typescript injects the discriminator value into each variant of a discriminated union (from the schema name when there is no mapping, even where the property says otherwise); variants here are the schemas as written';

/** The raw spec object a node came from, to see what the spec literally wrote. */
function rawAt(raw: unknown, pointer: string | undefined): Record<string, unknown> | undefined {
  const found = pointer === undefined ? undefined : lookupPointer(raw, parsePointer(pointer) ?? []);
  return found?.found && typeof found.value === 'object' && found.value !== null
    ? (found.value as Record<string, unknown>)
    : undefined;
}

/** The reasons a schema's own nodes (not following refs) differ from openapi-typescript on purpose. */
function ownReasons(schema: ir.Schema, raw: unknown): Reason[] {
  const reasons = new Set<Reason>();
  walkSchema(schema, (node) => {
    const written = rawAt(raw, node.source);
    if (node.kind === 'array' && written && written['type'] === undefined && written['items'] !== undefined) {
      reasons.add(
        'a schema with `items` but no `type` is an array here (what its author meant); openapi-typescript makes it `unknown`',
      );
    }
    if (node.kind === 'binary') {
      reasons.add('format: binary is `Blob` here (what fetch and FormData use); openapi-typescript types it as `string`');
    }
    if (node.kind === 'object' && node.properties.length === 0 && node.additional === undefined) {
      reasons.add(
        'a free-form `type: object` is `{ [key: string]: unknown }` here; openapi-typescript emits `Record<string, never>`, which accepts no property at all',
      );
    }
    if (node.kind === 'object' && node.additional !== undefined && node.additional !== false && node.properties.length > 0) {
      reasons.add('declared properties beside `additionalProperties` widen the index signature here so the type stays valid');
    }
    if (node.kind === 'union' && node.discriminator && node.discriminator.mapping.length > 0) reasons.add(discriminatedVariant);
    if (node.kind === 'object' && node.properties.some((p) => p.required && p.schema.kind === 'unknown')) {
      reasons.add('a `required` name without a declared property is `unknown` here');
    }
    if (node.kind === 'tuple') reasons.add('tuples keep their `prefixItems` positions here');
    if (node.kind === 'never') reasons.add('`false` / `not: {}` is `never` here');
  });
  return [...reasons];
}

/** Reasons propagate through refs: a schema that uses a deliberately different one differs too. */
function reasonsBySchema(document: ir.Document, raw: unknown, injected: ReadonlySet<string>): Map<ir.SchemaId, Reason[]> {
  const own = new Map<ir.SchemaId, Reason[]>();
  const refs = new Map<ir.SchemaId, Set<ir.SchemaId>>();
  const variants = new Set<ir.SchemaId>([...document.schemas.values()].filter((n) => injected.has(n.name)).map((n) => n.id));
  for (const named of document.schemas.values()) {
    walkSchema(named.schema, (node) => {
      if (node.kind === 'union' && node.discriminator) for (const { target } of node.discriminator.mapping) variants.add(target);
    });
  }
  for (const named of document.schemas.values()) {
    own.set(named.id, [...ownReasons(named.schema, raw), ...(variants.has(named.id) ? [discriminatedVariant] : [])]);
    const targets = new Set<ir.SchemaId>();
    walkSchema(named.schema, (node) => {
      if (node.kind === 'ref') targets.add(node.target);
    });
    refs.set(named.id, targets);
  }
  const result = new Map<ir.SchemaId, Reason[]>();
  for (const id of own.keys()) {
    const seen = new Set<ir.SchemaId>([id]);
    const stack = [id];
    const reasons = new Set<Reason>();
    while (stack.length > 0) {
      const next = stack.pop() as ir.SchemaId;
      for (const reason of own.get(next) ?? [])
        reasons.add(next === id ? reason : `uses a schema that differs on purpose: ${reason}`);
      for (const target of refs.get(next) ?? []) {
        if (!seen.has(target)) {
          seen.add(target);
          stack.push(target);
        }
      }
    }
    result.set(id, [...reasons]);
  }
  return result;
}

/** Schemas whose openapi-typescript type carries an injected discriminator property (it marks them in a comment). */
export function injectedDiscriminators(oats: string): Set<string> {
  const names = new Set<string>();
  let current: string | undefined;
  for (const line of oats.split('\n')) {
    const entry = /^ {8}(?:"((?:[^"\\]|\\.)*)"|([\w$]+)): /.exec(line);
    if (entry) current = entry[1] !== undefined ? (JSON.parse(`"${entry[1]}"`) as string) : entry[2];
    if (current !== undefined && /(discriminator enum property added|enum property replaced) by openapi-typescript/.test(line))
      names.add(current);
  }
  return names;
}

export function oracleFile(
  document: ir.Document,
  typeNames: ReadonlyMap<ir.SchemaId, string>,
  raw: unknown,
  injected: ReadonlySet<string>,
): OracleFile {
  const reasons = reasonsBySchema(document, raw, injected);
  const lines = [
    "import type { components } from './oats.js';",
    "import type * as ours from './client/types.gen.js';",
    '',
    "type Theirs = components['schemas'];",
    'type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;',
    'declare function mutual<A, B>(check: Mutual<A, B>): void;',
    '',
  ];
  const checked: string[] = [];
  const skipped: { name: string; reason: string }[] = [];
  for (const named of document.schemas.values()) {
    if (!named.component) continue;
    const ours = typeNames.get(named.id);
    if (ours === undefined) continue;
    const why = reasons.get(named.id) ?? [];
    if (why.length > 0) {
      const reason = why[0] ?? '';
      skipped.push({ name: named.name, reason });
      lines.push(`// ${ours}: not compared — ${reason.replace(/\n/g, ' ')}`);
      continue;
    }
    checked.push(named.name);
    lines.push(`mutual<ours.${ours}, Theirs[${JSON.stringify(named.name)}]>(true);`);
  }
  return { source: lines.join('\n') + '\n', checked, skipped };
}
