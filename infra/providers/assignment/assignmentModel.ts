/**
 * Intune policy assignments in the shape this project declares them, and their Graph (beta)
 * form: `deviceManagementConfigurationPolicyAssignment { target: deviceAndAppManagementAssignmentTarget }`.
 */

export const TARGET_KINDS = ["group", "exclusionGroup", "allDevices", "allLicensedUsers"] as const;
export type AssignmentTargetKind = (typeof TARGET_KINDS)[number];
export type FilterType = "include" | "exclude";

export interface PolicyAssignment {
  /** group / exclusionGroup (with groupId), allDevices, allLicensedUsers. */
  target: string;
  /** Entra group object id (group targets only). */
  groupId?: string;
  /** Id of an Intune assignment filter (deviceManagement/assignmentFilters). */
  filterId?: string;
  filterType?: FilterType;
}

const GRAPH_TYPE_PREFIX = "#microsoft.graph.";
const GRAPH_TYPE_SUFFIX = "AssignmentTarget";

/** `@odata.type` of each target kind, e.g. group -> #microsoft.graph.groupAssignmentTarget. */
export function graphTargetType(kind: string): string {
  return `${GRAPH_TYPE_PREFIX}${kind}${GRAPH_TYPE_SUFFIX}`;
}

export function isGroupKind(kind: string): boolean {
  return kind === "group" || kind === "exclusionGroup";
}

/** The Graph assignment for one declared assignment (Graph wants filterType "none" without a filter). */
export function toGraphAssignment(assignment: PolicyAssignment): { target: Record<string, unknown> } {
  const target: Record<string, unknown> = { "@odata.type": graphTargetType(assignment.target) };
  if (isGroupKind(assignment.target)) target["groupId"] = assignment.groupId;
  target["deviceAndAppManagementAssignmentFilterId"] = assignment.filterId ?? null;
  target["deviceAndAppManagementAssignmentFilterType"] = assignment.filterType ?? "none";
  return { target };
}

/**
 * The declared shape of an assignment Graph returned. A target type this project does not
 * declare (e.g. a Configuration Manager collection added in the portal) keeps its Graph type name
 * (`configurationManagerCollection`), so it shows up as a difference instead of vanishing.
 */
export function fromGraphAssignment(assignment: unknown): PolicyAssignment {
  const target = (assignment as { target?: Record<string, unknown> } | null)?.target ?? {};
  const odataType = target["@odata.type"];
  const type = typeof odataType === "string" ? odataType : "";
  let kind = type.startsWith(GRAPH_TYPE_PREFIX) ? type.slice(GRAPH_TYPE_PREFIX.length) : type;
  if (kind.endsWith(GRAPH_TYPE_SUFFIX)) kind = kind.slice(0, -GRAPH_TYPE_SUFFIX.length);
  const result: PolicyAssignment = { target: kind };
  const groupId = target["groupId"];
  if (typeof groupId === "string" && groupId !== "") result.groupId = groupId;
  const filterId = target["deviceAndAppManagementAssignmentFilterId"];
  const filterType = target["deviceAndAppManagementAssignmentFilterType"];
  if (typeof filterId === "string" && filterId !== "") result.filterId = filterId;
  if (filterType === "include" || filterType === "exclude") result.filterType = filterType;
  return result;
}

/**
 * One canonical form: absent keys omitted (filterType "none" == absent), ids lower-cased
 * (Graph GUIDs are case-insensitive), sorted by target kind, group id and filter id, because
 * Intune keeps assignments as a set.
 */
export function normalizeAssignments(assignments: readonly PolicyAssignment[]): PolicyAssignment[] {
  const normalized = assignments.map((assignment) => {
    const result: PolicyAssignment = { target: assignment.target };
    if (assignment.groupId) result.groupId = assignment.groupId.toLowerCase();
    if (assignment.filterId) result.filterId = assignment.filterId.toLowerCase();
    if (assignment.filterType === "include" || assignment.filterType === "exclude") {
      result.filterType = assignment.filterType;
    }
    return result;
  });
  return normalized.sort(compareAssignments);
}

function compareAssignments(a: PolicyAssignment, b: PolicyAssignment): number {
  const rank = (kind: string): number => {
    const index = (TARGET_KINDS as readonly string[]).indexOf(kind);
    return index === -1 ? TARGET_KINDS.length : index;
  };
  return (
    rank(a.target) - rank(b.target) ||
    compareText(a.target, b.target) ||
    compareText(a.groupId ?? "", b.groupId ?? "") ||
    compareText(a.filterId ?? "", b.filterId ?? "")
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
