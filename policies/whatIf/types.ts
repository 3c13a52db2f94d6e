/**
 * The shapes the lock-out what-if reads and returns. Policy and strength documents are Microsoft
 * Graph v1.0's own (`conditionalAccessPolicy`, `authenticationStrengthPolicy`), as a GET returns
 * them: collections may be empty, complex properties `null`. Pure types: no Pulumi, no I/O.
 *
 * The module's own desired policy (`policies/registrationPolicy.ts`, a narrower write shape with
 * no id) is assignable to `ConditionalAccessPolicyDocument`, so it can be evaluated next to the
 * tenant's policies before it is deployed.
 */

/** Graph `conditionalAccessGuestsOrExternalUsers`. `guestOrExternalUserTypes` is a flags enum: "a,b". */
export interface ConditionalAccessGuestsOrExternalUsers {
  guestOrExternalUserTypes: string;
  externalTenants?: {
    "@odata.type"?: string;
    membershipKind?: string | null;
    /** Only on `#microsoft.graph.conditionalAccessEnumeratedExternalTenants`. */
    members?: string[];
  } | null;
}

export interface ConditionalAccessUsers {
  includeUsers: string[];
  excludeUsers: string[];
  includeGroups: string[];
  excludeGroups: string[];
  includeRoles: string[];
  excludeRoles: string[];
  includeGuestsOrExternalUsers?: ConditionalAccessGuestsOrExternalUsers | null;
  excludeGuestsOrExternalUsers?: ConditionalAccessGuestsOrExternalUsers | null;
}

export interface ConditionalAccessFilter {
  mode: string;
  rule: string;
}

export interface ConditionalAccessApplications {
  includeApplications: string[];
  excludeApplications: string[];
  includeUserActions: string[];
  includeAuthenticationContextClassReferences?: string[];
  applicationFilter?: ConditionalAccessFilter | null;
}

/** Graph `conditionalAccessConditionSet`; keys this type does not list are reported as not evaluated. */
export interface ConditionalAccessConditionSet {
  applications?: ConditionalAccessApplications | null;
  users?: ConditionalAccessUsers | null;
  clientAppTypes?: string[];
  locations?: { includeLocations: string[]; excludeLocations: string[] } | null;
  platforms?: { includePlatforms: string[]; excludePlatforms: string[] } | null;
  devices?: { deviceFilter?: ConditionalAccessFilter | null } | null;
  clientApplications?: {
    includeServicePrincipals?: string[];
    excludeServicePrincipals?: string[];
    servicePrincipalFilter?: ConditionalAccessFilter | null;
  } | null;
  authenticationFlows?: { transferMethods?: string | null } | null;
  signInRiskLevels?: string[];
  userRiskLevels?: string[];
  servicePrincipalRiskLevels?: string[];
  /** Flags enum ("minor,moderate"). */
  insiderRiskLevels?: string | null;
}

/** Graph `authenticationStrengthPolicy` (GET /policies/authenticationStrengthPolicies). */
export interface AuthenticationStrength {
  id: string;
  displayName: string;
  /** `builtIn` | `custom`. */
  policyType?: string;
  requirementsSatisfied?: string;
  /** e.g. `fido2`, `password,sms` (v1.0 writes no space after the comma; compare ignoring spaces). */
  allowedCombinations: string[];
}

export interface ConditionalAccessGrantControls {
  /** `AND` | `OR`; Conditional Access requires all selected controls by default. */
  operator?: string | null;
  builtInControls: string[];
  customAuthenticationFactors?: string[];
  termsOfUse?: string[];
  /** Written as `{ id }`; a GET through the What-If API returns the whole strength inline. */
  authenticationStrength?: { id: string; displayName?: string; allowedCombinations?: string[] } | null;
}

/** Graph `conditionalAccessPolicy`, as listed by GET /identity/conditionalAccess/policies. */
export interface ConditionalAccessPolicyDocument {
  /** Absent for a desired (not yet created) policy: its display name stands in. */
  id?: string;
  displayName: string;
  /** `enabled` | `disabled` | `enabledForReportingButNotEnforced`. */
  state: string;
  conditions: ConditionalAccessConditionSet;
  grantControls?: ConditionalAccessGrantControls | null;
}

/** How a persona can sign in (maps onto Graph `authenticationMethodModes`). */
export type WhatIfAuthMethod =
  | "temporaryAccessPass"
  | "password"
  | "fido2"
  | "windowsHelloForBusiness"
  | "microsoftAuthenticatorPush"
  | "sms";

/** Someone trying to register security info, and the conditions they do it under. */
export interface WhatIfPersona {
  name: string;
  userId: string;
  /** Transitive group memberships (object ids). */
  groupIds: string[];
  /** Active built-in directory role template ids. */
  roleTemplateIds: string[];
  userType: "member" | "guest";
  /** how they sign in */
  authMethods: WhatIfAuthMethod[];
  location: { trusted: boolean; namedLocationIds: string[] };
  clientAppType: "browser" | "mobileAppsAndDesktopClients";
  platform?: "windows" | "android" | "iOS" | "macOS" | "linux";
  /**
   * Which pass `temporaryAccessPass` is: strengths list one-time and multi-use passes separately.
   * Default `multiUse`, the pass this onboarding issues (PO-TAP-001).
   */
  temporaryAccessPassKind?: "oneTime" | "multiUse";
  /** For a guest: the Graph guest type policies match on. Default `b2bCollaborationGuest`. */
  guestOrExternalUserType?: string;
  /** For a guest: their home tenant id, matched against enumerated external tenants. */
  externalTenantId?: string;
  /** The device they register from; without it device grant controls are not evaluated. */
  device?: { compliant: boolean; domainJoined: boolean };
}

export interface WhatIfPolicyVerdict {
  policyId: string;
  displayName: string;
  state: string;
  /** False only when an evaluated condition leaves the persona out; see `notEvaluated`. */
  applies: boolean;
  /** why it applies or not, per condition */
  reasons: string[];
  /** enforced: enabled policies only (report-only is never enforced for user actions) */
  enforced: boolean;
  /** True only when the persona certainly meets the grant controls. */
  satisfied: boolean;
  /** what the persona lacks, e.g. "block", "authentication strength Phishing-resistant MFA (a TAP does not satisfy it)" */
  unmet?: string;
  /** Conditions and grant controls this evaluator cannot decide for the persona ("not evaluated: …"). */
  notEvaluated: string[];
}

export interface WhatIfResult {
  persona: string;
  /**
   * No enforced policy is known to block, and nothing left unevaluated could block. False when
   * `blockedBy` or `uncertain` is non-empty.
   */
  canRegister: boolean;
  /** Enforced, applying policies the persona certainly cannot satisfy. */
  blockedBy: WhatIfPolicyVerdict[];
  /** Every policy, in the order given. */
  verdicts: WhatIfPolicyVerdict[];
  /**
   * One line per enforced policy that would block depending on what was not evaluated (risk levels,
   * device filters, unknown strengths, ...). Empty when the answer is certain.
   */
  uncertain: string[];
}
