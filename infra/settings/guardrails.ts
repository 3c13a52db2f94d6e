/** Reads `passwordless-onboarding:guardrails`: suppressed guardrail rules and why. */
import { DEFAULT_SETTINGS, type GuardrailSettings } from "../../policies/settings";
import type { SectionReader } from "./sectionReader";

export function readGuardrails(reader: SectionReader): GuardrailSettings {
  return { suppress: reader.reasons("suppress", DEFAULT_SETTINGS.guardrails.suppress) };
}
