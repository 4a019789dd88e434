/**
 * A small seeded random source (mulberry32): the same seed gives the same mock data on every run and
 * every platform, which snapshot tests and reproducible failures need. Not for anything secret.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => (max <= min ? min : min + Math.floor(next() * (max - min + 1)));
  // A function declaration, not a generic arrow: `<T>(…) =>` is reserved syntax in the `.mts`
  // files `moduleFormat: 'mts'` writes (TS7060), and prettier strips the `<T,>` workaround.
  function pick<T>(items: readonly T[]): T {
    return items[int(0, items.length - 1)] as T;
  }
  return { next, int, pick };
}

/** A seed from a number and a name (FNV-1a), so each operation's data does not depend on the others. */
export function deriveSeed(seed: number, name: string): number {
  let hash = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < name.length; i += 1) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
