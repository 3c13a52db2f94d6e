/**
 * `azuread.ConditionalAccessPolicy` (TF `azuread_conditional_access_policy`) as the provider
 * declares it: terraform-provider-azuread
 * internal/services/conditionalaccess/conditional_access_policy_resource.go:25-458 and
 * conditionalaccess.go:17-38 @38d1993a; enum values from go-azure-sdk
 * microsoft-graph/common-types/stable `PossibleValuesFor*` (case-sensitive StringInSlice). Pulumi
 * names from @pulumi/azuread 6.9.1 types/input.d.ts (`terms_of_use` → `termsOfUses`).
 */
import type { ResourceTimeouts } from "../bridge";
import { AUTHENTICATION_STRENGTH_POLICY_ID, parseResourceId } from "../resourceIds";
import { Schema, stringInSlice, stringIsNotEmpty, Validator } from "../schema";

export const CONDITIONAL_ACCESS_POLICY_TYPE = "azuread:index/conditionalAccessPolicy:ConditionalAccessPolicy";

/** `Timeouts` (:34-39), in minutes. */
export const CONDITIONAL_ACCESS_POLICY_TIMEOUTS: ResourceTimeouts = {
  create: 5,
  read: 5,
  update: 15,
  delete: 5,
};
export const CONDITIONAL_ACCESS_POLICY_SCHEMA_VERSION = 1;

export const STATES = ["disabled", "enabled", "enabledForReportingButNotEnforced"];
const CLIENT_APP_TYPES = [
  "all",
  "browser",
  "easSupported",
  "exchangeActiveSync",
  "mobileAppsAndDesktopClients",
  "other",
];
const GRANT_CONTROLS = [
  "approvedApplication",
  "block",
  "compliantApplication",
  "compliantDevice",
  "domainJoinedDevice",
  "mfa",
  "passwordChange",
];
const RISK_LEVELS = ["hidden", "high", "low", "medium", "none"];
const PLATFORMS = ["all", "android", "iOS", "linux", "macOS", "windows", "windowsPhone"];
const INSIDER_RISK_LEVELS = ["elevated", "minor", "moderate"];
const GUEST_TYPES = [
  "b2bCollaborationGuest",
  "b2bCollaborationMember",
  "b2bDirectConnectUser",
  "internalGuest",
  "none",
  "otherExternalUser",
  "serviceProvider",
];
const MEMBERSHIP_KINDS = ["all", "enumerated"];
const FILTER_MODES = ["exclude", "include"];
export const SIGN_IN_FREQUENCY_AUTHENTICATION_TYPES = [
  "primaryAndSecondaryAuthentication",
  "secondaryAuthentication",
];
export const SIGN_IN_FREQUENCY_INTERVALS = ["everyTime", "timeBased"];

/** `stable.ValidatePolicyAuthenticationStrengthPolicyID`: the path form, not a bare id. */
const authenticationStrengthPolicyId: Validator = (value, _key, path) => {
  try {
    parseResourceId(AUTHENTICATION_STRENGTH_POLICY_ID, String(value));
    return [];
  } catch (error) {
    return [{ summary: error instanceof Error ? error.message : String(error), path }];
  }
};

/** `validation.IntAtLeast(min)`. */
function intAtLeast(min: number): Validator {
  return (value, key, path) =>
    typeof value === "number" && value < min
      ? [{ summary: `expected ${key} to be at least (${min}), got ${value}`, path }]
      : [];
}

const notEmpty = [stringIsNotEmpty];

const filter: Schema = {
  mode: { tf: "mode", kind: "string", required: true, validate: [stringInSlice(FILTER_MODES)] },
  rule: { tf: "rule", kind: "string", required: true, validate: notEmpty },
};

const USERS_AT_LEAST_ONE_OF = [
  "conditions.0.users.0.included_groups",
  "conditions.0.users.0.included_roles",
  "conditions.0.users.0.included_users",
  "conditions.0.users.0.included_guests_or_external_users",
];

const guestsOrExternalUsers: Schema = {
  guestOrExternalUserTypes: {
    tf: "guest_or_external_user_types",
    kind: "list",
    elem: "string",
    required: true,
    validateElem: [stringInSlice(GUEST_TYPES)],
  },
  externalTenants: {
    tf: "external_tenants",
    kind: "blockList",
    optional: true,
    fields: {
      membershipKind: {
        tf: "membership_kind",
        kind: "string",
        required: true,
        validate: [stringInSlice(MEMBERSHIP_KINDS)],
      },
      members: { tf: "members", kind: "list", elem: "string", optional: true, validateElem: notEmpty },
    },
  },
};

const APPLICATIONS_EXACTLY_ONE_OF = [
  "conditions.0.applications.0.included_applications",
  "conditions.0.applications.0.included_user_actions",
];
const GRANT_AT_LEAST_ONE_OF = [
  "grant_controls.0.built_in_controls",
  "grant_controls.0.authentication_strength_policy_id",
  "grant_controls.0.terms_of_use",
];
const CONTROLS_AT_LEAST_ONE_OF = ["grant_controls", "session_controls"];

export const CONDITIONAL_ACCESS_POLICY_SCHEMA: Schema = {
  displayName: { tf: "display_name", kind: "string", required: true, validate: notEmpty },
  state: { tf: "state", kind: "string", required: true, validate: [stringInSlice(STATES)] },
  conditions: {
    tf: "conditions",
    kind: "block",
    required: true,
    fields: {
      applications: {
        tf: "applications",
        kind: "block",
        required: true,
        fields: {
          includedApplications: {
            tf: "included_applications",
            kind: "list",
            elem: "string",
            optional: true,
            exactlyOneOf: APPLICATIONS_EXACTLY_ONE_OF,
            validateElem: notEmpty,
          },
          excludedApplications: {
            tf: "excluded_applications",
            kind: "list",
            elem: "string",
            optional: true,
            validateElem: notEmpty,
          },
          includedUserActions: {
            tf: "included_user_actions",
            kind: "list",
            elem: "string",
            optional: true,
            exactlyOneOf: APPLICATIONS_EXACTLY_ONE_OF,
            validateElem: notEmpty,
          },
        },
      },
      authenticationFlowTransferMethods: {
        tf: "authentication_flow_transfer_methods",
        kind: "set",
        elem: "string",
        optional: true,
        validateElem: [stringInSlice(["authenticationTransfer", "deviceCodeFlow"])],
      },
      clientApplications: {
        tf: "client_applications",
        kind: "block",
        optional: true,
        fields: {
          includedServicePrincipals: {
            tf: "included_service_principals",
            kind: "list",
            elem: "string",
            optional: true,
            validateElem: notEmpty,
          },
          excludedServicePrincipals: {
            tf: "excluded_service_principals",
            kind: "list",
            elem: "string",
            optional: true,
            validateElem: notEmpty,
          },
          filter: { tf: "filter", kind: "block", optional: true, fields: filter },
        },
      },
      users: {
        tf: "users",
        kind: "block",
        required: true,
        fields: {
          includedUsers: {
            tf: "included_users",
            kind: "list",
            elem: "string",
            optional: true,
            atLeastOneOf: USERS_AT_LEAST_ONE_OF,
            validateElem: notEmpty,
          },
          excludedUsers: {
            tf: "excluded_users",
            kind: "list",
            elem: "string",
            optional: true,
            validateElem: notEmpty,
          },
          includedGroups: {
            tf: "included_groups",
            kind: "list",
            elem: "string",
            optional: true,
            atLeastOneOf: USERS_AT_LEAST_ONE_OF,
            validateElem: notEmpty,
          },
          excludedGroups: {
            tf: "excluded_groups",
            kind: "list",
            elem: "string",
            optional: true,
            validateElem: notEmpty,
          },
          includedRoles: {
            tf: "included_roles",
            kind: "list",
            elem: "string",
            optional: true,
            atLeastOneOf: USERS_AT_LEAST_ONE_OF,
            validateElem: notEmpty,
          },
          excludedRoles: {
            tf: "excluded_roles",
            kind: "list",
            elem: "string",
            optional: true,
            validateElem: notEmpty,
          },
          includedGuestsOrExternalUsers: {
            tf: "included_guests_or_external_users",
            kind: "blockList",
            optional: true,
            atLeastOneOf: USERS_AT_LEAST_ONE_OF,
            fields: guestsOrExternalUsers,
          },
          excludedGuestsOrExternalUsers: {
            tf: "excluded_guests_or_external_users",
            kind: "blockList",
            optional: true,
            fields: guestsOrExternalUsers,
          },
        },
      },
      clientAppTypes: {
        tf: "client_app_types",
        kind: "list",
        elem: "string",
        required: true,
        validateElem: [stringInSlice(CLIENT_APP_TYPES)],
      },
      devices: {
        tf: "devices",
        kind: "block",
        optional: true,
        fields: { filter: { tf: "filter", kind: "block", optional: true, fields: filter } },
      },
      locations: {
        tf: "locations",
        kind: "block",
        optional: true,
        fields: {
          includedLocations: {
            tf: "included_locations",
            kind: "list",
            elem: "string",
            required: true,
            validateElem: notEmpty,
          },
          excludedLocations: {
            tf: "excluded_locations",
            kind: "list",
            elem: "string",
            optional: true,
            validateElem: notEmpty,
          },
        },
      },
      platforms: {
        tf: "platforms",
        kind: "block",
        optional: true,
        fields: {
          includedPlatforms: {
            tf: "included_platforms",
            kind: "list",
            elem: "string",
            required: true,
            validateElem: [stringInSlice(PLATFORMS)],
          },
          excludedPlatforms: {
            tf: "excluded_platforms",
            kind: "list",
            elem: "string",
            optional: true,
            validateElem: [stringInSlice(PLATFORMS)],
          },
        },
      },
      servicePrincipalRiskLevels: {
        tf: "service_principal_risk_levels",
        kind: "list",
        elem: "string",
        optional: true,
        validateElem: [stringInSlice(RISK_LEVELS)],
      },
      signInRiskLevels: {
        tf: "sign_in_risk_levels",
        kind: "list",
        elem: "string",
        optional: true,
        validateElem: [stringInSlice(RISK_LEVELS)],
      },
      userRiskLevels: {
        tf: "user_risk_levels",
        kind: "list",
        elem: "string",
        optional: true,
        validateElem: [stringInSlice(RISK_LEVELS)],
      },
      insiderRiskLevels: {
        tf: "insider_risk_levels",
        kind: "string",
        optional: true,
        computed: true,
        validate: [stringInSlice(INSIDER_RISK_LEVELS)],
      },
    },
  },
  grantControls: {
    tf: "grant_controls",
    kind: "block",
    optional: true,
    atLeastOneOf: CONTROLS_AT_LEAST_ONE_OF,
    fields: {
      operator: { tf: "operator", kind: "string", required: true, validate: [stringInSlice(["AND", "OR"])] },
      builtInControls: {
        tf: "built_in_controls",
        kind: "list",
        elem: "string",
        optional: true,
        atLeastOneOf: GRANT_AT_LEAST_ONE_OF,
        validateElem: [stringInSlice(GRANT_CONTROLS)],
      },
      authenticationStrengthPolicyId: {
        tf: "authentication_strength_policy_id",
        kind: "string",
        optional: true,
        atLeastOneOf: GRANT_AT_LEAST_ONE_OF,
        validate: [authenticationStrengthPolicyId],
      },
      customAuthenticationFactors: {
        tf: "custom_authentication_factors",
        kind: "list",
        elem: "string",
        optional: true,
        validateElem: notEmpty,
      },
      termsOfUses: {
        tf: "terms_of_use",
        kind: "list",
        elem: "string",
        optional: true,
        atLeastOneOf: GRANT_AT_LEAST_ONE_OF,
        validateElem: notEmpty,
      },
    },
  },
  sessionControls: {
    tf: "session_controls",
    kind: "block",
    optional: true,
    atLeastOneOf: CONTROLS_AT_LEAST_ONE_OF,
    fields: {
      applicationEnforcedRestrictionsEnabled: {
        tf: "application_enforced_restrictions_enabled",
        kind: "bool",
        optional: true,
      },
      cloudAppSecurityPolicy: {
        tf: "cloud_app_security_policy",
        kind: "string",
        optional: true,
        validate: [stringInSlice(["blockDownloads", "mcasConfigured", "monitorOnly"])],
      },
      disableResilienceDefaults: { tf: "disable_resilience_defaults", kind: "bool", optional: true },
      persistentBrowserMode: {
        tf: "persistent_browser_mode",
        kind: "string",
        optional: true,
        validate: [stringInSlice(["always", "never"])],
      },
      signInFrequency: {
        tf: "sign_in_frequency",
        kind: "int",
        optional: true,
        requiredWith: ["session_controls.0.sign_in_frequency_period"],
        validate: [intAtLeast(0)],
      },
      signInFrequencyAuthenticationType: {
        tf: "sign_in_frequency_authentication_type",
        kind: "string",
        optional: true,
        computed: true,
        validate: [stringInSlice(SIGN_IN_FREQUENCY_AUTHENTICATION_TYPES)],
      },
      signInFrequencyInterval: {
        tf: "sign_in_frequency_interval",
        kind: "string",
        optional: true,
        computed: true,
        validate: [stringInSlice(SIGN_IN_FREQUENCY_INTERVALS)],
      },
      signInFrequencyPeriod: {
        tf: "sign_in_frequency_period",
        kind: "string",
        optional: true,
        requiredWith: ["session_controls.0.sign_in_frequency"],
        validate: [stringInSlice(["days", "hours"])],
      },
    },
  },
  objectId: { tf: "object_id", kind: "string", computed: true },
};
