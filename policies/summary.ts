/**
 * A one-line, human summary of what a stack declares, exported as the stack output `summary` so a
 * reviewer sees the shape of the tenant setup at a glance. Pure: no Pulumi, no I/O.
 */
import { managesRegistrationPolicy, managesWebSignIn } from "./managed";
import { ALL_USERS, type OnboardingSettings } from "./settings";

const CA_STATE_WORDS = {
  enabled: "enforced",
  disabled: "disabled",
  enabledForReportingButNotEnforced: "report-only",
} as const;

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function describeTemporaryAccessPass(settings: OnboardingSettings["temporaryAccessPass"]): string {
  if (settings.state === "disabled") return "TAP disabled";
  const audience = settings.includeGroupIds.includes(ALL_USERS)
    ? "all users"
    : count(settings.includeGroupIds.length, "group");
  const excluded =
    settings.excludeGroupIds.length > 0
      ? ` (${count(settings.excludeGroupIds.length, "group")} excluded)`
      : "";
  const oneTime = settings.isUsableOnce ? "on" : "off";
  return (
    `TAP enabled for ${audience}${excluded}, one-time use ${oneTime}, ` +
    `${settings.minimumLifetimeInMinutes}-${settings.maximumLifetimeInMinutes} min (default ${settings.defaultLifetimeInMinutes})`
  );
}

function describeRegistrationPolicy(settings: OnboardingSettings["registrationPolicy"]): string {
  const grant = settings.authenticationStrengthPolicyId !== undefined ? "authentication strength" : "MFA";
  const breakGlass = count(settings.breakGlassUserIds.length, "break-glass account");
  return `CA ${CA_STATE_WORDS[settings.state]} (${grant}, ${breakGlass} excluded)`;
}

function describeAutopilotGroup(settings: OnboardingSettings["autopilot"]): string {
  if (settings.existingGroupId !== undefined) return `existing group ${settings.existingGroupId}`;
  const tag = settings.groupTag !== undefined ? `, group tag ${settings.groupTag}` : "";
  return `group ${settings.groupDisplayName}${tag}`;
}

export function describeOnboarding(settings: OnboardingSettings): string {
  return [
    describeTemporaryAccessPass(settings.temporaryAccessPass),
    managesRegistrationPolicy(settings)
      ? describeRegistrationPolicy(settings.registrationPolicy)
      : "CA not managed here",
    managesWebSignIn(settings)
      ? `Web sign-in -> ${describeAutopilotGroup(settings.autopilot)}`
      : "Web sign-in not managed here",
  ].join("; ");
}
