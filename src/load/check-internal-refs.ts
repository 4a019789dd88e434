/**
 * Which internal `$ref`s (`#/...`) of the final document do not resolve. They stay in the
 * document as they are (normalize treats them as `unknown`); loading only warns.
 */
import { parsePointer } from '../json-pointer.js';
import { MAX_REF_HOPS } from './limits.js';
import type { RefSite } from './walk-document.js';

/** Sites whose `#/...` ref does not resolve in `document`. */
export function findUnresolvedInternalRefs(document: unknown, sites: readonly RefSite[]): RefSite[] {
  const memo = new Map<string, boolean>();
  const unresolved: RefSite[] = [];
  for (const site of sites) {
    const ref = site.ref;
    if (typeof ref !== 'string' || !ref.startsWith('#')) continue;
    let resolves = memo.get(ref);
    if (resolves === undefined) {
      const segments = parsePointer(ref);
      resolves = segments !== undefined && resolvePointer(document, segments) !== undefined;
      memo.set(ref, resolves);
    }
    if (!resolves) unresolved.push(site);
  }
  return unresolved;
}

/**
 * The value at `segments`, following `$ref`s met on the way as bundlers and normalize do
 * (`#/components/schemas/A/properties/b` where A is itself a `$ref`). Own properties only, so
 * a pointer never reaches a prototype. Undefined when it does not resolve; ref cycles end when
 * the hop budget runs out.
 */
export function resolvePointer(
  document: unknown,
  segments: readonly string[],
  budget: { hops: number } = { hops: MAX_REF_HOPS },
): unknown {
  let node: unknown = document;
  for (const segment of segments) {
    while (isRecord(node) && !Object.hasOwn(node, segment) && typeof node['$ref'] === 'string') {
      budget.hops -= 1;
      const next = budget.hops >= 0 ? parsePointer(node['$ref']) : undefined;
      if (next === undefined) return undefined;
      node = resolvePointer(document, next, budget);
    }
    if (Array.isArray(node)) {
      node = /^(0|[1-9]\d*)$/.test(segment) ? node[Number(segment)] : undefined;
    } else if (isRecord(node) && Object.hasOwn(node, segment)) {
      node = node[segment];
    } else {
      return undefined;
    }
    if (node === undefined) return undefined;
  }
  return node;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
