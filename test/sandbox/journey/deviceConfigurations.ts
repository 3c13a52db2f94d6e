/**
 * Intune device configuration profiles (beta), read-only: `GET /deviceManagement/deviceConfigurations`
 * with optional `$expand=assignments`. One polymorphic collection: Windows Update rings
 * (`windowsUpdateForBusinessConfiguration`), custom OMA-URI profiles (`windows10CustomConfiguration`),
 * legacy endpoint protection and identity protection profiles. Tests add them with
 * `seedUpdateRing`, `seedCustomConfiguration` and `seedDeviceConfiguration`.
 *
 * Where the behaviour comes from:
 * - Path, beta shapes and the ring properties (`businessReadyUpdatesOnly` ∈ userDefined, all,
 *   businessReadyOnly, windowsInsiderBuildFast, windowsInsiderBuildSlow, windowsInsiderBuildRelease;
 *   `automaticUpdateMode`, deferrals, deadlines):
 *   https://learn.microsoft.com/graph/api/resources/intune-deviceconfig-windowsupdateforbusinessconfiguration?view=graph-rest-beta.
 * - Custom profiles carry `omaSettings[]` of `#microsoft.graph.omaSettingString {displayName, omaUri, value}`
 *   (https://learn.microsoft.com/graph/api/resources/intune-deviceconfig-windows10customconfiguration?view=graph-rest-beta).
 * - Assignments `{id, source, sourceId, target}` with beta targets (deviceConfigurationAssignment).
 * - Permission `DeviceManagementConfiguration.Read.All` (or ReadWrite), as for every device
 *   configuration read.
 * - Not modelled: paging (the page size of this collection is not in the reference), `$filter`
 *   (`isof(…)` works on the real collection; the journey check lists everything once), writes.
 */
import { randomUUID } from "node:crypto";
import type { JsonObject } from "../bodies";
import type { GraphRequest, Route } from "../router";
import type { Sandbox } from "../sandbox";
import { graphTimestamp, type SandboxState } from "../state";
import { onlyQueryOptions, parseExpand } from "./expand";
import { assignmentsOf, type AssignmentSpec } from "./targets";
import { stateOf, tenantStore } from "./tenantStore";

export const DEVICE_CONFIGURATIONS_TEMPLATE = "/deviceManagement/deviceConfigurations";
export const UPDATE_RING_TYPE = "#microsoft.graph.windowsUpdateForBusinessConfiguration";
export const CUSTOM_CONFIGURATION_TYPE = "#microsoft.graph.windows10CustomConfiguration";
const READ = [["DeviceManagementConfiguration.Read.All"], ["DeviceManagementConfiguration.ReadWrite.All"]];

interface StoredProfile {
  profile: JsonObject;
  assignments: JsonObject[];
}

function storeOf(state: SandboxState): StoredProfile[] {
  return tenantStore(state, "deviceConfigurations", (): StoredProfile[] => []);
}

/**
 * Adds a profile of any type: the base deviceConfiguration properties are filled in, `properties`
 * (with its `@odata.type`) added as given. Not logged. Returns its id.
 */
export function seedDeviceConfiguration(
  sandbox: Sandbox,
  displayName: string,
  properties: JsonObject & { "@odata.type": string },
  assignments: AssignmentSpec,
): string {
  const state = stateOf(sandbox);
  const id = randomUUID();
  const now = graphTimestamp(state.now());
  const { "@odata.type": type, ...specific } = structuredClone(properties);
  storeOf(state).push({
    profile: {
      "@odata.type": type,
      id,
      lastModifiedDateTime: now,
      roleScopeTagIds: ["0"],
      supportsScopeTags: true,
      deviceManagementApplicabilityRuleOsEdition: null,
      deviceManagementApplicabilityRuleOsVersion: null,
      deviceManagementApplicabilityRuleDeviceMode: null,
      createdDateTime: now,
      description: "",
      displayName,
      version: 1,
      ...specific,
    },
    assignments: assignmentsOf(id, assignments),
  });
  return id;
}

/** An update ring as the portal creates it, with the given `businessReadyUpdatesOnly`. */
export function seedUpdateRing(
  sandbox: Sandbox,
  seed: { displayName: string; businessReadyUpdatesOnly: string; assignments: AssignmentSpec },
): string {
  return seedDeviceConfiguration(
    sandbox,
    seed.displayName,
    {
      "@odata.type": UPDATE_RING_TYPE,
      deliveryOptimizationMode: "userDefined",
      prereleaseFeatures: "userDefined",
      automaticUpdateMode: "autoInstallAtMaintenanceTime",
      microsoftUpdateServiceAllowed: true,
      driversExcluded: false,
      installationSchedule: {
        "@odata.type": "#microsoft.graph.windowsUpdateActiveHoursInstall",
        activeHoursStart: "08:00:00.0000000",
        activeHoursEnd: "17:00:00.0000000",
      },
      qualityUpdatesDeferralPeriodInDays: 0,
      featureUpdatesDeferralPeriodInDays: 0,
      qualityUpdatesPaused: false,
      featureUpdatesPaused: false,
      businessReadyUpdatesOnly: seed.businessReadyUpdatesOnly,
      skipChecksBeforeRestart: false,
      updateWeeks: null,
      deadlineForFeatureUpdatesInDays: 7,
      deadlineForQualityUpdatesInDays: 2,
      deadlineGracePeriodInDays: 2,
      postponeRebootUntilAfterDeadline: false,
      autoRestartNotificationDismissal: "notConfigured",
      userPauseAccess: "enabled",
      userWindowsUpdateScanAccess: "enabled",
      updateNotificationLevel: "defaultNotifications",
      allowWindows11Upgrade: true,
    },
    seed.assignments,
  );
}

/** A custom OMA-URI profile with string settings `{omaUri, value}`. */
export function seedCustomConfiguration(
  sandbox: Sandbox,
  seed: {
    displayName: string;
    omaSettings: { omaUri: string; value: string }[];
    assignments: AssignmentSpec;
  },
): string {
  return seedDeviceConfiguration(
    sandbox,
    seed.displayName,
    {
      "@odata.type": CUSTOM_CONFIGURATION_TYPE,
      omaSettings: seed.omaSettings.map((setting, index) => ({
        "@odata.type": "#microsoft.graph.omaSettingString",
        displayName: `Setting ${index + 1}`,
        description: null,
        omaUri: setting.omaUri,
        secretReferenceValueId: null,
        isEncrypted: false,
        value: setting.value,
      })),
    },
    seed.assignments,
  );
}

function list(state: SandboxState, request: GraphRequest) {
  onlyQueryOptions(request.query, ["$expand"], DEVICE_CONFIGURATIONS_TEMPLATE);
  const expand = parseExpand(request.query.$expand, ["assignments"], "microsoft.graph.deviceConfiguration");
  return {
    status: 200,
    body: {
      "@odata.context": `${request.origin}/beta/$metadata#deviceManagement/deviceConfigurations`,
      value: storeOf(state).map((stored) => ({
        ...structuredClone(stored.profile),
        ...(expand.has("assignments") ? { assignments: structuredClone(stored.assignments) } : {}),
      })),
    },
  };
}

export function deviceConfigurationRoutes(state: SandboxState): Route[] {
  return [
    {
      method: "GET",
      template: DEVICE_CONFIGURATIONS_TEMPLATE,
      versions: ["beta"],
      permissions: READ,
      handle: (request) => list(state, request),
    },
  ];
}
