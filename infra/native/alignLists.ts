/**
 * Lines the lists of the desired Conditional Access policy up with the adopted policy's, so an
 * import previews with zero changes whenever the policy already holds what the config asks for.
 *
 * The azuread provider keeps Graph's list order (and id casing) verbatim in state and compares
 * Conditional Access lists in order (azuread-provider-facts.md §3.4, §1.3 "CA lists … are TF lists
 * → order-sensitive"); the program sorts its id lists (policies/registrationPolicy.ts) and puts
 * `GuestsOrExternalUsers` first. A policy made in the portal, or an exported config, has the same
 * values in another order: for each list whose values equal the adopted policy's (as a set; object
 * ids compared without regard to case), the adopted policy's own list is used. A list with other
 * values keeps the program's order, and the preview shows the change.
 */
import type { ConditionalAccessPolicyDocument } from "../../policies/registrationPolicy";
import { isGuid } from "../providers/graphIds";

/** Every list of the document, as property paths (Graph names). */
export const CONDITIONAL_ACCESS_LIST_PATHS: readonly (readonly string[])[] = [
  ["conditions", "clientAppTypes"],
  ["conditions", "applications", "includeApplications"],
  ["conditions", "applications", "excludeApplications"],
  ["conditions", "applications", "includeUserActions"],
  ["conditions", "users", "includeUsers"],
  ["conditions", "users", "excludeUsers"],
  ["conditions", "users", "includeGroups"],
  ["conditions", "users", "excludeGroups"],
  ["conditions", "users", "includeRoles"],
  ["conditions", "users", "excludeRoles"],
  ["conditions", "locations", "includeLocations"],
  ["conditions", "locations", "excludeLocations"],
  ["grantControls", "builtInControls"],
  ["grantControls", "customAuthenticationFactors"],
  ["grantControls", "termsOfUse"],
];

function at(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== "object" || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Object ids compare without regard to case; enum values (case-sensitive for azuread, §3.1) exactly. */
function comparable(value: string): string {
  return isGuid(value) ? value.toLowerCase() : value;
}

function sameValues(ours: readonly string[], theirs: readonly string[]): boolean {
  if (ours.length !== theirs.length) return false;
  const a = ours.map(comparable).sort();
  const b = theirs.map(comparable).sort();
  return a.every((value, index) => value === b[index]);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

/** The document with each list that holds the same values as `existing`'s taken from `existing`. */
export function alignToExisting(
  document: ConditionalAccessPolicyDocument,
  existing: Record<string, unknown>,
): ConditionalAccessPolicyDocument {
  const aligned = structuredClone(document);
  for (const path of CONDITIONAL_ACCESS_LIST_PATHS) {
    const parent = at(aligned, path.slice(0, -1)) as Record<string, unknown> | undefined;
    const key = path[path.length - 1];
    const ours = parent?.[key];
    const theirs = at(existing, path);
    if (parent !== undefined && isStringList(ours) && isStringList(theirs) && sameValues(ours, theirs)) {
      parent[key] = [...theirs];
    }
  }
  return aligned;
}
