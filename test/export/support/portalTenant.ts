/**
 * Seeds a sandbox tenant the way an administrator sets it up by hand in the portals, with raw
 * Graph calls (the bodies the Entra and Intune admin centers send): a TAP policy change, groups, a
 * break-glass user, a Conditional Access policy from Microsoft's "Securing security info
 * registration" template that excludes that user and a group, and a Web sign-in profile assigned
 * to an Autopilot group. The seeding leaves the app's permissions as it found them: reading the
 * user back needs User.Read.All (or another user-read permission), as in a real tenant.
 */
import { strict as assert } from "node:assert";
import type { Sandbox } from "../../sandbox";
import { accessToken, graphCaller, type GraphCaller } from "../../sandbox/testClient";
import { GraphTenant } from "../../deployment/tenant";
import { registrationTemplatePolicy } from "../../fixtures/securityInfoRegistrationTemplate";

export const TAP_PATH =
  "/v1.0/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass";
export const CA_PATH = "/v1.0/identity/conditionalAccess/policies";
export const PROFILES_PATH = "/beta/deviceManagement/configurationPolicies";
export const ALL_AUTOPILOT_RULE = '(device.devicePhysicalIDs -any (_ -contains "[ZTDId]"))';
export const WEB_SIGN_IN = "device_vendor_msft_policy_config_authentication_enablewebsignin";

export const BREAK_GLASS_UPN = "breakglass1@contoso.example";

export interface PortalTenant {
  graph: GraphCaller;
  newHiresId: string;
  caExclusionsId: string;
  autopilotGroupId: string;
  /** The break-glass user the policy excludes. */
  breakGlassId: string;
  policyId: string;
  profileId: string;
}

export async function portalGraph(sandbox: Sandbox): Promise<GraphCaller> {
  return graphCaller(sandbox, await accessToken(sandbox));
}

export async function call(
  graph: GraphCaller,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const result = await graph(method, path, body);
  assert.ok(
    result.status >= 200 && result.status < 300,
    `${method} ${path}: ${result.status} ${JSON.stringify(result.body)}`,
  );
  return result.body;
}

export async function createGroup(
  graph: GraphCaller,
  displayName: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const body = (await call(graph, "POST", "/v1.0/groups", {
    displayName,
    mailEnabled: false,
    mailNickname: displayName.replace(/[^A-Za-z0-9]/g, "").slice(0, 20) || "group",
    securityEnabled: true,
    ...extra,
  })) as { id: string };
  return body.id;
}

export function createAutopilotGroup(
  graph: GraphCaller,
  displayName: string,
  rule: string = ALL_AUTOPILOT_RULE,
  description = "All Windows Autopilot devices; receives the Web sign-in profile. Managed by passwordless-onboarding.",
): Promise<string> {
  return createGroup(graph, displayName, {
    description,
    groupTypes: ["DynamicMembership"],
    membershipRule: rule,
    membershipRuleProcessingState: "On",
  });
}

export function choiceSetting(definitionId: string, value: string): Record<string, unknown> {
  return {
    "@odata.type": "#microsoft.graph.deviceManagementConfigurationSetting",
    settingInstance: {
      "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
      settingDefinitionId: definitionId,
      choiceSettingValue: { value, children: [] },
    },
  };
}

/** The settings-catalog profile as the Intune admin center POSTs it (settings inline). */
export async function createWebSignInProfile(
  graph: GraphCaller,
  name: string,
  extraSettings: Record<string, unknown>[] = [],
): Promise<string> {
  const body = (await call(graph, "POST", PROFILES_PATH, {
    name,
    description: "",
    platforms: "windows10",
    technologies: "mdm",
    roleScopeTagIds: ["0"],
    settings: [choiceSetting(WEB_SIGN_IN, `${WEB_SIGN_IN}_1`), ...extraSettings],
  })) as { id: string };
  return body.id;
}

export async function assignToGroups(
  graph: GraphCaller,
  profileId: string,
  groupIds: string[],
): Promise<void> {
  await call(graph, "POST", `${PROFILES_PATH}/${profileId}/assign`, {
    assignments: groupIds.map((groupId) => ({
      target: {
        "@odata.type": "#microsoft.graph.groupAssignmentTarget",
        groupId,
        deviceAndAppManagementAssignmentFilterId: null,
        deviceAndAppManagementAssignmentFilterType: "none",
      },
    })),
  });
}

/**
 * A user, created as the Entra admin center creates one (POST /v1.0/users). Creating users needs
 * User.ReadWrite.All, which the app is granted only for the call.
 */
export async function createUser(
  sandbox: Sandbox,
  userPrincipalName: string,
  displayName: string,
): Promise<string> {
  const granted = sandbox.permissions().includes("User.ReadWrite.All");
  sandbox.grant("User.ReadWrite.All");
  try {
    const user = await GraphTenant.fromEnvironment(sandbox.env()).createUser({
      userPrincipalName,
      displayName,
    });
    return String(user.id);
  } finally {
    if (!granted) sandbox.revoke("User.ReadWrite.All");
  }
}

/** The whole hand-made setup: TAP for "New hires", the registration policy, the profile on "Autopilot devices". */
export async function seedPortalTenant(sandbox: Sandbox): Promise<PortalTenant> {
  const graph = await portalGraph(sandbox);
  const newHiresId = await createGroup(graph, "New hires");
  const caExclusionsId = await createGroup(graph, "CA exclusions");
  const autopilotGroupId = await createAutopilotGroup(graph, "Autopilot devices");
  const breakGlassId = await createUser(sandbox, BREAK_GLASS_UPN, "Break glass 1");
  await call(graph, "PATCH", TAP_PATH, {
    "@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration",
    state: "enabled",
    defaultLifetimeInMinutes: 480,
    minimumLifetimeInMinutes: 60,
    maximumLifetimeInMinutes: 480,
    defaultLength: 8,
    isUsableOnce: false,
    includeTargets: [{ targetType: "group", id: newHiresId, isRegistrationRequired: false }],
    excludeTargets: [],
  });
  const policy = (await call(
    graph,
    "POST",
    CA_PATH,
    registrationTemplatePolicy({
      excludeUsers: ["GuestsOrExternalUsers", breakGlassId],
      excludeGroups: [caExclusionsId],
    }),
  )) as { id: string };
  const profileId = await createWebSignInProfile(graph, "Windows - Web sign-in for Autopilot");
  await assignToGroups(graph, profileId, [autopilotGroupId]);
  return {
    graph,
    newHiresId,
    caExclusionsId,
    autopilotGroupId,
    breakGlassId,
    policyId: policy.id,
    profileId,
  };
}
