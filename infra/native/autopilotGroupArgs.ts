/**
 * Maps the Autopilot settings onto the inputs of `azuread.Group` (a dynamic device group).
 *
 * `preventDuplicateNames` is false: the stack's DisplayNameGuard (infra/providers/displayNameGuard.ts)
 * refuses a taken name in preview, before any write, while the provider's own check runs only at
 * apply (after other resources may have written) and on every update, failing the stack's own group
 * when someone later creates another group of that name (azuread-provider-facts.md §2.2-2.4). An
 * imported group's state holds false (the provider does not read it from Graph, §2.1, §2.7), so true
 * would turn every adoption into an import followed by an update.
 */
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
    preventDuplicateNames: false,
  };
}
