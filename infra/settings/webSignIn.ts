/** Reads `passwordless-onboarding:webSignIn`: the Intune profile that enables Web sign-in. */
import { DEFAULT_SETTINGS, type WebSignInSettings } from "../../policies/settings";
import type { SectionReader } from "./sectionReader";

export function readWebSignIn(reader: SectionReader): WebSignInSettings {
  const defaults = DEFAULT_SETTINGS.webSignIn;
  return {
    policyName: reader.string("policyName", defaults.policyName, { nonEmpty: true }),
    description: reader.string("description", defaults.description, { nonEmpty: false }),
    enablePasswordlessExperience: reader.boolean(
      "enablePasswordlessExperience",
      defaults.enablePasswordlessExperience,
    ),
    adoptExisting: reader.boolean("adoptExisting", defaults.adoptExisting),
  };
}
