/** What happened for each requested pass. Only an `issued` result carries the pass value. */
import type { PassRequest } from "./passRequest";

export interface IssuedPass {
  /** The pass itself: printed once or written to the owner-only file, nowhere else. */
  value: string;
  startDateTime: string;
  endDateTime: string;
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
}

export interface UserRef {
  id: string;
  userPrincipalName: string;
}

export type PassResult =
  | { outcome: "issued"; request: PassRequest; user: UserRef; pass: IssuedPass; replacedCreatedAt?: string }
  /** A check refused the pass before anything was created. */
  | { outcome: "skipped"; request: PassRequest; user?: UserRef; reason: string }
  /** Graph refused or failed: `reason` keeps its status, code, message and request-id. */
  | { outcome: "failed"; request: PassRequest; user?: UserRef; reason: string };

export function counts(results: readonly PassResult[]): Record<PassResult["outcome"], number> {
  const tally = { issued: 0, skipped: 0, failed: 0 };
  for (const result of results) tally[result.outcome] += 1;
  return tally;
}
