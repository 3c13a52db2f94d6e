/**
 * Intune enrollment configurations (beta), read-only: `GET
 * /deviceManagement/deviceEnrollmentConfigurations` with optional `$expand=assignments` and
 * `$filter=deviceEnrollmentConfigurationType eq '…'`. One polymorphic collection holds every kind:
 * Enrollment Status Pages (ESP), the Windows Hello for Business enrollment policy, enrollment
 * limits. Every tenant has the defaults; tests add ESPs with `seedEnrollmentStatusPage` and change
 * them with `editEnrollmentStatusPage` / `setDefaultWindowsHelloForBusiness`.
 *
 * Where the behaviour comes from:
 * - Beta, not v1.0 (v1.0's ESP type has one property and no priority); permissions
 *   `DeviceManagementServiceConfig.Read.All` (least), `DeviceManagementServiceConfig.ReadWrite.All`,
 *   `DeviceManagementConfiguration.Read.All`
 *   (https://learn.microsoft.com/graph/api/intune-onboarding-windows10enrollmentcompletionpageconfiguration-list?view=graph-rest-beta).
 * - `isof(…)` does not work on this collection (public scripts filter on
 *   `deviceEnrollmentConfigurationType` instead): refused with a 400 whose wording is [inferred].
 * - The default ESP exactly as a real tenant returns it, unedited: `showInstallationProgress:
 *   false`, `installProgressTimeoutInMinutes: 0`, priority 0, id `<tenant prefix>_Default…`,
 *   type `windows10EnrollmentCompletionPageConfiguration` (not the enum's `default…` member),
 *   assigned to all devices with `sourceId: null`; the default Windows Hello for Business policy
 *   `state: "notConfigured"`, priority 0, type `windowsHelloForBusiness` (real exports in
 *   Pacers31Colts18/Intune.Docs; learn.microsoft.com/intune/intune-service/enrollment/windows-enrollment-status).
 * - A custom ESP's id is `<guid>_Windows10EnrollmentCompletionPageConfiguration` and its priority
 *   the next free one (1 is the highest; the default's 0 applies last).
 * - The default enrollment limit's `limit` value is illustrative (not in the reference).
 * - Not modelled: paging (at most 51 ESPs per tenant), writes (`setPriority`, `assign`), v1.0.
 */
import { randomUUID } from "node:crypto";
import type { JsonObject } from "../bodies";
import { odataBadRequest } from "../graphErrors";
import { applyFilter } from "../odata";
import type { GraphRequest, Route } from "../router";
import type { Sandbox } from "../sandbox";
import { graphTimestamp, type SandboxState } from "../state";
import { onlyQueryOptions, parseExpand } from "./expand";
import { assignmentsOf, targetsOf, type AssignmentSpec } from "./targets";
import { stateOf, tenantStore } from "./tenantStore";

export const ENROLLMENT_CONFIGURATIONS_TEMPLATE = "/deviceManagement/deviceEnrollmentConfigurations";
export const ESP_TYPE = "#microsoft.graph.windows10EnrollmentCompletionPageConfiguration";
export const WHFB_TYPE = "#microsoft.graph.deviceEnrollmentWindowsHelloForBusinessConfiguration";
const LIMIT_TYPE = "#microsoft.graph.deviceEnrollmentLimitConfiguration";
const ENTITY = "microsoft.graph.deviceEnrollmentConfiguration";
const READ = [
  ["DeviceManagementServiceConfig.Read.All"],
  ["DeviceManagementServiceConfig.ReadWrite.All"],
  ["DeviceManagementConfiguration.Read.All"],
];
const NEVER = "0001-01-01T00:00:00Z";

interface StoredConfiguration {
  configuration: JsonObject;
  assignments: JsonObject[];
}

interface EnrollmentStore {
  prefix: string;
  items: StoredConfiguration[];
}

function allDevicesDefault(id: string): JsonObject[] {
  return targetsOf({ allDevices: true }).map(({ target }) => ({
    id,
    source: "direct",
    sourceId: null,
    target,
  }));
}

function defaults(prefix: string): StoredConfiguration[] {
  const esp = `${prefix}_DefaultWindows10EnrollmentCompletionPageConfiguration`;
  const hello = `${prefix}_DefaultWindowsHelloForBusiness`;
  const limit = `${prefix}_DefaultLimit`;
  return [
    {
      configuration: {
        "@odata.type": LIMIT_TYPE,
        id: limit,
        displayName: "All users and all devices",
        description: "",
        priority: 0,
        createdDateTime: NEVER,
        lastModifiedDateTime: NEVER,
        version: 0,
        roleScopeTagIds: [],
        deviceEnrollmentConfigurationType: "limit",
        limit: 5,
      },
      assignments: [],
    },
    {
      configuration: {
        "@odata.type": ESP_TYPE,
        id: esp,
        displayName: "All users and all devices",
        description:
          "This is the default enrollment status screen configuration applied with the lowest priority to all users and all devices regardless of group membership.",
        priority: 0,
        createdDateTime: NEVER,
        lastModifiedDateTime: "2025-03-26T00:08:25Z",
        version: 0,
        roleScopeTagIds: [],
        deviceEnrollmentConfigurationType: "windows10EnrollmentCompletionPageConfiguration",
        showInstallationProgress: false,
        blockDeviceSetupRetryByUser: true,
        allowDeviceResetOnInstallFailure: false,
        allowLogCollectionOnInstallFailure: false,
        customErrorMessage: "",
        installProgressTimeoutInMinutes: 0,
        allowDeviceUseOnInstallFailure: false,
        selectedMobileAppIds: [],
        allowNonBlockingAppInstallation: false,
        installQualityUpdates: false,
        trackInstallProgressForAutopilotOnly: false,
        disableUserStatusTrackingAfterFirstUser: false,
      },
      assignments: allDevicesDefault(esp),
    },
    {
      configuration: {
        "@odata.type": WHFB_TYPE,
        id: hello,
        displayName: "All users and all devices",
        description: "",
        priority: 0,
        createdDateTime: NEVER,
        lastModifiedDateTime: NEVER,
        version: 0,
        roleScopeTagIds: [],
        deviceEnrollmentConfigurationType: "windowsHelloForBusiness",
        pinMinimumLength: 6,
        pinMaximumLength: 127,
        pinUppercaseCharactersUsage: "disallowed",
        pinLowercaseCharactersUsage: "disallowed",
        pinSpecialCharactersUsage: "disallowed",
        state: "notConfigured",
        securityDeviceRequired: false,
        unlockWithBiometricsEnabled: true,
        remotePassportEnabled: true,
        pinPreviousBlockCount: 0,
        pinExpirationInDays: 0,
        enhancedBiometricsState: "notConfigured",
        securityKeyForSignIn: "notConfigured",
        enhancedSignInSecurity: 0,
      },
      assignments: allDevicesDefault(hello),
    },
  ];
}

function storeOf(state: SandboxState): EnrollmentStore {
  return tenantStore(state, "enrollmentConfigurations", () => {
    const prefix = randomUUID();
    return { prefix, items: defaults(prefix) };
  });
}

function defaultOf(sandbox: Sandbox, type: string): StoredConfiguration {
  const found = storeOf(stateOf(sandbox)).items.find(
    (item) => item.configuration["@odata.type"] === type && item.configuration.priority === 0,
  );
  if (found === undefined) throw new Error(`no default ${type}`);
  return found;
}

/** Out-of-band edit of an ESP (e.g. `{ installQualityUpdates: true }`); `"default"` edits the default one. Returns its id. */
export function editEnrollmentStatusPage(sandbox: Sandbox, id: string, changes: JsonObject): string {
  const stored =
    id === "default"
      ? defaultOf(sandbox, ESP_TYPE)
      : storeOf(stateOf(sandbox)).items.find((item) => item.configuration.id === id);
  if (stored === undefined) throw new Error(`editEnrollmentStatusPage: no configuration '${id}'`);
  stored.configuration = { ...stored.configuration, ...structuredClone(changes) };
  return String(stored.configuration.id);
}

/** Out-of-band edit of the tenant-wide Windows Hello for Business enrollment policy. Returns its id. */
export function setDefaultWindowsHelloForBusiness(
  sandbox: Sandbox,
  state: "enabled" | "disabled" | "notConfigured",
): string {
  const stored = defaultOf(sandbox, WHFB_TYPE);
  stored.configuration = { ...stored.configuration, state };
  return String(stored.configuration.id);
}

export interface SeededEnrollmentStatusPage {
  displayName: string;
  installProgressTimeoutInMinutes: number;
  installQualityUpdates?: boolean;
  /** Default true: the page is shown. */
  showInstallationProgress?: boolean;
  assignments: AssignmentSpec;
}

/** Adds a custom ESP at the next free priority (not logged). Returns its id. */
export function seedEnrollmentStatusPage(sandbox: Sandbox, seed: SeededEnrollmentStatusPage): string {
  const state = stateOf(sandbox);
  const store = storeOf(state);
  const id = `${randomUUID()}_Windows10EnrollmentCompletionPageConfiguration`;
  const taken = store.items
    .filter((item) => item.configuration["@odata.type"] === ESP_TYPE)
    .map((item) => Number(item.configuration.priority));
  const now = graphTimestamp(state.now());
  store.items.push({
    configuration: {
      "@odata.type": ESP_TYPE,
      id,
      displayName: seed.displayName,
      description: "",
      priority: Math.max(0, ...taken) + 1,
      createdDateTime: now,
      lastModifiedDateTime: now,
      version: 1,
      roleScopeTagIds: ["0"],
      deviceEnrollmentConfigurationType: "windows10EnrollmentCompletionPageConfiguration",
      showInstallationProgress: seed.showInstallationProgress ?? true,
      blockDeviceSetupRetryByUser: true,
      allowDeviceResetOnInstallFailure: false,
      allowLogCollectionOnInstallFailure: false,
      customErrorMessage: "",
      installProgressTimeoutInMinutes: seed.installProgressTimeoutInMinutes,
      allowDeviceUseOnInstallFailure: false,
      selectedMobileAppIds: [],
      allowNonBlockingAppInstallation: false,
      installQualityUpdates: seed.installQualityUpdates ?? false,
      trackInstallProgressForAutopilotOnly: true,
      disableUserStatusTrackingAfterFirstUser: true,
    },
    assignments: assignmentsOf(id, seed.assignments),
  });
  return id;
}

function list(state: SandboxState, request: GraphRequest) {
  onlyQueryOptions(request.query, ["$expand", "$filter"], ENROLLMENT_CONFIGURATIONS_TEMPLATE);
  const expand = parseExpand(request.query.$expand, ["assignments"], ENTITY);
  if (/\bisof\s*\(/i.test(request.query.$filter ?? ""))
    throw odataBadRequest(
      "isof is not supported on deviceEnrollmentConfigurations: filter on deviceEnrollmentConfigurationType instead.",
    );
  const items = storeOf(state).items;
  const kept = new Set(
    applyFilter(
      items.map((item) => item.configuration),
      request.query.$filter,
    ).map((configuration) => configuration.id),
  );
  return {
    status: 200,
    body: {
      "@odata.context": `${request.origin}/beta/$metadata#deviceManagement/deviceEnrollmentConfigurations`,
      value: items
        .filter((item) => kept.has(item.configuration.id))
        .map((item) => ({
          ...structuredClone(item.configuration),
          ...(expand.has("assignments") ? { assignments: structuredClone(item.assignments) } : {}),
        })),
    },
  };
}

export function enrollmentConfigurationRoutes(state: SandboxState): Route[] {
  return [
    {
      method: "GET",
      template: ENROLLMENT_CONFIGURATIONS_TEMPLATE,
      versions: ["beta"],
      permissions: READ,
      handle: (request) => list(state, request),
    },
  ];
}
