/**
 * Validates the namespace's structured keys without Pulumi: used by the program (infra/config.ts),
 * by the commands that read a stack file (preflight, export) and by the bootstrap project, which
 * must not load this project's copy of @pulumi/pulumi.
 */
import type { DeclaredOnboardingSettings } from "../../policies/settings";
import { readAutopilot } from "./autopilot";
import { isRecord } from "./foundValue";
import { readGuardrails } from "./guardrails";
import { CONFIG_NAMESPACE, isSettingsKey, SETTINGS_KEYS } from "./keys";
import { readSection } from "./readSection";
import { readRegistrationPolicy } from "./registrationPolicy";
import { unknownKeyMessage } from "./suggestions";
import { readTemporaryAccessPass } from "./temporaryAccessPass";
import { readWebSignIn } from "./webSignIn";

const AUTOPILOT_UNUSED =
  "is not used when webSignIn.manage is false (the Autopilot group exists only for the Web sign-in profile's assignment, which this stack does not declare); remove it, or set webSignIn.manage to true";

/** `webSignIn.manage` as given (true unless exactly false: a wrong value is the webSignIn reader's problem). */
function webSignInManaged(raw: Record<string, unknown>): boolean {
  const section = raw.webSignIn;
  return !(isRecord(section) && section.manage === false);
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
    autopilot: readSection(raw, "autopilot", problems, (reader) => {
      if (!webSignInManaged(raw)) reader.refuseAll(AUTOPILOT_UNUSED);
      return readAutopilot(reader);
    }),
    webSignIn: readSection(raw, "webSignIn", problems, readWebSignIn),
    guardrails: readSection(raw, "guardrails", problems, readGuardrails),
  };
  return { settings, problems };
}
