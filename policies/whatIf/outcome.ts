/**
 * The answer one condition or grant control gives for a persona: yes, no, or not evaluated
 * (`undefined`), with the sentence explaining it. Pure: no Pulumi, no I/O.
 */
export interface Outcome {
  /** `undefined`: this evaluator cannot decide it for the persona. */
  readonly result: boolean | undefined;
  readonly reason: string;
}

export const yes = (reason: string): Outcome => ({ result: true, reason });
export const no = (reason: string): Outcome => ({ result: false, reason });
export const notEvaluated = (what: string): Outcome => ({
  result: undefined,
  reason: `not evaluated: ${what}`,
});

/** Ids compare case-insensitively (GUIDs) and special values (`All`) are matched the same way. */
export function containsId(list: readonly string[] | undefined, id: string): boolean {
  const wanted = id.trim().toLowerCase();
  return (list ?? []).some((item) => item.trim().toLowerCase() === wanted);
}

/** The ids both lists hold. */
export function commonIds(list: readonly string[] | undefined, ids: readonly string[]): string[] {
  return (list ?? []).filter((item) =>
    ids.some((id) => id.trim().toLowerCase() === item.trim().toLowerCase()),
  );
}
