import { sameJson } from "../settingsCatalog/canonicalJson";
import { containsUnknown } from "../settingsCatalog/unknownValue";
import { normalizeAssignments, type PolicyAssignment } from "./assignmentModel";

export interface AssignmentDiff {
  changes: boolean;
  /** `policyId`: the list belongs to another profile now (clear the old one, assign the new one). */
  replaces: string[];
  changed: ("policyId" | "assignments")[];
}

/** Compares the declared properties after normalization; a value not known yet counts as changed. */
export function diffAssignments(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): AssignmentDiff {
  const changed: AssignmentDiff["changed"] = [];
  if (containsUnknown(news["policyId"]) || olds["policyId"] !== news["policyId"]) changed.push("policyId");
  if (
    containsUnknown(news["assignments"]) ||
    !sameJson(normalized(olds["assignments"]), normalized(news["assignments"]))
  ) {
    changed.push("assignments");
  }
  return { changes: changed.length > 0, replaces: changed.filter((key) => key === "policyId"), changed };
}

function normalized(value: unknown): PolicyAssignment[] {
  return Array.isArray(value) ? normalizeAssignments(value as PolicyAssignment[]) : [];
}
