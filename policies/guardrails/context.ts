/**
 * Tenant facts a guardrail may use when its caller has read them (the preflight and export
 * tools do; `pulumi preview`/`up` read nothing and pass none). A rule that needs a fact it was
 * not given reports nothing: the settings alone decide every other rule. Pure types and helpers.
 */
import type { AuthenticationStrength } from "../whatIf/types";

/** A Windows Autopilot deployment profile (beta `deviceManagement/windowsAutopilotDeploymentProfiles?$expand=assignments`). */
export interface AutopilotDeploymentProfileFact {
  id: string;
  displayName: string;
  /** `#microsoft.graph.azureADWindowsAutopilotDeploymentProfile` (Entra join) or `…activeDirectory…` (hybrid join). */
  "@odata.type": string;
  /** Group ids of its `groupAssignmentTarget` assignments. */
  assignedGroupIds?: string[];
}

export interface GuardrailContext {
  /** GET /policies/authenticationStrengthPolicies (built-in and custom). */
  readonly authenticationStrengths?: readonly AuthenticationStrength[];
  /** The tenant's Autopilot deployment profiles. */
  readonly autopilotProfiles?: readonly AutopilotDeploymentProfileFact[];
}

const HYBRID_JOIN_PROFILE_TYPE = "#microsoft.graph.activeDirectoryWindowsAutopilotDeploymentProfile";

/** Entra vs hybrid join is the profile's `@odata.type`; there is no join-type property. */
export function isHybridJoinProfile(profile: Pick<AutopilotDeploymentProfileFact, "@odata.type">): boolean {
  return profile["@odata.type"].trim().toLowerCase() === HYBRID_JOIN_PROFILE_TYPE.toLowerCase();
}
