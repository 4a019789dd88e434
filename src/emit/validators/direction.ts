/**
 * Which schemas need a request or response variant: those that reach (through properties, items,
 * combinators or `$ref`s) a readOnly or writeOnly property. Everything else is compiled once and
 * shared by both directions and the public `validateX`.
 */

/** Keys whose values are maps from names to schemas: the names are data, never keywords. */
const schemaMaps = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const dataKeys = new Set(['example', 'examples', 'enum', 'const', 'default', 'discriminator', 'xml', 'externalDocs']);

/** `lookup` reads a canonical (decoded) pointer, as CompileContext.lookup does. */
export function createSensitivity(
  lookup: (pointer: string) => unknown,
): (pointer: string, direction: 'request' | 'response') => boolean {
  const known = new Map<string, boolean>();
  return (pointer, direction) => {
    const marker = direction === 'request' ? 'readOnly' : 'writeOnly';
    const key = `${marker} ${pointer}`;
    let answer = known.get(key);
    if (answer === undefined) {
      answer = reaches(lookup, pointer, marker);
      known.set(key, answer);
    }
    return answer;
  };
}

/** Depth-first over the schema and every `$ref` it reaches, each pointer once. */
function reaches(lookup: (pointer: string) => unknown, start: string, marker: string): boolean {
  const seen = new Set<string>([start]);
  const stack: unknown[] = [lookup(start)];
  for (let steps = 0; stack.length > 0 && steps < 1_000_000; steps++) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...(node as unknown[]));
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    const record = node as Record<string, unknown>;
    if (record[marker] === true) return true;
    for (const [key, value] of Object.entries(record)) {
      if (dataKeys.has(key) || key.startsWith('x-')) continue;
      if (key === '$ref' && typeof value === 'string') {
        const target = decodeRef(value);
        if (seen.has(target)) continue;
        seen.add(target);
        stack.push(lookup(target));
      } else if (schemaMaps.has(key) && typeof value === 'object' && value !== null) {
        stack.push(Object.values(value));
      } else if (typeof value === 'object') stack.push(value);
    }
  }
  return false;
}

function decodeRef(ref: string): string {
  try {
    return decodeURIComponent(ref);
  } catch {
    return ref;
  }
}
