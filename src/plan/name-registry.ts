/**
 * Hands out unique names in one scope. Each request lists candidates from most to least natural
 * (`Pet`, then a qualified form such as `PetSchema` or a name from method + path); the first
 * free one wins. Candidates are tried in a fixed order, so the result is deterministic.
 */
export class NameRegistry {
  private readonly taken = new Set<string>();

  constructor(
    reserved: Iterable<string> = [],
    /** Compare case-insensitively (file names on case-insensitive file systems). */
    private readonly foldCase = false,
  ) {
    for (const name of reserved) this.taken.add(this.key(name));
  }

  private key(name: string): string {
    return this.foldCase ? name.toLowerCase() : name;
  }

  has(name: string): boolean {
    return this.taken.has(this.key(name));
  }

  /** Claims the first free candidate; when all are taken, the last one with a deterministic suffix from `seed`. */
  claim(candidates: readonly string[], seed: string): string {
    for (const candidate of candidates) {
      if (candidate !== '' && !this.has(candidate)) {
        this.taken.add(this.key(candidate));
        return candidate;
      }
    }
    const base = candidates[candidates.length - 1] ?? 'name';
    let hash = shortHash(seed);
    while (this.has(`${base}_${hash}`)) hash = shortHash(hash + seed);
    const name = `${base}_${hash}`;
    this.taken.add(this.key(name));
    return name;
  }
}

/** FNV-1a over UTF-16 code units, base 36: stable across runs and platforms. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
