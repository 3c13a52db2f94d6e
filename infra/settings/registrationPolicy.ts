/** Reads `passwordless-onboarding:registrationPolicy`: the "register security info" CA policy. */
import { DEFAULT_SETTINGS, type DeclaredRegistrationPolicySettings } from "../../policies/settings";
import { CONDITIONAL_ACCESS_DISPLAY_NAME_MAX_LENGTH } from "../providers/nameLimits";
import type { SectionReader } from "./sectionReader";

export function readRegistrationPolicy(reader: SectionReader): DeclaredRegistrationPolicySettings {
  const defaults = DEFAULT_SETTINGS.registrationPolicy;
  const manage = reader.boolean("manage", true);
  reader.refuseSettingsWhenUnmanaged(manage);
  const settings: DeclaredRegistrationPolicySettings = {
    manage,
    displayName: reader.string("displayName", defaults.displayName, {
      nonEmpty: true,
      maxLength: CONDITIONAL_ACCESS_DISPLAY_NAME_MAX_LENGTH,
    }),
    state: reader.oneOf("state", defaults.state, [
      "enabled",
      "disabled",
      "enabledForReportingButNotEnforced",
    ]),
    breakGlassUserIds: reader.userRefList("breakGlassUserIds", defaults.breakGlassUserIds, {
      noun: "user object id",
    }),
    excludeGroupIds: reader.groupRefList("excludeGroupIds", defaults.excludeGroupIds, {
      noun: "group object id",
    }),
    excludeGuests: reader.boolean("excludeGuests", defaults.excludeGuests),
    excludeRoleTemplateIds: reader.idList("excludeRoleTemplateIds", defaults.excludeRoleTemplateIds, {
      noun: "directory role template id",
    }),
    allowFromTrustedLocations: reader.boolean(
      "allowFromTrustedLocations",
      defaults.allowFromTrustedLocations,
    ),
    adoptExisting: reader.boolean("adoptExisting", defaults.adoptExisting === true),
  };
  const strength = reader.guid("authenticationStrengthPolicyId", "an authentication strength policy id");
  if (strength !== undefined) {
    settings.authenticationStrengthPolicyId = strength;
  }
  return settings;
}
