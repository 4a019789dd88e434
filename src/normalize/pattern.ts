/**
 * `pattern` keywords: kept only when the JavaScript engine accepts them with the `u` flag
 * (ECMA-262 regex dialect, as OAS requires); a pattern with nested unbounded quantifiers is
 * reported as possibly catastrophic. The generator never runs a pattern against input.
 */
import type { NormalizeContext } from './context.js';

export function checkPattern(raw: unknown, pointer: string, ctx: NormalizeContext): string | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    new RegExp(raw, 'u');
  } catch {
    ctx.warn(
      'INVALID_PATTERN',
      `pattern ${JSON.stringify(raw.slice(0, 80))} is not a valid ECMA-262 regex; it is dropped`,
      pointer,
    );
    return undefined;
  }
  if (hasNestedQuantifier(raw)) {
    ctx.warn(
      'CATASTROPHIC_PATTERN',
      `pattern ${JSON.stringify(raw.slice(0, 80))} nests unbounded quantifiers and may backtrack catastrophically`,
      pointer,
    );
  }
  return raw;
}

/**
 * True when a group that contains an unbounded quantifier is itself repeated without bound,
 * e.g. `(a+)+`, `(a*)*`, `(?:a|b+)*` — the shape behind catastrophic backtracking (star height > 1).
 */
export function hasNestedQuantifier(pattern: string): boolean {
  const stack: boolean[] = [];
  let innerUnbounded = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      continue;
    }
    if (c === '(') {
      stack.push(innerUnbounded);
      innerUnbounded = false;
      continue;
    }
    if (c === ')') {
      const groupHadUnbounded = innerUnbounded;
      innerUnbounded = stack.pop() ?? false;
      const next = pattern[i + 1];
      const repeated = next === '+' || next === '*' || (next === '{' && /^\{\d*,\}/.test(pattern.slice(i + 1)));
      if (groupHadUnbounded && repeated) return true;
      if (groupHadUnbounded || repeated) innerUnbounded = true;
      continue;
    }
    if (c === '+' || c === '*' || (c === '{' && /^\{\d*,\}/.test(pattern.slice(i)))) innerUnbounded = true;
  }
  return false;
}
