/** "Did you mean": the candidates closest to a misspelt name, by edit distance. */

/** Levenshtein distance, case-insensitive (OU names and paths differ in case by accident). */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= y.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[y.length] ?? 0;
}

/** Up to `count` candidates ordered by distance to `word`, then alphabetically. */
export function closestMatches(word: string, candidates: Iterable<string>, count = 3): string[] {
  return [...new Set(candidates)]
    .map((candidate) => ({ candidate, distance: editDistance(word, candidate) }))
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, count)
    .map((m) => m.candidate);
}
