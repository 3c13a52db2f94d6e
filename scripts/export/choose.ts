/**
 * Picks one object when several could be "the" object of a section (two policies for
 * registration, two Web sign-in profiles, two Autopilot groups). Candidates are ordered by a list
 * of sort keys, compared in turn; the first wins. The rest are named in the report.
 */

export type SortKey = number | string;

export function pickFirst<T>(
  candidates: readonly T[],
  keys: (candidate: T) => SortKey[],
): { chosen?: T; others: T[] } {
  const sorted = [...candidates].sort((a, b) => compareKeys(keys(a), keys(b)));
  const [chosen, ...others] = sorted;
  return { chosen, others };
}

function compareKeys(a: readonly SortKey[], b: readonly SortKey[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const left = a[index];
    const right = b[index];
    if (left === right) continue;
    if (left === undefined) return -1;
    if (right === undefined) return 1;
    if (typeof left === "number" && typeof right === "number") return left - right;
    return String(left) < String(right) ? -1 : 1;
  }
  return 0;
}

/** Counts the findings that mean `pulumi up` would change something. */
export function differenceCount(findings: readonly { severity: string }[]): number {
  return findings.filter((finding) => finding.severity === "difference").length;
}
