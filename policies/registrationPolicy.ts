/**
 * The Conditional Access policy "require MFA to register security info", as the Graph v1.0
 * `conditionalAccessPolicy` document it stands for. Modelled on Microsoft's template "Securing
 * security info registration": everyone, minus guests, administrators and emergency-access
 * accounts, must satisfy MFA (a Temporary Access Pass counts) to register authentication methods,
 * unless they are on a trusted network. Pure data: no Pulumi, no I/O.
 */
import type { ConditionalAccessState, RegistrationPolicySettings } from "./settings";

/** The user action "Register security information". */
export const REGISTER_SECURITY_INFO_USER_ACTION = "urn:user:registersecurityinfo";
/** Special `excludeUsers` value: every guest and external user. */
export const GUESTS_OR_EXTERNAL_USERS = "GuestsOrExternalUsers";
/** Special location values: any location, and every location marked trusted. */
export const ALL_LOCATIONS = "All";
export const ALL_TRUSTED_LOCATIONS = "AllTrusted";

export interface ConditionalAccessGrantControls {
  operator: "AND" | "OR";
  builtInControls: string[];
  customAuthenticationFactors: string[];
  termsOfUse: string[];
  /** Written as `{ id }` only; Graph expands it on read. */
  authenticationStrength?: { id: string };
}

export interface ConditionalAccessPolicyDocument {
  displayName: string;
  state: ConditionalAccessState;
  conditions: {
    clientAppTypes: string[];
    applications: {
      includeApplications: string[];
      excludeApplications: string[];
      includeUserActions: string[];
    };
    users: {
      includeUsers: string[];
      excludeUsers: string[];
      includeGroups: string[];
      excludeGroups: string[];
      includeRoles: string[];
      excludeRoles: string[];
    };
    locations: {
      includeLocations: string[];
      excludeLocations: string[];
    };
  };
  grantControls: ConditionalAccessGrantControls;
}

function sortedUnique(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort();
}

function grantControls(authenticationStrengthPolicyId: string | undefined): ConditionalAccessGrantControls {
  if (authenticationStrengthPolicyId === undefined) {
    return { operator: "OR", builtInControls: ["mfa"], customAuthenticationFactors: [], termsOfUse: [] };
  }
  // An authentication strength replaces the plain MFA control; with a single control the
  // operator has no effect, and AND is what the portal and common tooling write.
  return {
    operator: "AND",
    builtInControls: [],
    customAuthenticationFactors: [],
    termsOfUse: [],
    authenticationStrength: { id: authenticationStrengthPolicyId },
  };
}

/** The policy document the stack asks for. Id lists are sorted so diffs are stable. */
export function desiredRegistrationPolicy(
  settings: RegistrationPolicySettings,
): ConditionalAccessPolicyDocument {
  const excludeUsers = [
    ...(settings.excludeGuests ? [GUESTS_OR_EXTERNAL_USERS] : []),
    ...sortedUnique(settings.breakGlassUserIds),
  ];
  return {
    displayName: settings.displayName,
    state: settings.state,
    conditions: {
      clientAppTypes: ["all"],
      applications: {
        // A user action takes the place of applications: the list must stay empty.
        includeApplications: [],
        excludeApplications: [],
        includeUserActions: [REGISTER_SECURITY_INFO_USER_ACTION],
      },
      users: {
        includeUsers: ["All"],
        excludeUsers,
        includeGroups: [],
        excludeGroups: sortedUnique(settings.excludeGroupIds),
        includeRoles: [],
        excludeRoles: sortedUnique(settings.excludeRoleTemplateIds),
      },
      locations: {
        includeLocations: [ALL_LOCATIONS],
        excludeLocations: settings.allowFromTrustedLocations ? [ALL_TRUSTED_LOCATIONS] : [],
      },
    },
    grantControls: grantControls(settings.authenticationStrengthPolicyId),
  };
}
