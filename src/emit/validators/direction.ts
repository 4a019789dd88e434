/**
 * Which schemas need a request or response variant: those that reach (through properties, items,
 * combinators or `$ref`s) a readOnly or writeOnly property. Everything else is compiled once and
 * shared by both directions and the public `validateX`.
 */
import { lookupPointer, parsePointer } from '../../normalize/json-pointer.js';

/** Keys whose values are maps from names to schemas: the names are data, never keywords. */
const schemaMaps = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const dataKeys = new Set(['example', 'examples', 'enum', 'const', 'default', 'discriminator', 'xml', 'externalDocs']);

export function createSensitivity(document: unknown): (pointer: string, direction: 'request' | 'response') => boolean {
  const known = new Map<string, boolean>();
  return (pointer, direction) => {
    const marker = direction === 'request' ? 'readOnly' : 'writeOnly';
    const key = `${marker} ${pointer}`;
    let answer = known.get(key);
    if (answer === undefined) {
      answer = reaches(document, pointer, marker);
      known.set(key, answer);
    }
    return answer;
  };
}

/** Depth-first over the schema and every `$ref` it reaches, each pointer once. */
function reaches(document: unknown, start: string, marker: string): boolean {
  const seen = new Set<string>([start]);
  const stack: unknown[] = [lookup(document, start)];
  for (let steps = 0; stack.length > 0 && steps < 1_000_000; steps++) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    const record = node as Record<string, unknown>;
    if (record[marker] === true) return true;
    for (const [key, value] of Object.entries(record)) {
      if (dataKeys.has(key) || key.startsWith('x-')) continue;
      if (key === '$ref' && typeof value === 'string') {
        if (seen.has(value)) continue;
        seen.add(value);
        stack.push(lookup(document, value));
      } else if (schemaMaps.has(key) && typeof value === 'object' && value !== null) {
        stack.push(Object.values(value));
      } else if (typeof value === 'object') stack.push(value);
    }
  }
  return false;
}

function lookup(document: unknown, ref: string): unknown {
  const segments = parsePointer(ref);
  if (segments === undefined) return undefined;
  const found = lookupPointer(document, segments);
  return found.found ? found.value : undefined;
}
