/**
 * Every reference by name in the declared settings, with the full config key it sits at
 * (`passwordless-onboarding:registrationPolicy.breakGlassUserIds[1]`), in config order.
 */
import type {
  DeclaredOnboardingSettings,
  GroupRef,
  GroupReference,
  UserRef,
  UserReference,
} from "../../policies/settings";
import { CONFIG_NAMESPACE } from "../settings/keys";

export type ReferenceKind = "group" | "user";

export interface DeclaredReference {
  /** Full config key of the entry. */
  key: string;
  kind: ReferenceKind;
  /** The display name (group) or user principal name (user). */
  name: string;
}

export function isGroupReference(entry: GroupRef): entry is GroupReference {
  return typeof entry === "object" && entry !== null;
}

export function isUserReference(entry: UserRef): entry is UserReference {
  return typeof entry === "object" && entry !== null;
}

/** The full config key of a setting, e.g. `configKey("autopilot", "existingGroupId")`. */
export function configKey(section: keyof DeclaredOnboardingSettings, path: string): string {
  return `${CONFIG_NAMESPACE}:${section}.${path}`;
}

/** Every `{ displayName }` and `{ userPrincipalName }` of the settings. */
export function declaredReferences(settings: DeclaredOnboardingSettings): DeclaredReference[] {
  const found: DeclaredReference[] = [];
  const groups = (section: keyof DeclaredOnboardingSettings, property: string, list: readonly GroupRef[]) =>
    list.forEach((entry, index) => {
      if (isGroupReference(entry)) {
        found.push({
          key: configKey(section, `${property}[${index}]`),
          kind: "group",
          name: entry.displayName,
        });
      }
    });
  groups("temporaryAccessPass", "includeGroupIds", settings.temporaryAccessPass.includeGroupIds);
  groups("temporaryAccessPass", "excludeGroupIds", settings.temporaryAccessPass.excludeGroupIds);
  settings.registrationPolicy.breakGlassUserIds.forEach((entry, index) => {
    if (isUserReference(entry)) {
      found.push({
        key: configKey("registrationPolicy", `breakGlassUserIds[${index}]`),
        kind: "user",
        name: entry.userPrincipalName,
      });
    }
  });
  groups("registrationPolicy", "excludeGroupIds", settings.registrationPolicy.excludeGroupIds);
  const existing = settings.autopilot.existingGroupId;
  if (existing !== undefined && isGroupReference(existing)) {
    found.push({ key: configKey("autopilot", "existingGroupId"), kind: "group", name: existing.displayName });
  }
  return found;
}
