/** Maps the Autopilot settings onto the inputs of `azuread.Group` (a dynamic device group). */
import type * as azuread from "@pulumi/azuread";
import { autopilotMembershipRule } from "../../policies/autopilotGroup";
import type { AutopilotSettings } from "../../policies/settings";

export function autopilotGroupDescription(groupTag: string | undefined): string {
  const members =
    groupTag === undefined
      ? "All Windows Autopilot devices"
      : `Windows Autopilot devices with the group tag "${groupTag}"`;
  return `${members}; receives the Web sign-in profile. Managed by passwordless-onboarding.`;
}

export function autopilotGroupArgs(settings: AutopilotSettings): azuread.GroupArgs {
  return {
    displayName: settings.groupDisplayName,
    description: autopilotGroupDescription(settings.groupTag),
    securityEnabled: true,
    types: ["DynamicMembership"],
    dynamicMembership: { enabled: true, rule: autopilotMembershipRule(settings.groupTag) },
    preventDuplicateNames: true,
  };
}
