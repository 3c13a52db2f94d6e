/**
 * Maps the Graph-shaped registration policy document (policies/registrationPolicy.ts) onto the
 * inputs of `azuread.ConditionalAccessPolicy`, whose property names differ from Graph's.
 */
import type * as azuread from "@pulumi/azuread";
import type { ConditionalAccessPolicyDocument } from "../../policies/registrationPolicy";

/** The azuread provider takes an authentication strength as a path, not a bare id. */
export function authenticationStrengthPolicyPath(id: string): string {
  return `/policies/authenticationStrengthPolicies/${id}`;
}

/**
 * Empty lists are left out: the provider sends them to Graph as `[]` anyway, and it rejects
 * `includedApplications` next to `includedUserActions` even when empty.
 */
function nonEmpty(values: readonly string[]): string[] | undefined {
  return values.length > 0 ? [...values] : undefined;
}

export function conditionalAccessPolicyArgs(
  document: ConditionalAccessPolicyDocument,
): azuread.ConditionalAccessPolicyArgs {
  const { applications, users, locations, clientAppTypes } = document.conditions;
  const grant = document.grantControls;
  return {
    displayName: document.displayName,
    state: document.state,
    conditions: {
      clientAppTypes: [...clientAppTypes],
      applications: {
        includedApplications: nonEmpty(applications.includeApplications),
        excludedApplications: nonEmpty(applications.excludeApplications),
        includedUserActions: nonEmpty(applications.includeUserActions),
      },
      users: {
        includedUsers: nonEmpty(users.includeUsers),
        excludedUsers: nonEmpty(users.excludeUsers),
        includedGroups: nonEmpty(users.includeGroups),
        excludedGroups: nonEmpty(users.excludeGroups),
        includedRoles: nonEmpty(users.includeRoles),
        excludedRoles: nonEmpty(users.excludeRoles),
      },
      locations: {
        includedLocations: [...locations.includeLocations],
        excludedLocations: nonEmpty(locations.excludeLocations),
      },
    },
    grantControls: {
      operator: grant.operator,
      builtInControls: nonEmpty(grant.builtInControls),
      customAuthenticationFactors: nonEmpty(grant.customAuthenticationFactors),
      termsOfUses: nonEmpty(grant.termsOfUse),
      authenticationStrengthPolicyId:
        grant.authenticationStrength === undefined
          ? undefined
          : authenticationStrengthPolicyPath(grant.authenticationStrength.id),
    },
  };
}
