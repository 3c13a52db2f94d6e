/**
 * The shapes the export works with: what Graph answered (trimmed to the fields read), the
 * findings the report lists, and the exported stack settings with group and user references.
 */
import type { GraphConfigurationPolicy } from "../../infra/providers/settingsCatalog/policyDocument";

/** A group reference in stack config: an object id, or the group's display name. */
export type GroupRef = string | { displayName: string };
/** A user reference in stack config: an object id, or the user's userPrincipalName. */
export type UserRef = string | { userPrincipalName: string };

/**
 * One point of the report.
 * - `difference`: the tenant holds something the stack config cannot express; the next
 *   `pulumi up` would change it (or the written value only approximates it).
 * - `attention`: to decide before `pulumi up` (several candidates, an ambiguous name, a
 *   reference that had to stay an id).
 * - `note`: for information; nothing changes.
 */
export interface Finding {
  severity: "difference" | "attention" | "note";
  text: string;
}

export const difference = (text: string): Finding => ({ severity: "difference", text });
export const attention = (text: string): Finding => ({ severity: "attention", text });
export const note = (text: string): Finding => ({ severity: "note", text });

/** The TAP configuration as `GET .../authenticationMethodConfigurations/TemporaryAccessPass` returns it. */
export interface GraphTapConfiguration {
  id?: string;
  state?: string;
  defaultLifetimeInMinutes?: number;
  minimumLifetimeInMinutes?: number;
  maximumLifetimeInMinutes?: number;
  defaultLength?: number;
  isUsableOnce?: boolean;
  includeTargets?: { id: string; targetType: string; isRegistrationRequired?: boolean }[];
  excludeTargets?: { id: string; targetType: string }[];
}

/** A Conditional Access policy as `GET /identity/conditionalAccess/policies` lists it. */
export interface GraphConditionalAccessPolicy {
  id: string;
  displayName?: string;
  description?: string | null;
  state?: string;
  templateId?: string | null;
  createdDateTime?: string | null;
  conditions?: Record<string, unknown> | null;
  grantControls?: Record<string, unknown> | null;
  sessionControls?: Record<string, unknown> | null;
}

/** A settings-catalog profile with all its settings (and its assignments once read). */
export interface GraphProfile extends Omit<GraphConfigurationPolicy, "settings" | "settings@odata.nextLink"> {
  settings: unknown[];
}

/** One item of `GET .../configurationPolicies/{id}/assignments`. */
export interface GraphAssignment {
  id?: string;
  target?: {
    "@odata.type"?: string;
    groupId?: string | null;
    deviceAndAppManagementAssignmentFilterId?: string | null;
    deviceAndAppManagementAssignmentFilterType?: string | null;
  } | null;
}

/** A group as listed with the export's `$select`. */
export interface GraphGroup {
  id: string;
  displayName?: string | null;
  description?: string | null;
  groupTypes?: string[] | null;
  membershipRule?: string | null;
  membershipRuleProcessingState?: string | null;
  securityEnabled?: boolean | null;
  mailEnabled?: boolean | null;
}

/** A user as read with `$select=id,userPrincipalName`. */
export interface GraphUser {
  id: string;
  userPrincipalName?: string | null;
}

/** `temporaryAccessPass` as exported. */
export interface ExportedTemporaryAccessPass {
  state: string;
  includeGroupIds: GroupRef[];
  excludeGroupIds: GroupRef[];
  minimumLifetimeInMinutes: number;
  defaultLifetimeInMinutes: number;
  maximumLifetimeInMinutes: number;
  defaultLength: number;
  isUsableOnce: boolean;
  onDestroy: "restore";
}

/** `registrationPolicy` as exported. */
export interface ExportedRegistrationPolicy {
  displayName: string;
  state: string;
  breakGlassUserIds: UserRef[];
  excludeGroupIds: GroupRef[];
  excludeGuests: boolean;
  excludeRoleTemplateIds: string[];
  allowFromTrustedLocations: boolean;
  authenticationStrengthPolicyId?: string;
  adoptExisting?: boolean;
}

/** `autopilot` as exported: an adopted (managed) group, a referenced one, or a new one. */
export interface ExportedAutopilot {
  groupDisplayName?: string;
  groupTag?: string;
  existingGroupId?: GroupRef;
  adoptExisting?: boolean;
}

/** `webSignIn` as exported. */
export interface ExportedWebSignIn {
  policyName: string;
  description: string;
  enablePasswordlessExperience: boolean;
  adoptExisting: boolean;
}

/** The five sections; a section is absent when its objects could not be read. */
export interface ExportedConfig {
  temporaryAccessPass?: ExportedTemporaryAccessPass;
  registrationPolicy?: ExportedRegistrationPolicy;
  autopilot?: ExportedAutopilot;
  webSignIn?: ExportedWebSignIn;
  guardrails: { suppress: Record<string, string> };
}
