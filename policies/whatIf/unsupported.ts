/**
 * Conditions this evaluator does not model: risk levels, insider risk, device filters,
 * authentication flows, and any condition Graph adds later. Each one set on a policy is reported
 * as "not evaluated" rather than guessed. A policy for workload identities (client applications)
 * does not apply to a user at all. Pure.
 */
import { no, notEvaluated, type Outcome } from "./outcome";
import type { ConditionalAccessConditionSet } from "./types";

/** Conditions evaluated elsewhere (or metadata). */
const HANDLED = new Set(["@odata.type", "applications", "users", "clientAppTypes", "locations", "platforms"]);

const LABELS: Record<string, string> = {
  signInRiskLevels: "sign-in risk levels",
  userRiskLevels: "user risk levels",
  servicePrincipalRiskLevels: "service principal risk levels",
  insiderRiskLevels: "insider risk levels",
  devices: "device filter",
  authenticationFlows: "authentication flows",
};

export function unsupportedConditions(conditions: ConditionalAccessConditionSet): Outcome[] {
  const outcomes: Outcome[] = [];
  const workload = conditions.clientApplications;
  if ((workload?.includeServicePrincipals ?? []).length > 0 || workload?.servicePrincipalFilter) {
    outcomes.push(no("client applications: targets workload identities (service principals), not users"));
  }
  for (const [key, value] of Object.entries(conditions as Record<string, unknown>)) {
    if (HANDLED.has(key) || key === "clientApplications" || !isSet(value)) continue;
    outcomes.push(notEvaluated(`${LABELS[key] ?? key} ${JSON.stringify(value)}`));
  }
  return outcomes;
}

/** Null, empty collections, empty strings and objects holding only unset values count as unset. */
function isSet(value: unknown): boolean {
  if (value === null || value === undefined || value === "" || value === "none") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>).some(
      ([key, inner]) => key !== "@odata.type" && isSet(inner),
    );
  }
  return true;
}
