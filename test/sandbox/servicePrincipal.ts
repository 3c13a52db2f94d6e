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

export function clientServicePrincipal(identity: LoginIdentity, created: Date): JsonObject {
  return {
    id: identity.servicePrincipalId,
    deletedDateTime: null,
    accountEnabled: true,
    alternativeNames: [],
    appDisplayName: CLIENT_APP_DISPLAY_NAME,
    appDescription: null,
    appId: identity.clientId,
    applicationTemplateId: null,
    appOwnerOrganizationId: identity.tenantId,
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
    signInAudience: "AzureADMyOrg",
    tags: [],
    tokenEncryptionKeyId: null,
    appRoles: [],
    keyCredentials: [],
    oauth2PermissionScopes: [],
    passwordCredentials: [],
  };
}
