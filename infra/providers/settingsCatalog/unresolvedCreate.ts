/**
 * A create whose POST may have made the profile, though Graph never said so and the profile could
 * not be found by name afterwards (Graph's lists can lag just after a create, and a lookup can
 * fail too). The stack records such a create under an "unresolved" id with the time window of the
 * attempt, so the profile it may have made is never orphaned:
 *
 * - `pulumi refresh` (or `up --refresh`) looks the name up and takes over the one profile Graph
 *   created inside the window: the id in state becomes the profile's id (the engine accepts an id
 *   changed by a read).
 * - a plain `pulumi up` replaces the record: its delete removes every profile of that name Graph
 *   created inside the window, then the create runs afresh.
 *
 * The window is this stack's proof of ownership: the create looked the name up and found nothing
 * just before the window opened, so a profile of that name created inside it came from this
 * stack's POST (or from someone racing it within the same minutes). A profile of that name
 * created outside the window is someone else's and is never touched.
 */
import type { GraphConfigurationPolicy } from "./policyDocument";

/** Prefix of the id recorded for an unresolved create (a profile id is a GUID, so never clashes). */
export const UNRESOLVED_ID_PREFIX = "unresolved-create:";

/** How far Graph's clock (createdDateTime) may be from this machine's. */
export const CLOCK_SKEW_MS = 5 * 60_000;

export interface CreateWindow {
  /** ISO 8601: just before the lookup that found no profile of this name. */
  startedAt: string;
  /** ISO 8601: when the create gave up. */
  endedAt: string;
}

export function unresolvedId(window: CreateWindow): string {
  return `${UNRESOLVED_ID_PREFIX}${window.startedAt}`;
}

export function isUnresolvedId(id: string): boolean {
  return id.startsWith(UNRESOLVED_ID_PREFIX);
}

/** The window stored in an unresolved record's outputs, or undefined when it is not readable. */
export function createWindowOf(props: Record<string, unknown> | undefined): CreateWindow | undefined {
  const value = props?.["unresolvedCreate"];
  if (typeof value !== "object" || value === null) return undefined;
  const { startedAt, endedAt } = value as Record<string, unknown>;
  if (typeof startedAt !== "string" || typeof endedAt !== "string") return undefined;
  if (Number.isNaN(Date.parse(startedAt)) || Number.isNaN(Date.parse(endedAt))) return undefined;
  return { startedAt, endedAt };
}

/** The profiles Graph created inside the window (with the clock-skew margin on both sides). */
export function createdInWindow(
  policies: readonly GraphConfigurationPolicy[],
  window: CreateWindow,
): GraphConfigurationPolicy[] {
  const from = Date.parse(window.startedAt) - CLOCK_SKEW_MS;
  const to = Date.parse(window.endedAt) + CLOCK_SKEW_MS;
  return policies.filter((policy) => {
    const created = Date.parse(policy.createdDateTime ?? "");
    return !Number.isNaN(created) && created >= from && created <= to;
  });
}
