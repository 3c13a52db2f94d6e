/**
 * What a PasswordlessOnboarding component is given to declare: validated settings, or the raw
 * config shape (the `passwordless-onboarding:*` keys' values, without the namespace), validated
 * here with the same messages as the stack config.
 */
import type { OnboardingSettings } from "../policies/settings";
import { SettingsError } from "./config";
import { declaredReferences } from "./references/declaredReferences";
import { validateSettings } from "./settings/validate";

export interface OnboardingSettingsSource {
  /** Validated settings whose groups and users are object ids (what `resolveReferences` returns). */
  settings?: OnboardingSettings;
  /** The raw config shape, e.g. `{ temporaryAccessPass: { isUsableOnce: false }, autopilot: {...} }`. */
  config?: Record<string, unknown>;
}

/** The settings to declare, or a SettingsError naming every problem (before anything is declared). */
export function componentSettings(name: string, source: OnboardingSettingsSource): OnboardingSettings {
  if ((source.settings === undefined) === (source.config === undefined)) {
    throw new SettingsError([
      `PasswordlessOnboarding ${JSON.stringify(name)}: expected exactly one of settings (validated) or config (the raw shape); found ${
        source.settings === undefined ? "neither" : "both"
      }`,
    ]);
  }
  if (source.settings !== undefined) return source.settings;
  const { settings, problems } = validateSettings(source.config ?? {});
  if (problems.length > 0) throw new SettingsError(problems);
  const references = declaredReferences(settings);
  if (references.length > 0) {
    throw new SettingsError(
      references.map(
        (reference) =>
          `${reference.key}: names a ${reference.kind} (${JSON.stringify(reference.name)}); a component given ` +
          "the raw config needs object ids. Resolve names first with resolveReferences (infra/references) and " +
          "pass the result as settings",
      ),
    );
  }
  return settings as OnboardingSettings;
}
