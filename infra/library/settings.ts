/** `passwordless-onboarding/settings`: the settings types, their defaults and the config reader. */
export * from "../../policies/settings";
export { parseSettings, validateSettings, SettingsError, CONFIG_NAMESPACE, SETTINGS_KEYS } from "../config";
