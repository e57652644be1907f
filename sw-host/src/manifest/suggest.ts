/**
 * "Did you mean" for misspelt fields and ids.
 */

/** The candidate closest to `word`, if one is close enough to be a likely typo. */
export function closest(
  word: string,
  candidates: readonly string[] | ReadonlySet<string>,
): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (best === undefined || distance < best.distance) best = { candidate, distance };
  }
  if (best === undefined) return undefined;
  // A truncated name (`status` for `status_code`) is a likely slip too.
  const lower = word.toLowerCase();
  if (lower.length >= 3) {
    const extended = [...candidates].find((c) => c.toLowerCase().startsWith(lower));
    if (extended !== undefined && best.distance > 1) return extended;
  }
  const allowed = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  return best.distance <= allowed ? best.candidate : undefined;
}

// Levenshtein distance, one row at a time.
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
