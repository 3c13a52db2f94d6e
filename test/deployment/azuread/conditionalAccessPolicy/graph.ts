/**
 * The Conditional Access policy's Graph side: the whole-object body of POST and PATCH
 * (`expandConditionalAccess*`, terraform-provider-azuread
 * internal/services/conditionalaccess/conditionalaccess.go:382-787 @38d1993a, marshalled by the
 * go-azure-sdk `stable` models: lists the provider always builds go out as `[]`, absent
 * `authenticationFlows`, `devices`, `locations`, `platforms`, `grantControls`, `sessionControls`
 * and guests-or-external-users as `null`, absent `clientApplications`, `insiderRiskLevels` and
 * `users` not at all), and the read's flatten (conditionalaccess.go:40-302: null lists → `[]`,
 * absent blocks → empty → `null` in Pulumi, Graph's order kept).
 */
import { UNKNOWN } from "../../nativeProvider";
import { errorDiag } from "../diagnostics";
import { AUTHENTICATION_STRENGTH_POLICY_ID, formatResourceId, parseResourceId } from "../resourceIds";
import { isObject, PropertyMap } from "../schema";

type Json = Record<string, unknown>;

/** `stable.IdentityConditionalAccessPolicyId.String()`. */
export function policyIdText(objectId: string): string {
  return `Identity Conditional Access Policy (Conditional Access Policy: "${objectId}")`;
}

function text(value: unknown): string {
  return typeof value === "string" && value !== UNKNOWN ? value : "";
}

/** `tf.ExpandStringSlicePtr`: always a list, `[]` when unset. */
function list(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function block(value: unknown): PropertyMap | undefined {
  return isObject(value) ? value : undefined;
}

function firstElement(value: unknown): PropertyMap | undefined {
  return Array.isArray(value) && isObject(value[0]) ? value[0] : undefined;
}

function expandFilter(filter: PropertyMap): Json {
  const result: Json = {};
  if (text(filter.mode) !== "") result.mode = text(filter.mode);
  if (filter.rule !== undefined && filter.rule !== null) result.rule = text(filter.rule);
  return result;
}

function expandGuests(value: unknown): Json | null {
  const guests = firstElement(value);
  if (!guests) return null;
  const result: Json = { externalTenants: null };
  const types = list(guests.guestOrExternalUserTypes);
  if (types.length > 0) result.guestOrExternalUserTypes = types.join(",");
  const tenants = firstElement(guests.externalTenants);
  if (tenants) {
    const kind = text(tenants.membershipKind);
    result.externalTenants =
      kind === "enumerated"
        ? {
            "@odata.type": "#microsoft.graph.conditionalAccessEnumeratedExternalTenants",
            members: list(tenants.members),
            membershipKind: kind,
          }
        : { membershipKind: kind };
  }
  return result;
}

function expandConditions(conditions: PropertyMap): Json {
  const result: Json = {};
  const applications = block(conditions.applications);
  result.applications = applications
    ? {
        excludeApplications: list(applications.excludedApplications),
        includeApplications: list(applications.includedApplications),
        includeUserActions: list(applications.includedUserActions),
      }
    : {};
  const transferMethods = list(conditions.authenticationFlowTransferMethods);
  result.authenticationFlows =
    transferMethods.length > 0 ? { transferMethods: transferMethods.join(",") } : null;
  result.clientAppTypes = list(conditions.clientAppTypes);
  const clientApplications = block(conditions.clientApplications);
  if (clientApplications) {
    const filter = block(clientApplications.filter);
    result.clientApplications = {
      excludeServicePrincipals: list(clientApplications.excludedServicePrincipals),
      includeServicePrincipals: list(clientApplications.includedServicePrincipals),
      servicePrincipalFilter: filter ? expandFilter(filter) : null,
    };
  }
  const devices = block(conditions.devices);
  if (devices) {
    const filter = block(devices.filter);
    result.devices = filter ? { deviceFilter: expandFilter(filter) } : {};
  } else result.devices = null;
  if (text(conditions.insiderRiskLevels) !== "")
    result.insiderRiskLevels = text(conditions.insiderRiskLevels);
  const locations = block(conditions.locations);
  result.locations = locations
    ? {
        excludeLocations: list(locations.excludedLocations),
        includeLocations: list(locations.includedLocations),
      }
    : null;
  const platforms = block(conditions.platforms);
  result.platforms = platforms
    ? {
        excludePlatforms: list(platforms.excludedPlatforms),
        includePlatforms: list(platforms.includedPlatforms),
      }
    : null;
  result.servicePrincipalRiskLevels = list(conditions.servicePrincipalRiskLevels);
  result.signInRiskLevels = list(conditions.signInRiskLevels);
  result.userRiskLevels = list(conditions.userRiskLevels);
  const users = block(conditions.users);
  if (users) {
    result.users = {
      excludeGroups: list(users.excludedGroups),
      excludeGuestsOrExternalUsers: expandGuests(users.excludedGuestsOrExternalUsers),
      excludeRoles: list(users.excludedRoles),
      excludeUsers: list(users.excludedUsers),
      includeGroups: list(users.includedGroups),
      includeGuestsOrExternalUsers: expandGuests(users.includedGuestsOrExternalUsers),
      includeRoles: list(users.includedRoles),
      includeUsers: list(users.includedUsers),
    };
  }
  return result;
}

function expandGrantControls(grant: PropertyMap): Json {
  const result: Json = {};
  const strengthPath = text(grant.authenticationStrengthPolicyId);
  if (strengthPath !== "") {
    let id: string;
    try {
      id = parseResourceId(AUTHENTICATION_STRENGTH_POLICY_ID, strengthPath);
    } catch (error) {
      throw errorDiag(error, "Parsing `grant_controls`", "grant_controls");
    }
    result.authenticationStrength = { "@odata.type": "#microsoft.graph.authenticationStrengthPolicy", id };
  }
  result.builtInControls = list(grant.builtInControls);
  result.customAuthenticationFactors = list(grant.customAuthenticationFactors);
  result.operator = text(grant.operator);
  result.termsOfUse = list(grant.termsOfUses);
  return result;
}

/** `expandConditionalAccessSessionControls` (conditionalaccess.go:641-720): null when nothing is effective. */
function expandSessionControls(session: PropertyMap): Json | null {
  const result: Json = {};
  const cloudAppSecurity = text(session.cloudAppSecurityPolicy);
  if (cloudAppSecurity !== "")
    result.cloudAppSecurity = {
      "@odata.type": "#microsoft.graph.cloudAppSecuritySessionControl",
      cloudAppSecurityType: cloudAppSecurity,
      isEnabled: true,
    };
  const persistentBrowserMode = text(session.persistentBrowserMode);
  if (persistentBrowserMode !== "")
    result.persistentBrowser = {
      "@odata.type": "#microsoft.graph.persistentBrowserSessionControl",
      isEnabled: true,
      mode: persistentBrowserMode,
    };
  const frequency: Json = {};
  const value = typeof session.signInFrequency === "number" ? session.signInFrequency : 0;
  if (value > 0) {
    frequency.isEnabled = true;
    frequency.type = text(session.signInFrequencyPeriod);
    frequency.value = value;
    frequency.authenticationType = "primaryAndSecondaryAuthentication";
    frequency.frequencyInterval = "timeBased";
  }
  const authenticationType = text(session.signInFrequencyAuthenticationType);
  if (authenticationType !== "") frequency.authenticationType = authenticationType;
  const interval = text(session.signInFrequencyInterval);
  if (interval !== "") {
    frequency.isEnabled = true;
    frequency.authenticationType =
      authenticationType !== "" ? authenticationType : "primaryAndSecondaryAuthentication";
    frequency.frequencyInterval = interval;
  }
  const everyTime = frequency.frequencyInterval === "everyTime";
  if (!everyTime)
    result.applicationEnforcedRestrictions = {
      "@odata.type": "#microsoft.graph.applicationEnforcedRestrictionsSessionControl",
      isEnabled: session.applicationEnforcedRestrictionsEnabled === true,
    };
  if (!everyTime) result.disableResilienceDefaults = session.disableResilienceDefaults === true;
  if (
    frequency.isEnabled === true ||
    (frequency.frequencyInterval !== undefined && frequency.frequencyInterval !== "timeBased") ||
    (frequency.authenticationType !== undefined &&
      frequency.authenticationType !== "primaryAndSecondaryAuthentication")
  ) {
    result.signInFrequency = {
      "@odata.type": "#microsoft.graph.signInFrequencySessionControl",
      ...frequency,
    };
  }
  const restrictions = result.applicationEnforcedRestrictions as Json | undefined;
  if (
    restrictions?.isEnabled !== true &&
    result.cloudAppSecurity === undefined &&
    result.disableResilienceDefaults !== true &&
    result.persistentBrowser === undefined &&
    result.signInFrequency === undefined
  )
    return null;
  return result;
}

/** The POST / PATCH body: the whole policy (conditional_access_policy_resource.go:612-636, 669-697). */
export function policyBody(planned: PropertyMap): Json {
  const conditions = block(planned.conditions);
  const grant = block(planned.grantControls);
  const session = block(planned.sessionControls);
  const body: Json = {
    "@odata.type": "#microsoft.graph.conditionalAccessPolicy",
    displayName: text(planned.displayName),
    grantControls: grant ? expandGrantControls(grant) : null,
    sessionControls: session ? expandSessionControls(session) : null,
    state: text(planned.state),
  };
  if (conditions) body.conditions = expandConditions(conditions);
  return body;
}

// Flatten (Graph → outputs) ------------------------------------------------------------------

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v) => String(v)) : [];
}

function flattenFilter(value: unknown): PropertyMap | null {
  return isObject(value) ? { mode: text(value.mode), rule: text(value.rule) } : null;
}

function flattenGuests(value: unknown): PropertyMap[] {
  if (!isObject(value)) return [];
  const tenants = value.externalTenants;
  return [
    {
      guestOrExternalUserTypes: text(value.guestOrExternalUserTypes)
        .split(",")
        .map((type) => type.trim()),
      externalTenants: isObject(tenants)
        ? [{ membershipKind: text(tenants.membershipKind), members: strings(tenants.members) }]
        : [],
    },
  ];
}

function flattenConditions(conditions: Json): PropertyMap {
  const applications = isObject(conditions.applications) ? conditions.applications : {};
  const clientApplications = conditions.clientApplications;
  const users = conditions.users;
  const devices = conditions.devices;
  const locations = conditions.locations;
  const platforms = conditions.platforms;
  const flows = conditions.authenticationFlows;
  return {
    applications: {
      excludedApplications: strings(applications.excludeApplications),
      includedApplications: strings(applications.includeApplications),
      includedUserActions: strings(applications.includeUserActions),
    },
    authenticationFlowTransferMethods:
      isObject(flows) && typeof flows.transferMethods === "string" ? flows.transferMethods.split(",") : [],
    clientAppTypes: strings(conditions.clientAppTypes),
    clientApplications: isObject(clientApplications)
      ? {
          excludedServicePrincipals: strings(clientApplications.excludeServicePrincipals),
          filter: flattenFilter(clientApplications.servicePrincipalFilter),
          includedServicePrincipals: strings(clientApplications.includeServicePrincipals),
        }
      : null,
    devices: isObject(devices) ? { filter: flattenFilter(devices.deviceFilter) } : null,
    insiderRiskLevels: typeof conditions.insiderRiskLevels === "string" ? conditions.insiderRiskLevels : "",
    locations: isObject(locations)
      ? {
          excludedLocations: strings(locations.excludeLocations),
          includedLocations: strings(locations.includeLocations),
        }
      : null,
    platforms: isObject(platforms)
      ? {
          excludedPlatforms: strings(platforms.excludePlatforms),
          includedPlatforms: strings(platforms.includePlatforms),
        }
      : null,
    servicePrincipalRiskLevels: strings(conditions.servicePrincipalRiskLevels),
    signInRiskLevels: strings(conditions.signInRiskLevels),
    userRiskLevels: strings(conditions.userRiskLevels),
    users: isObject(users)
      ? {
          excludedGroups: strings(users.excludeGroups),
          excludedGuestsOrExternalUsers: flattenGuests(users.excludeGuestsOrExternalUsers),
          excludedRoles: strings(users.excludeRoles),
          excludedUsers: strings(users.excludeUsers),
          includedGroups: strings(users.includeGroups),
          includedGuestsOrExternalUsers: flattenGuests(users.includeGuestsOrExternalUsers),
          includedRoles: strings(users.includeRoles),
          includedUsers: strings(users.includeUsers),
        }
      : null,
  };
}

function flattenGrantControls(grant: Json): PropertyMap {
  const strength = grant.authenticationStrength;
  return {
    authenticationStrengthPolicyId: isObject(strength)
      ? formatResourceId(AUTHENTICATION_STRENGTH_POLICY_ID, text(strength.id))
      : "",
    builtInControls: strings(grant.builtInControls),
    customAuthenticationFactors: strings(grant.customAuthenticationFactors),
    operator: text(grant.operator),
    termsOfUses: strings(grant.termsOfUse),
  };
}

function flattenSessionControls(session: Json): PropertyMap {
  const nested = (key: string): Json | undefined => (isObject(session[key]) ? session[key] : undefined);
  const frequency = nested("signInFrequency");
  let signInFrequency = 0;
  let period = "";
  if (
    frequency &&
    frequency.value !== null &&
    frequency.value !== undefined &&
    typeof frequency.type === "string"
  ) {
    signInFrequency = Number(frequency.value);
    period = frequency.type;
  }
  return {
    applicationEnforcedRestrictionsEnabled: nested("applicationEnforcedRestrictions")?.isEnabled === true,
    cloudAppSecurityPolicy: text(nested("cloudAppSecurity")?.cloudAppSecurityType),
    disableResilienceDefaults: session.disableResilienceDefaults === true,
    persistentBrowserMode: text(nested("persistentBrowser")?.mode),
    signInFrequency,
    signInFrequencyAuthenticationType: text(frequency?.authenticationType),
    signInFrequencyInterval: text(frequency?.frequencyInterval),
    signInFrequencyPeriod: period,
  };
}

/** `conditionalAccessPolicyResourceRead`'s `tf.Set` calls, with Pulumi names. */
export function flattenPolicy(policy: Json): PropertyMap {
  return {
    conditions: isObject(policy.conditions) ? flattenConditions(policy.conditions) : null,
    displayName: text(policy.displayName),
    grantControls: isObject(policy.grantControls) ? flattenGrantControls(policy.grantControls) : null,
    objectId: text(policy.id),
    sessionControls: isObject(policy.sessionControls) ? flattenSessionControls(policy.sessionControls) : null,
    state: text(policy.state),
  };
}
