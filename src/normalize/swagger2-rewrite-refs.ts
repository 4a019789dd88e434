/** The first pass of the 2.0 upgrade: a copy of the document with refs and schema spellings moved to 3.0. */
import { isObject, type JsonObject } from './context.js';
import { rewriteByPrefix, type RefHomes } from './swagger2-ref-homes.js';
import { setOwn } from './swagger2-json.js';

/**
 * Rewrites 2.0 refs to their 3.0 homes and 2.0-only schema spellings, without recursion limits
 * issues (iterative). Refs into the rest of the 2.0 layout are noted in `homes`, for relocateRefs.
 */
export function rewriteRefs(value: unknown, homes: RefHomes): unknown {
  if (!isObject(value) && !Array.isArray(value)) return value;
  const rootCopy: JsonObject | unknown[] = Array.isArray(value) ? [] : {};
  const stack: [unknown, JsonObject | unknown[]][] = [[value, rootCopy]];
  while (stack.length > 0) {
    const next = stack.pop();
    if (!next) break;
    const [source, target] = next;
    const entries = Array.isArray(source) ? source.map((v, i) => [String(i), v] as const) : Object.entries(source as JsonObject);
    for (const [key, child] of entries) {
      let copy: unknown = child;
      if (isObject(child) || Array.isArray(child)) {
        copy = Array.isArray(child) ? [] : {};
        stack.push([child, copy as JsonObject | unknown[]]);
      } else if (key === '$ref' && typeof child === 'string') {
        const rewritten = rewriteByPrefix(child);
        if (rewritten === undefined && child.startsWith('#/') && !Array.isArray(target)) homes.pending.push(target);
        copy = rewritten ?? child;
      }
      if (Array.isArray(target)) target.push(copy);
      else setOwn(target, key, copy);
    }
    if (!Array.isArray(target)) {
      if (typeof target['discriminator'] === 'string') setOwn(target, 'discriminator', { propertyName: target['discriminator'] });
      if (target['type'] === 'file') {
        setOwn(target, 'type', 'string');
        setOwn(target, 'format', 'binary');
      }
    }
  }
  return rootCopy;
}
