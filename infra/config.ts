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
import { readAutopilot } from "./settings/autopilot";
import { readGuardrails } from "./settings/guardrails";
import { CONFIG_NAMESPACE, isSettingsKey, SETTINGS_KEYS } from "./settings/keys";
import { notAMappingMessage, readSection } from "./settings/readSection";
import { readRegistrationPolicy } from "./settings/registrationPolicy";
import { isSecretKey, redactIfSecret } from "./settings/secrets";
import { unknownKeyMessage } from "./settings/suggestions";
import { readTemporaryAccessPass } from "./settings/temporaryAccessPass";
import { readWebSignIn } from "./settings/webSignIn";

export { CONFIG_NAMESPACE, SETTINGS_KEYS } from "./settings/keys";
export { TAP_LENGTH_RANGE, TAP_LIFETIME_RANGE } from "./settings/temporaryAccessPass";

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

/** Validates without throwing: the declared settings (defaults where a value was wrong) and every problem. */
export function validateSettings(raw: Record<string, unknown>): {
  settings: DeclaredOnboardingSettings;
  problems: string[];
} {
  const problems: string[] = [];
  for (const key of Object.keys(raw)) {
    if (!isSettingsKey(key)) {
      problems.push(unknownKeyMessage(`${CONFIG_NAMESPACE}:${key}`, key, SETTINGS_KEYS));
    }
  }
  const settings: DeclaredOnboardingSettings = {
    temporaryAccessPass: readSection(raw, "temporaryAccessPass", problems, readTemporaryAccessPass),
    registrationPolicy: readSection(raw, "registrationPolicy", problems, readRegistrationPolicy),
    autopilot: readSection(raw, "autopilot", problems, readAutopilot),
    webSignIn: readSection(raw, "webSignIn", problems, readWebSignIn),
    guardrails: readSection(raw, "guardrails", problems, readGuardrails),
  };
  return { settings, problems };
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
