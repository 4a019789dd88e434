/**
 * A string that matches a JSON Schema `pattern` (ECMA-262 syntax), deterministic: the first
 * alternative, the first character of each class, one repetition where zero or one is allowed.
 * Covers what API specs write (classes, ranges, groups, alternation, counted repeats, escapes);
 * anything it cannot build yields `undefined` and the caller falls back to a plain sample.
 */

type Node =
  | { kind: 'text'; value: string }
  | { kind: 'class'; ranges: [number, number][]; negated: boolean }
  | { kind: 'group'; alternatives: Node[][] }
  | { kind: 'repeat'; node: Node; min: number; max: number };

const CLASS_ESCAPES: Record<string, [number, number][]> = {
  d: [[48, 57]],
  w: [
    [97, 122],
    [65, 90],
    [48, 57],
    [95, 95],
  ],
  s: [
    [32, 32],
    [9, 9],
  ],
};
const NEGATED_PICKS: Record<string, string> = { D: 'a', W: '-', S: 'a' };
const LITERAL_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', '0': '\0' };

class PatternParser {
  private index = 0;
  constructor(private readonly source: string) {}

  parse(): Node {
    const node = this.alternatives();
    if (this.index < this.source.length) throw new Error('unbalanced pattern');
    return node;
  }

  private peek(): string | undefined {
    return this.source[this.index];
  }

  private alternatives(): Node {
    const alternatives: Node[][] = [this.sequence()];
    while (this.peek() === '|') {
      this.index++;
      alternatives.push(this.sequence());
    }
    return { kind: 'group', alternatives };
  }

  private sequence(): Node[] {
    const nodes: Node[] = [];
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) {
      const atom = this.atom();
      if (atom !== undefined) nodes.push(this.quantified(atom));
    }
    return nodes;
  }

  private atom(): Node | undefined {
    const c = this.source[this.index++] ?? '';
    if (c === '^' || c === '$') return undefined;
    if (c === '.') return { kind: 'text', value: 'a' };
    if (c === '[') return this.charClass();
    if (c === '(') return this.group();
    if (c === '\\') return this.escape(false);
    return { kind: 'text', value: c };
  }

  private group(): Node | undefined {
    let lookaround = false;
    if (this.source.startsWith('?:', this.index)) this.index += 2;
    else if (/^\?<?[=!]/.test(this.source.slice(this.index))) {
      lookaround = true;
      this.index += this.source[this.index + 1] === '<' ? 3 : 2;
    } else if (this.source.startsWith('?<', this.index)) this.index = this.source.indexOf('>', this.index) + 1;
    const node = this.alternatives();
    if (this.source[this.index++] !== ')') throw new Error('unclosed group');
    return lookaround ? undefined : node;
  }

  private escape(inClass: boolean): Node {
    const c = this.source[this.index++] ?? '';
    const ranges = CLASS_ESCAPES[c];
    if (ranges !== undefined) return { kind: 'class', ranges, negated: false };
    const negatedPick = NEGATED_PICKS[c];
    if (negatedPick !== undefined) return { kind: 'text', value: negatedPick };
    if (c === 'b' && !inClass) return { kind: 'text', value: '' };
    if (c === 'u' || c === 'x') {
      const length = c === 'u' ? 4 : 2;
      const hex = this.source.slice(this.index, this.index + length);
      this.index += length;
      return { kind: 'text', value: String.fromCharCode(Number.parseInt(hex, 16)) };
    }
    if (/[1-9]/.test(c) && !inClass) throw new Error('backreferences are not supported');
    return { kind: 'text', value: LITERAL_ESCAPES[c] ?? c };
  }

  private charClass(): Node {
    const negated = this.peek() === '^';
    if (negated) this.index++;
    const ranges: [number, number][] = [];
    let first = true;
    while (this.peek() !== ']' || first) {
      first = false;
      if (this.peek() === undefined) throw new Error('unclosed class');
      const start = this.classAtom();
      if (start.kind === 'class') {
        ranges.push(...start.ranges);
        continue;
      }
      const from = start.value.codePointAt(0) ?? 0;
      if (this.peek() === '-' && this.source[this.index + 1] !== ']') {
        this.index++;
        const end = this.classAtom();
        ranges.push([from, end.kind === 'text' ? (end.value.codePointAt(0) ?? from) : from]);
      } else ranges.push([from, from]);
    }
    this.index++;
    return { kind: 'class', ranges, negated };
  }

  private classAtom(): Node & { kind: 'text' | 'class' } {
    const c = this.source[this.index++] ?? '';
    if (c !== '\\') return { kind: 'text', value: c };
    const escaped = this.escape(true);
    if (escaped.kind === 'class' || escaped.kind === 'text') return escaped;
    throw new Error('unexpected escape in class');
  }

  private quantified(node: Node): Node {
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      this.index++;
      min = c === '+' ? 1 : 0;
      max = c === '?' ? 1 : Number.POSITIVE_INFINITY;
    } else if (c === '{' && /^\{\d+(,\d*)?\}/.test(this.source.slice(this.index))) {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.index));
      if (match === null) return node;
      this.index += match[0].length;
      min = Number(match[1]);
      max =
        match[2] === undefined ? min : match[3] === '' || match[3] === undefined ? Number.POSITIVE_INFINITY : Number(match[3]);
    } else return node;
    if (this.peek() === '?') this.index++;
    return { kind: 'repeat', node, min, max };
  }
}

const NEGATED_CANDIDATES = ['a', 'A', '0', '_', '-', 'x', ' ', '.'];

function generate(node: Node): string {
  switch (node.kind) {
    case 'text':
      return node.value;
    case 'class': {
      if (!node.negated) return String.fromCodePoint(node.ranges[0]?.[0] ?? 97);
      const pick = NEGATED_CANDIDATES.find(
        (c) => !node.ranges.some(([from, to]) => c.charCodeAt(0) >= from && c.charCodeAt(0) <= to),
      );
      return pick ?? '~';
    }
    case 'group':
      return (node.alternatives[0] ?? []).map(generate).join('');
    case 'repeat': {
      // One repetition where the pattern allows it: an empty match rarely satisfies minLength.
      const count = node.min > 0 ? node.min : Math.min(1, node.max);
      return Array.from({ length: count }, () => generate(node.node)).join('');
    }
  }
}

/** A string matching `pattern`, or undefined when the pattern is beyond this generator. */
export function sampleFromPattern(pattern: string): string | undefined {
  try {
    const value = generate(new PatternParser(pattern).parse());
    return new RegExp(pattern, 'u').test(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
