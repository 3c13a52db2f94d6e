/**
 * Intune device compliance policies (beta), read-only: `GET /deviceManagement/deviceCompliancePolicies`
 * with optional `$expand=scheduledActionsForRule($expand=scheduledActionConfigurations),assignments`
 * (the form the journey check uses). Tests add Windows policies with `seedWindowsCompliancePolicy`.
 *
 * Where the behaviour comes from:
 * - `windows10CompliancePolicy` with the Device Health Attestation checks `bitLockerEnabled`,
 *   `secureBootEnabled`, `codeIntegrityEnabled` (measured at boot), and the grace period as
 *   `scheduledActionsForRule[].scheduledActionConfigurations[actionType = "block"].gracePeriodHours`
 *   (https://learn.microsoft.com/graph/api/resources/intune-deviceconfig-windows10compliancepolicy;
 *   https://learn.microsoft.com/graph/api/intune-deviceconfig-devicecompliancescheduledactionforrule-get,
 *   whose example shows the nested expand). Permission `DeviceManagementConfiguration.Read.All`
 *   (or ReadWrite), same pages.
 * - Every policy has one rule (`ruleName` null) with a block action, as the portal creates them
 *   ("Mark device noncompliant", 0 hours unless a grace period is set).
 * - Not modelled: paging (page size not in the reference), other platforms, writes.
 */
import { randomUUID } from "node:crypto";
import type { JsonObject } from "../bodies";
import { odataBadRequest } from "../graphErrors";
import type { GraphRequest, Route } from "../router";
import type { Sandbox } from "../sandbox";
import { graphTimestamp, type SandboxState } from "../state";
import { onlyQueryOptions, parseExpand } from "./expand";
import { assignmentsOf, type AssignmentSpec } from "./targets";
import { stateOf, tenantStore } from "./tenantStore";

export const COMPLIANCE_POLICIES_TEMPLATE = "/deviceManagement/deviceCompliancePolicies";
const READ = [["DeviceManagementConfiguration.Read.All"], ["DeviceManagementConfiguration.ReadWrite.All"]];
const ENTITY = "microsoft.graph.deviceCompliancePolicy";

interface StoredPolicy {
  policy: JsonObject;
  rules: JsonObject[];
  assignments: JsonObject[];
}

function storeOf(state: SandboxState): StoredPolicy[] {
  return tenantStore(state, "compliancePolicies", (): StoredPolicy[] => []);
}

export interface SeededCompliancePolicy {
  displayName: string;
  bitLockerEnabled?: boolean;
  secureBootEnabled?: boolean;
  codeIntegrityEnabled?: boolean;
  /** Hours before a noncompliant device is marked noncompliant; default 0. */
  gracePeriodHours?: number;
  assignments: AssignmentSpec;
}

/** Adds a Windows 10/11 compliance policy (not logged). Returns its id. */
export function seedWindowsCompliancePolicy(sandbox: Sandbox, seed: SeededCompliancePolicy): string {
  const state = stateOf(sandbox);
  const id = randomUUID();
  const now = graphTimestamp(state.now());
  storeOf(state).push({
    policy: {
      "@odata.type": "#microsoft.graph.windows10CompliancePolicy",
      id,
      createdDateTime: now,
      description: "",
      lastModifiedDateTime: now,
      displayName: seed.displayName,
      version: 1,
      roleScopeTagIds: ["0"],
      passwordRequired: false,
      passwordBlockSimple: false,
      requireHealthyDeviceReport: false,
      osMinimumVersion: null,
      osMaximumVersion: null,
      earlyLaunchAntiMalwareDriverEnabled: false,
      bitLockerEnabled: seed.bitLockerEnabled ?? false,
      secureBootEnabled: seed.secureBootEnabled ?? false,
      codeIntegrityEnabled: seed.codeIntegrityEnabled ?? false,
      storageRequireEncryption: false,
      activeFirewallRequired: false,
      defenderEnabled: false,
      tpmRequired: false,
      deviceCompliancePolicyScript: null,
    },
    rules: [
      {
        id: randomUUID(),
        ruleName: null,
        scheduledActionConfigurations: [
          {
            id: randomUUID(),
            gracePeriodHours: seed.gracePeriodHours ?? 0,
            actionType: "block",
            notificationTemplateId: "00000000-0000-0000-0000-000000000000",
            notificationMessageCCList: [],
          },
        ],
      },
    ],
    assignments: assignmentsOf(id, seed.assignments),
  });
  return id;
}

function rules(stored: StoredPolicy, nested: string): JsonObject[] {
  if (nested === "")
    return stored.rules.map(({ scheduledActionConfigurations: _, ...rule }) => ({ ...rule }));
  if (nested.replace(/\s/g, "").toLowerCase() !== "$expand=scheduledactionconfigurations")
    throw odataBadRequest(`The Graph sandbox does not model scheduledActionsForRule(${nested}).`);
  return structuredClone(stored.rules);
}

function list(state: SandboxState, request: GraphRequest) {
  onlyQueryOptions(request.query, ["$expand"], COMPLIANCE_POLICIES_TEMPLATE);
  const expand = parseExpand(request.query.$expand, ["scheduledActionsForRule", "assignments"], ENTITY);
  const nested = expand.get("scheduledactionsforrule");
  return {
    status: 200,
    body: {
      "@odata.context": `${request.origin}/beta/$metadata#deviceManagement/deviceCompliancePolicies`,
      value: storeOf(state).map((stored) => ({
        ...structuredClone(stored.policy),
        ...(nested === undefined ? {} : { scheduledActionsForRule: rules(stored, nested) }),
        ...(expand.has("assignments") ? { assignments: structuredClone(stored.assignments) } : {}),
      })),
    },
  };
}

export function compliancePolicyRoutes(state: SandboxState): Route[] {
  return [
    {
      method: "GET",
      template: COMPLIANCE_POLICIES_TEMPLATE,
      versions: ["beta"],
      permissions: READ,
      handle: (request) => list(state, request),
    },
  ];
}
