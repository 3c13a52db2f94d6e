/**
 * Reads the stack configuration (namespace `passwordless-onboarding`) into typed settings.
 * Every problem is collected and reported in one error before any resource is declared (and
 * before any lookup in the tenant); each message names the full key, what was expected and what
 * was found. How each structured key is read lives in `./settings/`, one file per key.
 *
 * The result is the declared settings: a group or user may still be a reference by name
 * (`{ displayName }`, `{ userPrincipalName }`); `resolveReferences` (./references) turns them into
 * object ids.
 */
import * as pulumi from "@pulumi/pulumi";
import type { DeclaredOnboardingSettings } from "../policies/settings";
import { problemListMessage } from "./problemList";
import { CONFIG_NAMESPACE, isSettingsKey, SETTINGS_KEYS } from "./settings/keys";
import { notAMappingMessage } from "./settings/readSection";
import { isSecretKey, redactIfSecret } from "./settings/secrets";
import { validateSettings } from "./settings/validate";

export { CONFIG_NAMESPACE, SETTINGS_KEYS } from "./settings/keys";
export { TAP_LENGTH_RANGE, TAP_LIFETIME_RANGE } from "./settings/temporaryAccessPass";
export { validateSettings } from "./settings/validate";

/**
 * Thrown when the stack configuration is invalid; `problems` holds one line per problem. A
 * `pulumi.RunError`: Pulumi shows its message without a stack trace.
 */
export class SettingsError extends pulumi.RunError {
  constructor(readonly problems: readonly string[]) {
    super(problemListMessage("Invalid stack configuration", problems));
    this.name = "SettingsError";
  }
}

/**
 * Turns the namespace's structured keys (plain objects; any may be missing) into settings, or
 * throws a SettingsError listing every problem.
 */
export function parseSettings(raw: Record<string, unknown>): DeclaredOnboardingSettings {
  const { settings, problems } = validateSettings(raw);
  if (problems.length > 0) {
    throw new SettingsError(problems);
  }
  return settings;
}

/** Reads and validates the current stack's `passwordless-onboarding:*` configuration. */
export function readSettings(): DeclaredOnboardingSettings {
  const config = new pulumi.Config(CONFIG_NAMESPACE);
  const raw: Record<string, unknown> = {};
  const problems: string[] = [];
  const prefix = `${CONFIG_NAMESPACE}:`;
  for (const fullKey of Object.keys(pulumi.runtime.allConfig())) {
    const key = fullKey.slice(prefix.length);
    if (fullKey.startsWith(prefix) && !isSettingsKey(key)) {
      raw[key] = null; // reported as an unknown key; its value does not matter
    }
  }
  for (const key of SETTINGS_KEYS) {
    if (config.get(key) === "") {
      // The CLI passes a key with nothing after it (YAML null) as "": readSection reports it as empty.
      raw[key] = "";
      continue;
    }
    try {
      const value = config.getObject<unknown>(key);
      if (value !== undefined) raw[key] = value;
    } catch {
      const found = isSecretKey(`${CONFIG_NAMESPACE}:${key}`)
        ? "a secret plain-text value (not shown)"
        : `the plain text ${JSON.stringify(config.get(key))}`;
      problems.push(notAMappingMessage(key, found));
    }
  }
  const validated = validateSettings(raw);
  const secretKeys = SETTINGS_KEYS.filter((key) => isSecretKey(`${CONFIG_NAMESPACE}:${key}`));
  const all = [...problems, ...validated.problems.map((problem) => redactIfSecret(problem, secretKeys))];
  if (all.length > 0) {
    throw new SettingsError(all);
  }
  return validated.settings;
}
