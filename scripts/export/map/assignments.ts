/**
 * The Web sign-in profile's assignments -> the group the stack assigns it to. The stack owns the
 * profile's whole assignment list and writes exactly one group target without a filter
 * (infra/onboarding.ts), so every other assignment is a finding: `pulumi up` would remove it.
 */
import { difference, type Finding, type GraphAssignment } from "../types";

export const GROUP_TARGET = "#microsoft.graph.groupAssignmentTarget";

export interface AssignmentMapping {
  /** The group the profile is assigned to (the one the stack keeps), if any. */
  groupId?: string;
  findings: Finding[];
}

/** `allDevicesAssignmentTarget` for `#microsoft.graph.allDevicesAssignmentTarget`. */
function targetName(type: string | undefined): string {
  return (type ?? "unknown target").replace(/^#microsoft\.graph\./, "");
}

/**
 * Picks the group target the stack keeps: the lowest `rank` first (the caller ranks Autopilot
 * groups first), then by id. `describeGroup` names a group in messages.
 */
export function assignedGroupFromGraph(
  assignments: readonly GraphAssignment[],
  rank: (groupId: string) => number = () => 0,
  describeGroup: (groupId: string) => string = (groupId) => groupId,
): AssignmentMapping {
  const findings: Finding[] = [];
  const groupTargets: { groupId: string; filterId?: string; filterType?: string }[] = [];
  for (const assignment of assignments) {
    const target = assignment.target ?? {};
    const type = target["@odata.type"];
    if (type === GROUP_TARGET && typeof target.groupId === "string") {
      const filterType = target.deviceAndAppManagementAssignmentFilterType ?? "none";
      groupTargets.push({
        groupId: target.groupId,
        filterId: target.deviceAndAppManagementAssignmentFilterId ?? undefined,
        filterType: filterType === "none" ? undefined : filterType,
      });
      continue;
    }
    const group = typeof target.groupId === "string" ? ` ${describeGroup(target.groupId)}` : "";
    findings.push(
      difference(
        `The profile is also assigned with ${targetName(type)}${group}; the stack owns the whole assignment ` +
          "list (one group), so `pulumi up` would remove this assignment.",
      ),
    );
  }
  if (groupTargets.length === 0) {
    findings.push(
      difference("The profile is assigned to no group; `pulumi up` would assign it to the Autopilot group."),
    );
    return { findings };
  }
  const [kept, ...others] = [...groupTargets].sort(
    (a, b) => rank(a.groupId) - rank(b.groupId) || a.groupId.localeCompare(b.groupId),
  );
  for (const other of others) {
    findings.push(
      difference(
        `The profile is also assigned to the group ${describeGroup(other.groupId)}; the stack assigns it to one ` +
          `group (${describeGroup(kept.groupId)}), so \`pulumi up\` would remove this assignment.`,
      ),
    );
  }
  if (kept.filterType !== undefined) {
    findings.push(
      difference(
        `The assignment to ${describeGroup(kept.groupId)} uses the assignment filter ${kept.filterId ?? "?"} ` +
          `(${kept.filterType}); the stack assigns without a filter, so \`pulumi up\` would remove it.`,
      ),
    );
  }
  return { groupId: kept.groupId, findings };
}
