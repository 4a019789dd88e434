/**
 * Refs that point into the Swagger 2.0 layout itself (`#/paths/~1pets/get/responses/200/schema`,
 * `#/responses/Error/schema`, `#/parameters/Body/schema`) have no meaning in the 3.0-shaped
 * document the lift produces: those places moved (`.../content/application~1json/schema`,
 * `requestBody`) or vanished. swagger-parser's bundler writes exactly such refs when two
 * operations share an external file: the first use is inlined, the others point at it.
 *
 * So each such ref is resolved against the 2.0 document, and the value it names is looked up
 * where the lift put it (the lift reuses schema objects as they are, and records what it
 * converted); the ref is rewritten to that 3.0 place. A ref whose value did not land anywhere
 * stays as written, and normalize reports it as unresolved.
 */
import { isObject, type JsonObject } from './context.js';
import { formatPointer, lookupPointer, parsePointer } from '../json-pointer.js';

/** What the lift collects while it runs, to rewrite the 2.0-layout refs once it is done. */
export interface RefHomes {
  /** `$ref` holders (in the lifted copy) whose ref names a place in the 2.0 layout. */
  readonly pending: JsonObject[];
  /** 2.0 object (in the lifted copy) → the 3.0 object the lift built from it. */
  readonly converted: WeakMap<object, object>;
}

export function createRefHomes(): RefHomes {
  return { pending: [], converted: new WeakMap() };
}

/**
 * A ref the lift can rewrite by prefix: definitions move whole to components.schemas, a named
 * response to components.responses (its insides change shape), and a named parameter is inlined
 * where it is used. Everything else inside the document names a 2.0 place.
 */
export function rewriteByPrefix(ref: string): string | undefined {
  if (ref.startsWith('#/definitions/')) return ref.replace(/^#\/definitions\//, '#/components/schemas/');
  if (/^#\/responses\/[^/]+$/.test(ref)) return ref.replace(/^#\/responses\//, '#/components/responses/');
  if (/^#\/parameters\/[^/]+$/.test(ref)) return ref;
  return undefined;
}

/** Follows an internal ref through the 2.0 document (own properties only). */
export function lookupSwagger2(root: JsonObject, ref: string): unknown {
  const segments = parsePointer(ref);
  if (segments === undefined) return undefined;
  const found = lookupPointer(root, segments);
  return found.found ? found.value : undefined;
}

/** Rewrites every pending ref to where its value lives in the lifted document `out`. */
export function relocateRefs(root: JsonObject, out: JsonObject, homes: RefHomes): void {
  if (homes.pending.length === 0) return;
  const places = locateObjects(out);
  for (const holder of homes.pending) {
    const ref = holder['$ref'];
    if (typeof ref !== 'string') continue;
    const target = lookupSwagger2(root, ref);
    if (typeof target !== 'object' || target === null) continue;
    const place = places.get(homes.converted.get(target) ?? target);
    if (place !== undefined) holder['$ref'] = formatPointer(place);
  }
}

/** Every object and array in `doc` → the shortest pointer (as segments) that reaches it; breadth first, each once. */
function locateObjects(doc: JsonObject): Map<object, string[]> {
  const places = new Map<object, string[]>([[doc, []]]);
  const queue: [object, string[]][] = [[doc, []]];
  for (let index = 0; index < queue.length; index++) {
    const entry = queue[index];
    if (entry === undefined) break;
    const [node, segments] = entry;
    const children: [string, unknown][] = Array.isArray(node)
      ? node.map((child: unknown, i) => [String(i), child])
      : Object.entries(node as JsonObject);
    for (const [key, child] of children) {
      if (!(isObject(child) || Array.isArray(child)) || places.has(child)) continue;
      const at = [...segments, key];
      places.set(child, at);
      queue.push([child, at]);
    }
  }
  return places;
}
