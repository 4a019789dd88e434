/**
 * Writes the type-oracle check file: for each component schema, a compile-time assertion that our
 * type and openapi-typescript's `components['schemas'][Name]` are mutually assignable. Where the
 * two differ on purpose, the schema is listed in a comment with the reason instead.
 */
import type * as ir from '../../src/ir/index.js';
import { walkSchema } from '../../src/ir/index.js';

export interface OracleFile {
  source: string;
  checked: string[];
  skipped: { name: string; reason: string }[];
}

type Reason = string;

/** The reasons a schema's own nodes (not following refs) differ from openapi-typescript on purpose. */
function ownReasons(schema: ir.Schema): Reason[] {
  const reasons = new Set<Reason>();
  walkSchema(schema, (node) => {
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
    if (node.kind === 'union' && node.discriminator && node.discriminator.mapping.length > 0) {
      reasons.add('openapi-typescript rewrites discriminated variants (it injects the discriminator literal into each variant); variants here are the schemas as written');
    }
    if (node.kind === 'object' && node.properties.some((p) => p.required && p.schema.kind === 'unknown')) {
      reasons.add('a `required` name without a declared property is `unknown` here');
    }
    if (node.kind === 'tuple') reasons.add('tuples keep their `prefixItems` positions here');
    if (node.kind === 'never') reasons.add('`false` / `not: {}` is `never` here');
  });
  return [...reasons];
}

/** Reasons propagate through refs: a schema that uses a deliberately different one differs too. */
function reasonsBySchema(document: ir.Document): Map<ir.SchemaId, Reason[]> {
  const own = new Map<ir.SchemaId, Reason[]>();
  const refs = new Map<ir.SchemaId, Set<ir.SchemaId>>();
  for (const named of document.schemas.values()) {
    own.set(named.id, ownReasons(named.schema));
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
      for (const reason of own.get(next) ?? []) reasons.add(next === id ? reason : `uses a schema that differs on purpose: ${reason}`);
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

export function oracleFile(document: ir.Document, typeNames: ReadonlyMap<ir.SchemaId, string>): OracleFile {
  const reasons = reasonsBySchema(document);
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
