/** The stack config namespace and the structured keys it holds. */

export const CONFIG_NAMESPACE = "passwordless-onboarding";

/** The structured keys of the namespace, in the order they are reported. */
export const SETTINGS_KEYS = [
  "temporaryAccessPass",
  "registrationPolicy",
  "autopilot",
  "webSignIn",
  "guardrails",
] as const;

export type SettingsKey = (typeof SETTINGS_KEYS)[number];

export function isSettingsKey(key: string): key is SettingsKey {
  return (SETTINGS_KEYS as readonly string[]).includes(key);
}
