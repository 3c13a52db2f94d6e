/**
 * The validated stack settings every other part of the project works from.
 * `infra/config.ts` reads the stack config into `DeclaredOnboardingSettings` (groups and users by
 * object id or by name); `infra/references` resolves the names into `OnboardingSettings` (object
 * ids only), which `policies/` turns into desired Graph documents and guardrails judge. Pure types
 * and defaults: no Pulumi, no I/O.
 */

export type TemporaryAccessPassState = "enabled" | "disabled";
/** What `pulumi destroy` does to the tenant-wide TAP policy, which can never be deleted. */
export type OnDestroy = "restore" | "reset" | "retain";
export type ConditionalAccessState = "enabled" | "disabled" | "enabledForReportingButNotEnforced";

/** The special include target that means "every user in the tenant". */
export const ALL_USERS = "all_users";
/** Directory role template id of Global Administrator. */
export const GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID = "62e90394-69f5-4237-9190-012177145e10";

export interface TemporaryAccessPassSettings {
  state: TemporaryAccessPassState;
  defaultLifetimeInMinutes: number;
  minimumLifetimeInMinutes: number;
  maximumLifetimeInMinutes: number;
  defaultLength: number;
  isUsableOnce: boolean;
  /** Group object ids, or `all_users`. */
  includeGroupIds: string[];
  excludeGroupIds: string[];
  onDestroy: OnDestroy;
}

/**
 * Whether this stack declares an object at all. `false` leaves the tenant's own object (or its
 * absence) alone, e.g. a stack that manages only the TAP policy. Absent means true; the config
 * reader always sets it.
 */
export interface ManageSetting {
  manage?: boolean;
}

export interface RegistrationPolicySettings extends ManageSetting {
  displayName: string;
  state: ConditionalAccessState;
  /** Emergency-access accounts that must never be locked out of registering security info. */
  breakGlassUserIds: string[];
  excludeGroupIds: string[];
  excludeGuests: boolean;
  excludeRoleTemplateIds: string[];
  /** Let people register from trusted named locations without MFA (excludes `AllTrusted`). */
  allowFromTrustedLocations: boolean;
  /** An authentication strength policy id; when set it replaces the plain MFA grant. */
  authenticationStrengthPolicyId?: string;
  /** See AdoptionSetting; the config reader always sets it, absent means false. */
  adoptExisting?: boolean;
}

export interface AutopilotSettings {
  groupDisplayName: string;
  /** Limit the group to devices registered with this Autopilot group tag. */
  groupTag?: string;
  /** Use this existing group instead of creating one. */
  existingGroupId?: string;
  /** See AdoptionSetting; the config reader always sets it, absent means false. */
  adoptExisting?: boolean;
}

/** `manage: false` also leaves out the Autopilot group and the assignment, which exist only for the profile. */
export interface WebSignInSettings extends ManageSetting {
  policyName: string;
  description: string;
  enablePasswordlessExperience: boolean;
  /** Take over a profile that already has `policyName` instead of failing. */
  adoptExisting: boolean;
}

/**
 * Take over the object that already has the configured display name (imported into the stack)
 * instead of refusing to create a second one. Off by default: adoption is always a choice.
 * Required in the declared settings; optional in the resolved ones so that code building settings
 * from a tenant (the export) need not say it.
 */
export interface AdoptionSetting {
  adoptExisting: boolean;
}

export interface GuardrailSettings {
  /** Rule id -> the written reason for suppressing it. */
  suppress: Record<string, string>;
}

/** The resolved settings: every group and user is an object id. */
export interface OnboardingSettings {
  temporaryAccessPass: TemporaryAccessPassSettings;
  registrationPolicy: RegistrationPolicySettings;
  autopilot: AutopilotSettings;
  webSignIn: WebSignInSettings;
  guardrails: GuardrailSettings;
}

// ---------------------------------------------------------------------------------------------
// The settings as declared in the stack config: a group or user may be named instead of given by
// object id, so the same config can be applied to another tenant. infra/references resolves the
// names (in the tenant, at preview time) into OnboardingSettings above.

/** A group named by its exact display name. */
export interface GroupReference {
  displayName: string;
}

/** A user named by their user principal name. */
export interface UserReference {
  userPrincipalName: string;
}

/** A group object id (GUID; `all_users` where a list allows it), or a group named by display name. */
export type GroupRef = string | GroupReference;
/** A user object id (GUID), or a user named by user principal name. */
export type UserRef = string | UserReference;

export interface DeclaredTemporaryAccessPassSettings extends Omit<
  TemporaryAccessPassSettings,
  "includeGroupIds" | "excludeGroupIds"
> {
  includeGroupIds: GroupRef[];
  excludeGroupIds: GroupRef[];
}

export interface DeclaredRegistrationPolicySettings
  extends
    Omit<RegistrationPolicySettings, "breakGlassUserIds" | "excludeGroupIds" | "adoptExisting">,
    AdoptionSetting {
  breakGlassUserIds: UserRef[];
  excludeGroupIds: GroupRef[];
}

export interface DeclaredAutopilotSettings
  extends Omit<AutopilotSettings, "existingGroupId" | "adoptExisting">, AdoptionSetting {
  existingGroupId?: GroupRef;
}

/** The settings as the stack config declares them (references by name not yet resolved). */
export interface DeclaredOnboardingSettings {
  temporaryAccessPass: DeclaredTemporaryAccessPassSettings;
  registrationPolicy: DeclaredRegistrationPolicySettings;
  autopilot: DeclaredAutopilotSettings;
  webSignIn: WebSignInSettings;
  guardrails: GuardrailSettings;
}

/** What a missing optional key means. Documented in Pulumi.yaml and the README. */
export const DEFAULT_SETTINGS: OnboardingSettings = {
  temporaryAccessPass: {
    state: "enabled",
    defaultLifetimeInMinutes: 60,
    minimumLifetimeInMinutes: 60,
    maximumLifetimeInMinutes: 480,
    defaultLength: 8,
    isUsableOnce: false,
    includeGroupIds: [ALL_USERS],
    excludeGroupIds: [],
    onDestroy: "restore",
  },
  registrationPolicy: {
    displayName: "Require MFA to register security info",
    state: "enabledForReportingButNotEnforced",
    breakGlassUserIds: [],
    excludeGroupIds: [],
    excludeGuests: true,
    excludeRoleTemplateIds: [GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID],
    allowFromTrustedLocations: true,
    adoptExisting: false,
    manage: true,
  },
  autopilot: {
    groupDisplayName: "Autopilot devices",
    adoptExisting: false,
  },
  webSignIn: {
    policyName: "Windows - Enable Web Sign-in",
    description: "Lets Autopilot devices accept a Temporary Access Pass at the Windows sign-in screen.",
    enablePasswordlessExperience: false,
    adoptExisting: false,
    manage: true,
  },
  guardrails: { suppress: {} },
};
