/** Builders for what-if tests: a Graph-shaped policy with a deep patch, and personas. */
import type {
  ConditionalAccessConditionSet,
  ConditionalAccessGrantControls,
  ConditionalAccessPolicyDocument,
  WhatIfPersona,
} from "../../../policies/whatIf";

export const USER_ID = "6a1b2c3d-4e5f-4607-8899-aabbccddeeff";
export const OTHER_USER_ID = "7b2c3d4e-5f60-4718-99aa-bbccddeeff00";
export const NEW_JOINERS_GROUP_ID = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";
export const BREAK_GLASS_USER_ID = "1f2e3d4c-5b6a-4798-8a1b-2c3d4e5f6a7b";
export const OFFICE_LOCATION_ID = "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d";
export const GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10";
export const PHISHING_RESISTANT = "00000000-0000-0000-0000-000000000004";

export interface PolicyPatch {
  id?: string;
  displayName?: string;
  state?: string;
  conditions?: { [K in keyof ConditionalAccessConditionSet]?: unknown } & Record<string, unknown>;
  grantControls?: Partial<ConditionalAccessGrantControls> | null;
}

/**
 * An enabled policy as Graph lists it: All users, the user action, any location, all client apps,
 * grant MFA. The patch replaces whole condition blocks (users, applications, ...).
 */
export function policy(patch: PolicyPatch = {}): ConditionalAccessPolicyDocument {
  const conditions = {
    clientAppTypes: ["all"],
    applications: {
      includeApplications: [],
      excludeApplications: [],
      includeUserActions: ["urn:user:registersecurityinfo"],
      includeAuthenticationContextClassReferences: [],
      applicationFilter: null,
    },
    users: users(),
    locations: null,
    platforms: null,
    signInRiskLevels: [],
    userRiskLevels: [],
    servicePrincipalRiskLevels: [],
    insiderRiskLevels: null,
    devices: null,
    clientApplications: null,
    authenticationFlows: null,
    ...patch.conditions,
  } as ConditionalAccessConditionSet;
  const grantControls =
    patch.grantControls === null
      ? null
      : {
          operator: "OR",
          builtInControls: ["mfa"],
          customAuthenticationFactors: [],
          termsOfUse: [],
          authenticationStrength: null,
          ...patch.grantControls,
        };
  return {
    id: patch.id ?? "11083471-5a50-43ad-90c0-23f1af0869e1",
    displayName: patch.displayName ?? "Test policy",
    state: patch.state ?? "enabled",
    conditions,
    grantControls,
  };
}

export function users(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    includeUsers: ["All"],
    excludeUsers: [],
    includeGroups: [],
    excludeGroups: [],
    includeRoles: [],
    excludeRoles: [],
    includeGuestsOrExternalUsers: null,
    excludeGuestsOrExternalUsers: null,
    ...patch,
  };
}

/** A member with a multi-use pass, untrusted location, browser on Windows. */
export function persona(patch: Partial<WhatIfPersona> = {}): WhatIfPersona {
  return {
    name: "test persona",
    userId: USER_ID,
    groupIds: [],
    roleTemplateIds: [],
    userType: "member",
    authMethods: ["temporaryAccessPass"],
    location: { trusted: false, namedLocationIds: [] },
    clientAppType: "browser",
    platform: "windows",
    ...patch,
  };
}
