/**
 * Finds where a JSON pointer lands in YAML text, from `yaml`'s document with source ranges.
 * Built once per file, on the first request, because it is much slower than the plain parse.
 */
import type { Node } from 'yaml';
import { yaml } from './yaml.js';

export type YamlLocator = (segments: readonly string[]) => { line: number; column: number; matched: number };

export function createYamlLocator(text: string): YamlLocator {
  const { isAlias, isMap, isSeq, LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, merge: true, uniqueKeys: false, logLevel: 'silent' });
  return (segments) => {
    let node: unknown = document.contents;
    let hit = { offset: startOf(node) ?? 0, matched: 0 };
    for (const segment of segments) {
      // An alias stands for its anchor's node; follow it (bounded: a pointer has finitely many steps).
      if (isAlias(node)) node = node.resolve(document);
      let mark: number | undefined;
      if (isMap(node)) {
        const pair = node.items.findLast((item) => keyText(item.key) === segment);
        mark = startOf(pair?.key) ?? startOf(pair?.value);
        node = pair?.value;
      } else if (isSeq(node) && /^(0|[1-9]\d*)$/.test(segment)) {
        node = node.items[Number(segment)];
        mark = startOf(node);
      } else {
        break;
      }
      if (mark === undefined) break;
      hit = { offset: mark, matched: hit.matched + 1 };
      if (node === undefined || node === null) break;
    }
    const position = lineCounter.linePos(hit.offset);
    return { line: position.line, column: position.col, matched: hit.matched };
  };
}

function keyText(key: unknown): string | undefined {
  const value: unknown = yaml().isScalar(key) ? key.value : key;
  // As yaml's toJS names keys: null → '', scalars by their string form; collections never match.
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return undefined;
}

function startOf(node: unknown): number | undefined {
  const range = (node as Partial<Node> | null | undefined)?.range;
  return Array.isArray(range) ? range[0] : undefined;
}
