/** "Did you mean" hints for misspelt setting names. */

/** Levenshtein distance: the fewest single-character edits that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(
        previous[j] + 1,
        previous[j - 1] + 1,
        diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return previous[b.length];
}

/**
 * The known name closest to `name` (letter case ignored) when it is an obvious misspelling: at most
 * 3 edits, and at most half as many edits as the longer name has characters, so `ID` suggests
 * `id` but `foo` suggests nothing. Undefined when no name is that close.
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const closest = known
    .map((candidate) => ({ candidate, distance: editDistance(name.toLowerCase(), candidate.toLowerCase()) }))
    .sort((x, y) => x.distance - y.distance)[0];
  if (closest === undefined) return undefined;
  const limit = Math.min(3, Math.floor(Math.max(name.length, closest.candidate.length) / 2));
  return closest.distance <= limit ? closest.candidate : undefined;
}

/** The problem for a setting nobody reads: the closest known name when it is near, then all of them. */
export function unknownKeyMessage(fullKey: string, name: string, known: readonly string[]): string {
  const closest = closestName(name, known);
  const hint = closest !== undefined ? ` Did you mean ${closest}?` : "";
  return `${fullKey} is not a known setting.${hint} Known settings: ${[...known].sort().join(", ")}`;
}
