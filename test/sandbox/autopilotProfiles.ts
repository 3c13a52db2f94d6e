/**
 * Windows Autopilot deployment profiles (beta only), read-only: `GET
 * /deviceManagement/windowsAutopilotDeploymentProfiles` (optionally `$expand=assignments`),
 * `GET .../{id}` and `GET .../{id}/assignments` (404 Intune NotFound for an unknown id). Tests seed
 * profiles "as if made in the portal" with `seedAutopilotProfile(sandbox, …)`; `resetTenant()`
 * removes them.
 *
 * Where the behaviour comes from (/work/shared/reference/graph-facts-journey.md §1):
 * - Beta only; v1.0 has no `windowsAutopilotDeploymentProfiles` navigation (§1.1, [csdl]), so a
 *   v1.0 request gets the router's wrong-version 400. `$expand=assignments` on the list works
 *   (§1.1, [obs PSARC]).
 * - Permissions (application, least→most): `DeviceManagementServiceConfig.Read.All`,
 *   `DeviceManagementServiceConfig.ReadWrite.All`, `DeviceManagementConfiguration.Read.All`,
 *   `DeviceManagementConfiguration.ReadWrite.All` (§1.1, GD list page @ 028b8e35).
 * - Entra join = `#microsoft.graph.azureADWindowsAutopilotDeploymentProfile`; hybrid join =
 *   `#microsoft.graph.activeDirectoryWindowsAutopilotDeploymentProfile` plus
 *   `hybridAzureADJoinSkipConnectivityCheck` (§1.2). Item shape from the real GET in §1.2.
 * - Assignment `{id: "<profileId>_<groupId>_0", source: "direct", sourceId: <profileId>, target:
 *   {"@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId, filter id/type}}` (§1.3).
 *   The id suffix of other targets is [unverified]; readers must use `target`, never the id.
 * - User-driven vs self-deploying is `outOfBoxExperienceSetting.deviceUsageType` (`singleUser` /
 *   `shared`, also in the deprecated `outOfBoxExperienceSettings` twin); there is no mode property
 *   (§1.2).
 * - Not modelled: paging (Graph's page size for this collection is not in the facts; a tenant has
 *   at most 350 profiles, §1.1), writes (per-assignment POST, §1.3), `assignedDevices`, and the
 *   404 body wording (Intune-style NotFound is an [inferred] stand-in).
 */
import { randomUUID } from "node:crypto";
import type { JsonObject } from "./bodies";
import { intuneNotFound, odataBadRequest } from "./graphErrors";
import type { GraphRequest, Route } from "./router";
import { graphTimestamp, type SandboxState } from "./state";
import type { Sandbox } from "./sandbox";
import { stateStore } from "./stateStore";

export const AUTOPILOT_PROFILES_TEMPLATE = "/deviceManagement/windowsAutopilotDeploymentProfiles";
export const ENTRA_JOIN_PROFILE_TYPE = "#microsoft.graph.azureADWindowsAutopilotDeploymentProfile";
export const HYBRID_JOIN_PROFILE_TYPE = "#microsoft.graph.activeDirectoryWindowsAutopilotDeploymentProfile";
export const AUTOPILOT_READ = [
  ["DeviceManagementServiceConfig.Read.All"],
  ["DeviceManagementServiceConfig.ReadWrite.All"],
  ["DeviceManagementConfiguration.Read.All"],
  ["DeviceManagementConfiguration.ReadWrite.All"],
];

interface StoredProfile {
  profile: JsonObject;
  assignments: JsonObject[];
}

/** Per sandbox tenant; kept here so the shared SandboxState needs no change. */
const stores = new WeakMap<SandboxState, Map<string, StoredProfile>>();

function storeOf(state: SandboxState): Map<string, StoredProfile> {
  return stateStore(stores, state, () => new Map<string, StoredProfile>());
}

export interface SeededAutopilotProfile {
  displayName: string;
  /** Hybrid join (`activeDirectory…` type); default Entra join. */
  hybridJoin?: boolean;
  /** Groups it is assigned to (`groupAssignmentTarget`). */
  assignedGroupIds?: string[];
  /** Groups excluded from it (`exclusionGroupAssignmentTarget`). */
  excludedGroupIds?: string[];
  /** Assigned to all devices (`allDevicesAssignmentTarget`): the default profile. */
  allDevices?: boolean;
  /** Self-deploying (`outOfBoxExperienceSetting.deviceUsageType: "shared"`); default user-driven (`singleUser`). */
  selfDeploying?: boolean;
  /** `preprovisioningAllowed` (and its deprecated twin `enableWhiteGlove`); default false. */
  preprovisioningAllowed?: boolean;
  /** `createdDateTime` (the oldest profile wins when several reach a device); default now. */
  createdDateTime?: string;
  id?: string;
}

function target(type: string, groupId?: string): JsonObject {
  return {
    "@odata.type": type,
    ...(groupId === undefined ? {} : { groupId }),
    deviceAndAppManagementAssignmentFilterId: null,
    deviceAndAppManagementAssignmentFilterType: "none",
  };
}

/** A profile as Graph returns it (§1.2's real GET, with the hybrid-join extras when hybrid). */
function profileDocument(seed: SeededAutopilotProfile, id: string, now: Date): JsonObject {
  const created = seed.createdDateTime ?? graphTimestamp(now);
  const deviceUsageType = seed.selfDeploying === true ? "shared" : "singleUser";
  const preprovisioning = seed.preprovisioningAllowed === true;
  return {
    "@odata.type": seed.hybridJoin === true ? HYBRID_JOIN_PROFILE_TYPE : ENTRA_JOIN_PROFILE_TYPE,
    id,
    displayName: seed.displayName,
    description: "",
    deviceType: "windowsPc",
    deviceNameTemplate: "",
    locale: "os-default",
    language: "os-default",
    preprovisioningAllowed: preprovisioning,
    enableWhiteGlove: preprovisioning,
    hardwareHashExtractionEnabled: false,
    extractHardwareHash: false,
    managementServiceAppId: null,
    enrollmentStatusScreenSettings: null,
    outOfBoxExperienceSetting: {
      deviceUsageType,
      userType: "standard",
      privacySettingsHidden: true,
      eulaHidden: true,
      keyboardSelectionPageSkipped: true,
      escapeLinkHidden: true,
    },
    outOfBoxExperienceSettings: {
      deviceUsageType,
      userType: "standard",
      hidePrivacySettings: true,
      hideEULA: true,
      skipKeyboardSelectionPage: true,
      hideEscapeLink: true,
    },
    roleScopeTagIds: ["0"],
    createdDateTime: created,
    lastModifiedDateTime: created,
    ...(seed.hybridJoin === true ? { hybridAzureADJoinSkipConnectivityCheck: false } : {}),
  };
}

/** Adds a deployment profile and its assignments as if made in the portal (not logged). Returns its id. */
export function seedAutopilotProfile(sandbox: Sandbox, seed: SeededAutopilotProfile): string {
  // SandboxTenant keeps its state protected; the route and the seed must share it.
  const state = (sandbox as unknown as { state: SandboxState }).state;
  const id = seed.id ?? randomUUID();
  const assignment = (groupOrAll: string, type: string, groupId?: string): JsonObject => ({
    id: `${id}_${groupOrAll}_0`,
    source: "direct",
    sourceId: id,
    target: target(type, groupId),
  });
  const assignments = [
    ...(seed.assignedGroupIds ?? []).map((groupId) =>
      assignment(groupId, "#microsoft.graph.groupAssignmentTarget", groupId),
    ),
    ...(seed.excludedGroupIds ?? []).map((groupId) =>
      assignment(groupId, "#microsoft.graph.exclusionGroupAssignmentTarget", groupId),
    ),
    ...(seed.allDevices === true
      ? [assignment("alldevices", "#microsoft.graph.allDevicesAssignmentTarget")]
      : []),
  ];
  storeOf(state).set(id.toLowerCase(), {
    profile: profileDocument(seed, id, state.now()),
    assignments,
  });
  return id;
}

function context(request: GraphRequest, tail: string): string {
  return `${request.origin}/${request.version}/$metadata#${tail}`;
}

function expandsAssignments(request: GraphRequest): boolean {
  const expand = request.query.$expand;
  if (expand === undefined || expand === "") return false;
  if (expand.trim().toLowerCase() !== "assignments")
    throw odataBadRequest(
      `Could not find a property named '${expand.trim()}' on type 'microsoft.graph.windowsAutopilotDeploymentProfile'.`,
    );
  return true;
}

function render(stored: StoredProfile, expand: boolean): JsonObject {
  const profile = structuredClone(stored.profile);
  return expand ? { ...profile, assignments: structuredClone(stored.assignments) } : profile;
}

export function autopilotProfileRoutes(state: SandboxState): Route[] {
  const beta = ["beta"] as const;
  const find = (id: string): StoredProfile => {
    const stored = storeOf(state).get(id.toLowerCase());
    if (stored === undefined)
      throw intuneNotFound(`WindowsAutopilotDeploymentProfile with id ${id} not found`);
    return stored;
  };
  return [
    {
      method: "GET",
      template: AUTOPILOT_PROFILES_TEMPLATE,
      versions: beta,
      permissions: AUTOPILOT_READ,
      handle: (request) => {
        const expand = expandsAssignments(request);
        return {
          status: 200,
          body: {
            "@odata.context": context(request, "deviceManagement/windowsAutopilotDeploymentProfiles"),
            value: [...storeOf(state).values()].map((stored) => render(stored, expand)),
          },
        };
      },
    },
    {
      method: "GET",
      template: `${AUTOPILOT_PROFILES_TEMPLATE}/{id}`,
      versions: beta,
      permissions: AUTOPILOT_READ,
      handle: (request) => {
        const stored = find(request.params.id);
        return {
          status: 200,
          body: {
            "@odata.context": context(request, "deviceManagement/windowsAutopilotDeploymentProfiles/$entity"),
            ...render(stored, expandsAssignments(request)),
          },
        };
      },
    },
    {
      method: "GET",
      template: `${AUTOPILOT_PROFILES_TEMPLATE}/{id}/assignments`,
      versions: beta,
      permissions: AUTOPILOT_READ,
      handle: (request) => {
        const stored = find(request.params.id);
        return {
          status: 200,
          body: {
            "@odata.context": context(
              request,
              `deviceManagement/windowsAutopilotDeploymentProfiles('${String(stored.profile.id)}')/assignments`,
            ),
            value: structuredClone(stored.assignments),
          },
        };
      },
    },
  ];
}
