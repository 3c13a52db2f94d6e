/**
 * Settings-catalog assignments (beta): POST .../assign replaces the whole list (an empty list
 * clears it) and answers 200 {value}; GET .../assignments. Assignment ids are
 * `<policyId>_<groupId>`, with fixed pseudo group ids for all devices and all licensed users.
 * A group Intune cannot see (unknown, or still replicating) is refused with Intune's
 * "a valid AADGroupId is expected" error.
 */
import { describeJson, isObject, JsonObject, requireObjectBody } from "./bodies";
import { intuneBadRequest } from "./graphErrors";
import {
  assignmentsContext,
  findPolicy,
  INTUNE_READ,
  INTUNE_WRITE,
  POLICY_TEMPLATE,
} from "./configurationPolicies";
import type { Route } from "./router";
import type { SandboxState } from "./state";

export const ALL_DEVICES_ID = "adadadad-808e-44e2-905a-0b7873a8a531";
export const ALL_LICENSED_USERS_ID = "acacacac-9df4-4c7d-9d50-4ef0226f57a9";

const GROUP_TARGET = "#microsoft.graph.groupAssignmentTarget";
const EXCLUSION_TARGET = "#microsoft.graph.exclusionGroupAssignmentTarget";
const ALL_DEVICES_TARGET = "#microsoft.graph.allDevicesAssignmentTarget";
const ALL_USERS_TARGET = "#microsoft.graph.allLicensedUsersAssignmentTarget";
const TARGET_TYPES = [GROUP_TARGET, EXCLUSION_TARGET, ALL_DEVICES_TARGET, ALL_USERS_TARGET];
const FILTER_TYPES = ["none", "include", "exclude"];

/**
 * Normalizes one assignment. `groupVisible` decides whether a group id is acceptable; pass
 * undefined to skip the check (out-of-band edits).
 */
export function normalizeAssignment(
  policyId: string,
  input: unknown,
  index: number,
  groupVisible?: (id: string) => boolean,
): JsonObject {
  const path = `assignments[${index}]`;
  if (!isObject(input)) throw intuneBadRequest(`${path} must be an object, found ${describeJson(input)}.`);
  const target = input.target;
  if (!isObject(target)) throw intuneBadRequest(`${path}.target is required, found ${describeJson(target)}.`);
  const type = target["@odata.type"];
  if (typeof type !== "string" || !TARGET_TYPES.includes(type)) {
    throw intuneBadRequest(
      `${path}.target.@odata.type must be one of ${TARGET_TYPES.join(", ")}; found ${describeJson(type)}.`,
    );
  }
  const filterType = target.deviceAndAppManagementAssignmentFilterType ?? "none";
  if (typeof filterType !== "string" || !FILTER_TYPES.includes(filterType)) {
    throw intuneBadRequest(
      `${path}.target.deviceAndAppManagementAssignmentFilterType must be one of ${FILTER_TYPES.join(", ")}; found ${describeJson(filterType)}.`,
    );
  }
  const filterId = target.deviceAndAppManagementAssignmentFilterId ?? null;
  if (filterId !== null && typeof filterId !== "string")
    throw intuneBadRequest(
      `${path}.target.deviceAndAppManagementAssignmentFilterId must be a string or null; found ${describeJson(filterId)}.`,
    );
  if (filterType !== "none" && !filterId)
    throw intuneBadRequest(
      `${path}.target: filter type '${filterType}' needs deviceAndAppManagementAssignmentFilterId.`,
    );
  const normalizedTarget: JsonObject = {
    "@odata.type": type,
    deviceAndAppManagementAssignmentFilterId: filterId,
    deviceAndAppManagementAssignmentFilterType: filterType,
  };
  let groupId: string;
  if (type === GROUP_TARGET || type === EXCLUSION_TARGET) {
    const raw = target.groupId;
    if (typeof raw !== "string" || (groupVisible !== undefined && !groupVisible(raw))) {
      throw intuneBadRequest(
        `Invalid GroupId : ${typeof raw === "string" ? raw : String(raw)} provided, a valid AADGroupId is expected.`,
      );
    }
    groupId = raw;
    normalizedTarget.groupId = raw;
  } else {
    groupId = type === ALL_DEVICES_TARGET ? ALL_DEVICES_ID : ALL_LICENSED_USERS_ID;
  }
  return { id: `${policyId}_${groupId}`, source: "direct", sourceId: policyId, target: normalizedTarget };
}

export function normalizeAssignments(
  policyId: string,
  list: unknown,
  groupVisible?: (id: string) => boolean,
): JsonObject[] {
  if (!Array.isArray(list))
    throw intuneBadRequest(`assignments must be an array, found ${describeJson(list)}.`);
  const byId = new Map<string, JsonObject>();
  list.forEach((item, index) => {
    const assignment = normalizeAssignment(policyId, item, index, groupVisible);
    byId.set(String(assignment.id), assignment);
  });
  return [...byId.values()];
}

export function assignmentRoutes(state: SandboxState): Route[] {
  const beta = ["beta"] as const;
  const assign = (request: Parameters<Route["handle"]>[0]) => {
    const stored = findPolicy(state, request.params.id);
    const body = requireObjectBody(request.body, "assign action parameters");
    for (const key of Object.keys(body)) {
      if (key !== "assignments")
        throw intuneBadRequest(
          `The parameter '${key}' in the request payload is not a valid parameter for the operation 'assign'.`,
        );
    }
    const policyId = String(stored.policy.id);
    stored.assignments = normalizeAssignments(
      policyId,
      body.assignments ?? [],
      (id) => state.visibleGroup(id) !== undefined,
    );
    return {
      status: 200,
      body: {
        "@odata.context": `${request.origin}/beta/$metadata#Collection(microsoft.graph.deviceManagementConfigurationPolicyAssignment)`,
        value: structuredClone(stored.assignments),
      },
    };
  };
  return [
    {
      method: "POST",
      template: `${POLICY_TEMPLATE}/assign`,
      versions: beta,
      permissions: INTUNE_WRITE,
      handle: assign,
    },
    {
      method: "POST",
      template: `${POLICY_TEMPLATE}/microsoft.graph.assign`,
      versions: beta,
      permissions: INTUNE_WRITE,
      handle: assign,
    },
    {
      method: "GET",
      template: `${POLICY_TEMPLATE}/assignments`,
      versions: beta,
      permissions: INTUNE_READ,
      handle: (request) => {
        const stored = findPolicy(state, request.params.id);
        return {
          status: 200,
          body: {
            "@odata.context": assignmentsContext(request, String(stored.policy.id)),
            value: structuredClone(stored.assignments),
          },
        };
      },
    },
  ];
}
