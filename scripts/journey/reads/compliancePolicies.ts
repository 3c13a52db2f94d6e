/**
 * Windows compliance policies with their Device Health Attestation checks and grace period: one
 * beta list read, `deviceManagement/deviceCompliancePolicies?$expand=scheduledActionsForRule($expand=scheduledActionConfigurations),assignments`.
 * BitLocker, Secure Boot and code integrity are measured at boot, so a device reports them only
 * after a restart; the grace period is the `block` action's `gracePeriodHours`. Permission
 * DeviceManagementConfiguration.Read.All.
 * https://learn.microsoft.com/graph/api/resources/intune-deviceconfig-windows10compliancepolicy;
 * https://learn.microsoft.com/intune/intune-service/protect/compliance-policy-create-windows
 */
import type { GraphClient } from "../../../infra/graph/types";
import { targetsOf, text, type Assigned, type GraphAssignment } from "../targets";
import { attempt, type ReadOutcome } from "./outcome";

export const COMPLIANCE_POLICIES_PATH = "/deviceManagement/deviceCompliancePolicies";
const WINDOWS_COMPLIANCE = "#microsoft.graph.windows10compliancepolicy";
export const HEALTH_ATTESTATION_CHECKS = [
  "bitLockerEnabled",
  "secureBootEnabled",
  "codeIntegrityEnabled",
] as const;

export interface CompliancePolicyFact extends Assigned {
  /** The Device Health Attestation checks it turns on. */
  bootMeasuredChecks: string[];
  /** Hours before a noncompliant device is marked noncompliant; undefined when it has no block action. */
  gracePeriodHours: number | undefined;
}

type PolicyDocument = Record<string, unknown> & {
  assignments?: GraphAssignment[];
  scheduledActionsForRule?: {
    scheduledActionConfigurations?: { actionType?: unknown; gracePeriodHours?: unknown }[];
  }[];
};

export function readCompliancePolicies(client: GraphClient): Promise<ReadOutcome<CompliancePolicyFact[]>> {
  return attempt("the compliance policies", async () => {
    const documents = await client.list<PolicyDocument>(COMPLIANCE_POLICIES_PATH, {
      version: "beta",
      query: { $expand: "scheduledActionsForRule($expand=scheduledActionConfigurations),assignments" },
    });
    return documents
      .filter((document) => text(document["@odata.type"]).toLowerCase() === WINDOWS_COMPLIANCE)
      .map((document) => {
        const block = (document.scheduledActionsForRule ?? [])
          .flatMap((rule) => rule.scheduledActionConfigurations ?? [])
          .find((action) => action.actionType === "block");
        return {
          id: text(document.id),
          name: text(document.displayName, text(document.id)),
          targets: targetsOf(document.assignments),
          bootMeasuredChecks: HEALTH_ATTESTATION_CHECKS.filter((check) => document[check] === true),
          gracePeriodHours: typeof block?.gracePeriodHours === "number" ? block.gracePeriodHours : undefined,
        };
      });
  });
}
