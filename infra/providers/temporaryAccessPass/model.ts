/**
 * The shape of the tenant-wide Temporary Access Pass policy as this project manages it:
 * Graph's own property names, server-only fields left out.
 */
import type { OnDestroy } from "../../../policies/settings";

/** Graph's key of the one TAP configuration every tenant has; also the Pulumi resource id. */
export const TAP_CONFIGURATION_ID = "TemporaryAccessPass";
/** Graph v1.0 path of the TAP configuration (GET, PATCH, DELETE = reset to Microsoft's defaults). */
export const TAP_CONFIGURATION_PATH =
  "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass";
/** Graph rejects a PATCH of the configuration without this type annotation. */
export const TAP_ODATA_TYPE = "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration";
/** The one application permission that can change (or reset) the configuration. */
export const TAP_WRITE_PERMISSION = "Policy.ReadWrite.AuthenticationMethod";
/** The include target id that means every user of the tenant (always of targetType `group`). */
export const ALL_USERS_TARGET_ID = "all_users";
/** What the Pulumi engine puts in place of a value that is not known yet (during preview). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const ON_DESTROY_MODES: readonly OnDestroy[] = ["restore", "reset", "retain"];
export const DEFAULT_ON_DESTROY: OnDestroy = "restore";

export type TapIncludeTarget = {
  id: string;
  /** `user` or `group` for inputs; kept as Graph sends it when read from the tenant. */
  targetType: string;
  isRegistrationRequired: boolean;
};

export type TapExcludeTarget = {
  id: string;
  targetType: string;
};

/** The managed properties, complete and normalized (defaults filled, targets sorted). */
export type TapConfiguration = {
  state: string;
  defaultLifetimeInMinutes: number;
  minimumLifetimeInMinutes: number;
  maximumLifetimeInMinutes: number;
  defaultLength: number;
  isUsableOnce: boolean;
  includeTargets: TapIncludeTarget[];
  excludeTargets: TapExcludeTarget[];
};

export type TapProperty = keyof TapConfiguration;

/** Every managed property, in the order diffs and bodies list them. */
export const TAP_PROPERTIES: readonly TapProperty[] = [
  "state",
  "defaultLifetimeInMinutes",
  "minimumLifetimeInMinutes",
  "maximumLifetimeInMinutes",
  "defaultLength",
  "isUsableOnce",
  "includeTargets",
  "excludeTargets",
];

/**
 * What Graph holds in a tenant that never configured the policy, and what a DELETE restores.
 * A managed property left out of the inputs means this value.
 */
export const MICROSOFT_DEFAULT_TAP_CONFIGURATION: TapConfiguration = {
  state: "disabled",
  defaultLifetimeInMinutes: 60,
  minimumLifetimeInMinutes: 60,
  maximumLifetimeInMinutes: 480,
  defaultLength: 8,
  isUsableOnce: false,
  includeTargets: [{ id: ALL_USERS_TARGET_ID, targetType: "group", isRegistrationRequired: false }],
  excludeTargets: [],
};

/** The resource's state: the configuration it applied, how to destroy it and what it found first. */
export type TapPolicyState = TapConfiguration & {
  onDestroy: OnDestroy;
  /** The configuration found in the tenant before the first apply; `restore` puts it back. */
  previous: TapConfiguration;
  /** The version of the provider code that wrote this state (absent in state written before versions). */
  providerVersion?: string;
};
