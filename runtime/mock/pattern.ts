/**
 * A string matching a `pattern`, for the patterns specs actually write (anchors, literals, classes
 * such as `[a-z0-9_-]`, `\d`, `\w`, groups with `|`, and quantifiers). Anything else (lookarounds,
 * backreferences, negated classes) gives up; so does a result the real RegExp then rejects, and the
 * caller falls back to a plain value.
 */
import type { Random } from './random.js';

type Node =
  | { kind: 'chars'; chars: string }
  | { kind: 'group'; alternatives: Node[][] }
  | { kind: 'repeat'; node: Node; min: number; max: number };

class Unsupported extends Error {
  override name = 'Unsupported';
}

const digits = '0123456789';
const lower = 'abcdefghijklmnopqrstuvwxyz';
// Written out: a template whose parts call a method is code a bundler must keep in every bundle.
const wordChars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_';
const escapes: Record<string, string> = { d: digits, w: wordChars, s: ' ', n: '\n', t: '\t' };
/** How far past its minimum an open quantifier (`*`, `+`, `{n,}`) goes. */
const openRepeat = 3;

export function stringForPattern(pattern: string, random: Random): string | undefined {
  try {
    const parser = { source: pattern, at: 0 };
    const alternatives = parseAlternatives(parser);
    if (parser.at < pattern.length) return undefined;
    const value = render({ kind: 'group', alternatives }, random);
    return new RegExp(pattern, 'u').test(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

interface Parser {
  source: string;
  at: number;
}

function parseAlternatives(p: Parser): Node[][] {
  const alternatives: Node[][] = [[]];
  while (p.at < p.source.length) {
    const char = p.source[p.at] ?? '';
    if (char === ')') break;
    p.at += 1;
    if (char === '|') {
      alternatives.push([]);
      continue;
    }
    if (char === '^' || char === '$') continue;
    const atom = parseAtom(char, p);
    (alternatives.at(-1) ?? []).push(parseQuantifier(atom, p));
  }
  return alternatives;
}

function parseAtom(char: string, p: Parser): Node {
  if (char === '(') {
    if (p.source[p.at] === '?') {
      if (p.source[p.at + 1] !== ':') throw new Unsupported('lookaround or named group');
      p.at += 2;
    }
    const alternatives = parseAlternatives(p);
    if (p.source[p.at] !== ')') throw new Unsupported('unclosed group');
    p.at += 1;
    return { kind: 'group', alternatives };
  }
  if (char === '[') return { kind: 'chars', chars: parseClass(p) };
  if (char === '\\') return { kind: 'chars', chars: parseEscape(p) };
  if (char === '.') return { kind: 'chars', chars: lower };
  if ('*+?{'.includes(char)) throw new Unsupported('quantifier without an atom');
  return { kind: 'chars', chars: char };
}

function parseEscape(p: Parser): string {
  const char = p.source[p.at] ?? '';
  p.at += 1;
  if (/[1-9bBpPkDWS]/.test(char)) throw new Unsupported('escape');
  return escapes[char] ?? char;
}

function parseClass(p: Parser): string {
  if (p.source[p.at] === '^') throw new Unsupported('negated class');
  let chars = '';
  while (p.at < p.source.length && p.source[p.at] !== ']') {
    let char = p.source[p.at] ?? '';
    p.at += 1;
    if (char === '\\') {
      const escaped = parseEscape(p);
      if (escaped.length > 1) {
        chars += escaped;
        continue;
      }
      char = escaped;
    }
    if (p.source[p.at] === '-' && p.source[p.at + 1] !== ']' && p.at + 1 < p.source.length) {
      const end = p.source[p.at + 1] === '\\' ? p.source[p.at + 2] : p.source[p.at + 1];
      p.at += p.source[p.at + 1] === '\\' ? 3 : 2;
      const from = char.codePointAt(0) ?? 0;
      const to = end?.codePointAt(0) ?? from;
      for (let code = from; code <= to && code - from < 256; code += 1) chars += String.fromCodePoint(code);
      continue;
    }
    chars += char;
  }
  if (p.source[p.at] !== ']' || chars === '') throw new Unsupported('class');
  p.at += 1;
  return chars;
}

function parseQuantifier(node: Node, p: Parser): Node {
  const char = p.source[p.at];
  let min: number;
  let max: number;
  if (char === '?' || char === '*' || char === '+') {
    p.at += 1;
    min = char === '+' ? 1 : 0;
    max = char === '?' ? 1 : min + openRepeat;
  } else if (char === '{') {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(p.source.slice(p.at));
    if (!match) return node;
    p.at += match[0].length;
    min = Number(match[1]);
    max = match[2] === undefined ? min : match[3] === '' || match[3] === undefined ? min + openRepeat : Number(match[3]);
  } else {
    return node;
  }
  if (p.source[p.at] === '?') p.at += 1; // lazy: same strings
  if (min > 1000) throw new Unsupported('huge repeat');
  return { kind: 'repeat', node, min, max: Math.min(max, min + openRepeat) };
}

function render(node: Node, random: Random): string {
  switch (node.kind) {
    case 'chars':
      return random.pick([...node.chars]);
    case 'group':
      return random
        .pick(node.alternatives)
        .map((n) => render(n, random))
        .join('');
    case 'repeat': {
      let out = '';
      const count = random.int(node.min, node.max);
      for (let i = 0; i < count; i += 1) out += render(node.node, random);
      return out;
    }
  }
}
