/**
 * Intune assignment targets, read from `target` (never from the assignment id, whose format Graph
 * does not document for every kind). Beta targets carry an optional assignment filter.
 * https://learn.microsoft.com/graph/api/resources/intune-shared-deviceandappmanagementassignmenttarget?view=graph-rest-beta
 */

export type TargetKind = "group" | "exclusion" | "allDevices" | "allUsers" | "other";

export interface AssignmentTarget {
  kind: TargetKind;
  /** Lower-cased group object id (group and exclusion targets). */
  groupId?: string;
  /** An include/exclude assignment filter, evaluated on the device: the check cannot reproduce it. */
  filter?: { id: string; type: string };
}

/** An assignable Intune object, reduced to what targeting needs. */
export interface Assigned {
  id: string;
  name: string;
  targets: AssignmentTarget[];
}

export interface GraphAssignment {
  intent?: unknown;
  target?: {
    "@odata.type"?: unknown;
    groupId?: unknown;
    deviceAndAppManagementAssignmentFilterId?: unknown;
    deviceAndAppManagementAssignmentFilterType?: unknown;
  } | null;
}

const KINDS: Record<string, TargetKind> = {
  "#microsoft.graph.groupassignmenttarget": "group",
  "#microsoft.graph.exclusiongroupassignmenttarget": "exclusion",
  "#microsoft.graph.alldevicesassignmenttarget": "allDevices",
  "#microsoft.graph.alllicensedusersassignmenttarget": "allUsers",
};

export function targetOf(assignment: GraphAssignment): AssignmentTarget {
  const target = assignment.target ?? {};
  const type = typeof target["@odata.type"] === "string" ? target["@odata.type"].toLowerCase() : "";
  const kind = KINDS[type] ?? "other";
  const filterId = target.deviceAndAppManagementAssignmentFilterId;
  const filterType = target.deviceAndAppManagementAssignmentFilterType;
  return {
    kind,
    ...(typeof target.groupId === "string" ? { groupId: target.groupId.toLowerCase() } : {}),
    ...(typeof filterId === "string" &&
    filterId !== "" &&
    typeof filterType === "string" &&
    filterType !== "none"
      ? { filter: { id: filterId, type: filterType } }
      : {}),
  };
}

export function targetsOf(assignments: readonly GraphAssignment[] | undefined): AssignmentTarget[] {
  return (assignments ?? []).map(targetOf);
}

/** Every group id an object's targets name (includes and exclusions). */
export function groupIdsOf(objects: readonly Assigned[]): string[] {
  return objects.flatMap((object) =>
    object.targets.map((target) => target.groupId).filter((id): id is string => id !== undefined),
  );
}

export function text(value: unknown, fallback = ""): string {
  return typeof value === "string" ? value : fallback;
}
