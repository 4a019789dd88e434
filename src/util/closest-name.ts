/**
 * "Did you mean …?": the known name closest to a misspelt one, by edit distance (case-insensitive),
 * or undefined when nothing is close enough to be a plausible typo.
 */

/** Levenshtein distance, two rows; inputs are short names, so O(n·m) is fine. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate nearest to `name`; a tie keeps the earlier one. Accepted when the distance is at
 * most a third of the longer name (at least 1 edit), or when one contains the other
 * case-insensitively (`Pets` → `Pet`, `getpet` → `getPet`).
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const wanted = name.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (best === undefined || distance < best.distance) best = { candidate, distance };
  }
  if (best === undefined) return undefined;
  const lower = best.candidate.toLowerCase();
  const allowed = Math.max(1, Math.floor(Math.max(wanted.length, lower.length) / 3));
  const contained = wanted.length >= 3 && lower.length >= 3 && (lower.includes(wanted) || wanted.includes(lower));
  return best.distance <= allowed || contained ? best.candidate : undefined;
}
