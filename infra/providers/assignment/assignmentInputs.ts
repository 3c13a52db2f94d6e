import { GUID_EXAMPLE, isGuid } from "../graphIds";
import type { InputFailure } from "../inputFailures";
import { ENGINE_INPUT_KEYS, unknownKeyFailures } from "../inputKeys";
import { describeFound } from "../settingsCatalog/checkSettings";
import { containsUnknown, isUnknown } from "../settingsCatalog/unknownValue";
import { TARGET_KINDS, isGroupKind, normalizeAssignments, type PolicyAssignment } from "./assignmentModel";

/** Declared state of a configuration policy's assignment list. */
export interface ConfigurationPolicyAssignmentState {
  /** Id of the settings-catalog profile (deviceManagement/configurationPolicies). */
  policyId: string;
  /** The profile's complete assignment list (Intune's assign replaces the whole list). */
  assignments: PolicyAssignment[];
}

/** The declared input properties, in the order failures list them. */
const INPUT_KEYS = ["policyId", "assignments"];
/** The properties of one assignment. */
const ASSIGNMENT_KEYS = ["target", "groupId", "filterId", "filterType"];

/**
 * Validates the raw inputs without calling Graph and returns them normalized. Values not known
 * yet during a preview (for example the id of a group created in the same update) are accepted.
 */
export function checkAssignmentInputs(raw: Record<string, unknown>): {
  inputs: ConfigurationPolicyAssignmentState;
  failures: InputFailure[];
} {
  const failures: InputFailure[] = unknownKeyFailures(raw, INPUT_KEYS, { alsoAccepted: ENGINE_INPUT_KEYS });
  const policyId = raw["policyId"];
  // A GUID only: the id goes into the URL, where "<id>/../<other id>" or "<id>?..." would reach another object.
  if (!isUnknown(policyId) && !isGuid(policyId)) {
    failures.push({
      property: "policyId",
      reason: `expected the id of a configuration policy (a GUID such as ${GUID_EXAMPLE}), found ${describeFound(policyId)}`,
    });
  }
  const assignments = raw["assignments"];
  if (isUnknown(assignments)) {
    return { inputs: raw as unknown as ConfigurationPolicyAssignmentState, failures };
  }
  if (!Array.isArray(assignments)) {
    failures.push({
      property: "assignments",
      reason: `expected a list of assignments, found ${describeFound(assignments)}`,
    });
  } else {
    assignments.forEach((item, index) => checkAssignment(`assignments[${index}]`, item, failures));
    if (failures.length === 0) checkConflicts(assignments as PolicyAssignment[], failures);
  }
  if (failures.length > 0 || containsUnknown(assignments)) {
    return { inputs: raw as unknown as ConfigurationPolicyAssignmentState, failures };
  }
  return {
    inputs: {
      policyId: policyId as string,
      assignments: normalizeAssignments(assignments as PolicyAssignment[]),
    },
    failures,
  };
}

function checkAssignment(path: string, item: unknown, failures: InputFailure[]): void {
  if (item === null || typeof item !== "object" || Array.isArray(item)) {
    failures.push({ property: path, reason: `expected an assignment object, found ${describeFound(item)}` });
    return;
  }
  failures.push(...unknownKeyFailures(item as Record<string, unknown>, ASSIGNMENT_KEYS, { path }));
  const { target, groupId, filterId, filterType } = item as Record<string, unknown>;
  if (typeof target !== "string" || !(TARGET_KINDS as readonly string[]).includes(target)) {
    failures.push({
      property: `${path}.target`,
      reason: `expected one of ${TARGET_KINDS.join(", ")}, found ${describeFound(target)}`,
    });
    return;
  }
  if (isGroupKind(target)) {
    if (!isUnknown(groupId) && !isGuid(groupId)) {
      failures.push({
        property: `${path}.groupId`,
        reason: `the ${target} target needs the group's object id (a GUID), found ${describeFound(groupId)}`,
      });
    }
  } else if (groupId !== undefined && groupId !== null) {
    failures.push({
      property: `${path}.groupId`,
      reason: `the ${target} target takes no groupId, found ${describeFound(groupId)}`,
    });
  }
  const hasFilterId = filterId !== undefined && filterId !== null;
  const hasFilterType = filterType !== undefined && filterType !== null;
  if (hasFilterId && !isUnknown(filterId) && !isGuid(filterId)) {
    failures.push({
      property: `${path}.filterId`,
      reason: `expected the id of an assignment filter (a GUID), found ${describeFound(filterId)}`,
    });
  }
  if (hasFilterType && filterType !== "include" && filterType !== "exclude") {
    failures.push({
      property: `${path}.filterType`,
      reason: `expected include or exclude, found ${describeFound(filterType)}`,
    });
  }
  if (hasFilterId && !hasFilterType) {
    failures.push({
      property: `${path}.filterType`,
      reason: "a filterId needs a filterType (include or exclude), found nothing",
    });
  }
  if (hasFilterType && !hasFilterId) {
    failures.push({ property: `${path}.filterId`, reason: "a filterType needs a filterId, found nothing" });
  }
}

function checkConflicts(assignments: PolicyAssignment[], failures: InputFailure[]): void {
  const seen = new Map<string, number>();
  const includedGroups = new Map<string, number>();
  const excludedGroups = new Map<string, number>();
  assignments.forEach((assignment, index) => {
    if (isUnknown(assignment.groupId)) return;
    const key = `${assignment.target}:${(assignment.groupId ?? "").toLowerCase()}`;
    const first = seen.get(key);
    if (first !== undefined) {
      failures.push({
        property: `assignments[${index}]`,
        reason: `duplicate of assignments[${first}] (${describeTarget(assignment)}); each target may appear once`,
      });
    } else {
      seen.set(key, index);
    }
    const groupId = assignment.groupId?.toLowerCase();
    if (groupId === undefined) return;
    (assignment.target === "group" ? includedGroups : excludedGroups).set(groupId, index);
    const other = (assignment.target === "group" ? excludedGroups : includedGroups).get(groupId);
    if (other !== undefined) {
      failures.push({
        property: `assignments[${index}]`,
        reason: `group ${assignment.groupId} is both included and excluded (see assignments[${other}]); keep one`,
      });
    }
  });
}

function describeTarget(assignment: PolicyAssignment): string {
  return assignment.groupId ? `${assignment.target} ${assignment.groupId}` : assignment.target;
}
