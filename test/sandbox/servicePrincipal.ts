/**
 * The client application's service principal: the directory object an app-only caller *is* in
 * the tenant. Its id is the `oid` claim of the sandbox's access tokens; the azuread provider binds
 * it as the owner of every group it creates (terraform-provider-azuread
 * internal/services/groups/group_resource.go:585-592 @38d1993a), so Graph lists it under the
 * group's `/owners`. Shaped like Graph v1.0's default servicePrincipal representation
 * (https://learn.microsoft.com/graph/api/resources/serviceprincipal), trimmed to the scalar and
 * collection members an app registration has by default.
 */
import type { JsonObject } from "./bodies";
import type { LoginIdentity } from "./login";
import { graphTimestamp } from "./state";

/** Display name of the sandbox's app registration (and so of its service principal). */
export const CLIENT_APP_DISPLAY_NAME = "passwordless-onboarding (sandbox)";

/**
 * Where the app is registered. In a one-tenant sandbox, the tenant itself and `AzureADMyOrg`; in a
 * multi-tenant one, the first tenant (its home) and `AzureADMultipleOrgs`, the audience of an app
 * consented in other tenants, whose service principal there names the home tenant as
 * `appOwnerOrganizationId` ("the tenant ID where the application is registered": Graph v1.0
 * servicePrincipal resource; `signInAudience` values: Graph v1.0 application resource).
 */
export interface AppRegistration {
  homeTenantId: string;
  signInAudience: "AzureADMyOrg" | "AzureADMultipleOrgs";
}

export function clientServicePrincipal(
  identity: LoginIdentity,
  created: Date,
  registration: AppRegistration = { homeTenantId: identity.tenantId, signInAudience: "AzureADMyOrg" },
): JsonObject {
  return {
    id: identity.servicePrincipalId,
    deletedDateTime: null,
    accountEnabled: true,
    alternativeNames: [],
    appDisplayName: CLIENT_APP_DISPLAY_NAME,
    appDescription: null,
    appId: identity.clientId,
    applicationTemplateId: null,
    appOwnerOrganizationId: registration.homeTenantId,
    appRoleAssignmentRequired: false,
    createdDateTime: graphTimestamp(created),
    description: null,
    disabledByMicrosoftStatus: null,
    displayName: CLIENT_APP_DISPLAY_NAME,
    homepage: null,
    loginUrl: null,
    logoutUrl: null,
    notes: null,
    notificationEmailAddresses: [],
    preferredSingleSignOnMode: null,
    preferredTokenSigningKeyThumbprint: null,
    replyUrls: [],
    servicePrincipalNames: [identity.clientId],
    servicePrincipalType: "Application",
    signInAudience: registration.signInAudience,
    tags: [],
    tokenEncryptionKeyId: null,
    appRoles: [],
    keyCredentials: [],
    oauth2PermissionScopes: [],
    passwordCredentials: [],
  };
}
