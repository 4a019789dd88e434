/**
 * Type aliases that would name themselves: `type Self = Self`, `type A = B & {…}` with
 * `type B = A`, `type U1 = U2 | null` with `type U2 = U1 | null`. TypeScript rejects these
 * (TS2456) because no object or array stands between the alias and itself. Such a reference adds
 * nothing a value could satisfy beyond the rest of the type, so it is printed as `unknown`.
 *
 * Only "direct" references count (through refs, unions and intersections); recursion through an
 * object property or array item is fine for TypeScript and kept. The cycles are broken at DFS back
 * edges, visiting schemas in declaration order, so the output is deterministic.
 */
import type * as ir from '../ir/index.js';

/** Per named schema, the ref targets to print as `unknown` inside its own alias. */
export type AliasCycleBreaks = ReadonlyMap<ir.SchemaId, ReadonlySet<ir.SchemaId>>;

/** Refs reachable from `schema` without passing through an object, array or tuple. */
function directTargets(schema: ir.Schema): ir.SchemaId[] {
  const targets: ir.SchemaId[] = [];
  const stack: ir.Schema[] = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (node.kind === 'ref') targets.push(node.target);
    else if (node.kind === 'union') stack.push(...node.variants);
    else if (node.kind === 'intersection') stack.push(...node.parts);
  }
  return targets;
}

export function findAliasCycleBreaks(named: readonly { id: ir.SchemaId; schema: ir.Schema }[]): AliasCycleBreaks {
  const edges = new Map(named.map((entry) => [entry.id, directTargets(entry.schema)]));
  const breaks = new Map<ir.SchemaId, Set<ir.SchemaId>>();
  const state = new Map<ir.SchemaId, 'open' | 'done'>();
  for (const { id: start } of named) {
    if (state.has(start)) continue;
    // Iterative DFS: [node, index of the next edge]. 'open' nodes are on the current path.
    const path: [ir.SchemaId, number][] = [[start, 0]];
    state.set(start, 'open');
    while (path.length > 0) {
      const frame = path[path.length - 1];
      if (frame === undefined) break;
      const [node, next] = frame;
      const targets = edges.get(node) ?? [];
      if (next >= targets.length) {
        state.set(node, 'done');
        path.pop();
        continue;
      }
      frame[1] = next + 1;
      const target = targets[next];
      if (target === undefined || !edges.has(target)) continue;
      const seen = state.get(target);
      if (seen === 'open') {
        const set = breaks.get(node) ?? new Set<ir.SchemaId>();
        set.add(target);
        breaks.set(node, set);
      } else if (seen === undefined) {
        state.set(target, 'open');
        path.push([target, 0]);
      }
    }
  }
  return breaks;
}
