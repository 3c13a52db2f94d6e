/** Reads `passwordless-onboarding:webSignIn`: the Intune profile that enables Web sign-in. */
import { DEFAULT_SETTINGS, type WebSignInSettings } from "../../policies/settings";
import { SETTINGS_CATALOG_NAME_MAX_LENGTH } from "../providers/nameLimits";
import type { SectionReader } from "./sectionReader";

export function readWebSignIn(reader: SectionReader): WebSignInSettings {
  const defaults = DEFAULT_SETTINGS.webSignIn;
  const manage = reader.boolean("manage", true);
  reader.refuseSettingsWhenUnmanaged(manage);
  return {
    manage,
    policyName: reader.string("policyName", defaults.policyName, {
      nonEmpty: true,
      maxLength: SETTINGS_CATALOG_NAME_MAX_LENGTH,
    }),
    description: reader.string("description", defaults.description, { nonEmpty: false }),
    enablePasswordlessExperience: reader.boolean(
      "enablePasswordlessExperience",
      defaults.enablePasswordlessExperience,
    ),
    adoptExisting: reader.boolean("adoptExisting", defaults.adoptExisting),
  };
}
