/**
 * The package's main entry (`import { PasswordlessOnboarding } from "passwordless-onboarding"`):
 * the component, its connection, and what a program needs to feed it. Importing it declares
 * nothing and reads no stack config; the repository's own program is infra/index.ts.
 */
export {
  PasswordlessOnboarding,
  PASSWORDLESS_ONBOARDING_TYPE,
  type PasswordlessOnboardingArgs,
} from "../onboarding";
export type { TenantConnection } from "../providers/connectionInput";
export {
  parseSettings,
  validateSettings,
  readSettings,
  SettingsError,
  CONFIG_NAMESPACE,
  SETTINGS_KEYS,
} from "../config";
export { resolveReferences, UnresolvedReferencesError } from "../references/resolveReferences";
export { azureadLookups } from "../references/azureadLookups";
export type * from "../../policies/settings";
