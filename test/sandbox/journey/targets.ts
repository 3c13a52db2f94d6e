/**
 * Who an Intune object is assigned to, as tests write it, turned into Graph's beta assignment
 * targets: `groupAssignmentTarget`, `exclusionGroupAssignmentTarget`, `allDevicesAssignmentTarget`,
 * `allLicensedUsersAssignmentTarget`, each with `deviceAndAppManagementAssignmentFilterId/Type`
 * (beta only; https://learn.microsoft.com/graph/api/resources/intune-shared-deviceandappmanagementassignmenttarget?view=graph-rest-beta).
 * Assignment ids are `<objectId>_<groupId>`: Graph's real format for these collections is not in
 * the reference, and readers must never parse them.
 */
import type { JsonObject } from "../bodies";

export const GROUP_TARGET = "#microsoft.graph.groupAssignmentTarget";
export const EXCLUSION_TARGET = "#microsoft.graph.exclusionGroupAssignmentTarget";
export const ALL_DEVICES_TARGET = "#microsoft.graph.allDevicesAssignmentTarget";
export const ALL_USERS_TARGET = "#microsoft.graph.allLicensedUsersAssignmentTarget";

export interface AssignmentSpec {
  /** Groups it is assigned to. */
  include?: string[];
  /** Groups excluded from it. */
  exclude?: string[];
  allDevices?: boolean;
  allUsers?: boolean;
  /** An assignment filter on every include target. */
  filter?: { id: string; type: "include" | "exclude" };
}

function target(type: string, groupId?: string, filter?: AssignmentSpec["filter"]): JsonObject {
  return {
    "@odata.type": type,
    deviceAndAppManagementAssignmentFilterId: filter?.id ?? null,
    deviceAndAppManagementAssignmentFilterType: filter?.type ?? "none",
    ...(groupId === undefined ? {} : { groupId }),
  };
}

/** The targets of `spec`, in the order includes, exclusions, all devices, all users. */
export function targetsOf(spec: AssignmentSpec): { key: string; target: JsonObject }[] {
  return [
    ...(spec.include ?? []).map((id) => ({ key: id, target: target(GROUP_TARGET, id, spec.filter) })),
    ...(spec.exclude ?? []).map((id) => ({ key: id, target: target(EXCLUSION_TARGET, id) })),
    ...(spec.allDevices === true
      ? [{ key: "alldevices", target: target(ALL_DEVICES_TARGET, undefined, spec.filter) }]
      : []),
    ...(spec.allUsers === true
      ? [{ key: "alllicensedusers", target: target(ALL_USERS_TARGET, undefined, spec.filter) }]
      : []),
  ];
}

/** Assignments `{id, source, sourceId, target}` of object `objectId`; `extra` adds members such as `intent`. */
export function assignmentsOf(objectId: string, spec: AssignmentSpec, extra: JsonObject = {}): JsonObject[] {
  return targetsOf(spec).map(({ key, target: assigned }) => ({
    id: `${objectId}_${key}`,
    ...extra,
    source: "direct",
    sourceId: objectId,
    target: assigned,
  }));
}
