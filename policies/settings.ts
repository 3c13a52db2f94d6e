/**
 * The validated stack settings every other part of the project works from.
 * `infra/config.ts` reads the stack config into this shape; `policies/` turns it into desired
 * Graph documents; guardrails judge it. Pure types and defaults: no Pulumi, no I/O.
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

export interface RegistrationPolicySettings {
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
}

export interface AutopilotSettings {
  groupDisplayName: string;
  /** Limit the group to devices registered with this Autopilot group tag. */
  groupTag?: string;
  /** Use this existing group instead of creating one. */
  existingGroupId?: string;
}

export interface WebSignInSettings {
  policyName: string;
  description: string;
  enablePasswordlessExperience: boolean;
  /** Take over a profile that already has `policyName` instead of failing. */
  adoptExisting: boolean;
}

export interface GuardrailSettings {
  /** Rule id -> the written reason for suppressing it. */
  suppress: Record<string, string>;
}

export interface OnboardingSettings {
  temporaryAccessPass: TemporaryAccessPassSettings;
  registrationPolicy: RegistrationPolicySettings;
  autopilot: AutopilotSettings;
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
  },
  autopilot: {
    groupDisplayName: "Autopilot devices",
  },
  webSignIn: {
    policyName: "Windows - Enable Web Sign-in",
    description: "Lets Autopilot devices accept a Temporary Access Pass at the Windows sign-in screen.",
    enablePasswordlessExperience: false,
    adoptExisting: false,
  },
  guardrails: { suppress: {} },
};
