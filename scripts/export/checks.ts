/**
 * Runs the written stack file through the program's own checks: the config reader
 * (`validateSettings`, infra/config.ts) on the YAML as written and read back, and the guardrails
 * (`evaluateGuardrails`) on the exported settings with object ids. Their findings are reported,
 * never thrown.
 */
import { parse } from "yaml";
import { evaluateGuardrails, type GuardrailReport } from "../../policies/guardrails";
import type { OnboardingSettings } from "../../policies/settings";
import { CONFIG_NAMESPACE, type SettingsKey } from "../../infra/settings/keys";

export interface ExportChecks {
  /** The config reader's problems with the written file (empty: it accepts it). */
  readerProblems: string[];
  guardrails: GuardrailReport;
  /** Guardrail rules not run because their section was not read. */
  skippedAreas: string[];
}

/** The `passwordless-onboarding:` keys of a stack file, without the namespace. */
export function namespaceValues(yamlText: string): Record<string, unknown> {
  const document = parse(yamlText) as { config?: Record<string, unknown> } | null;
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(document?.config ?? {})) {
    if (key.startsWith(`${CONFIG_NAMESPACE}:`)) raw[key.slice(CONFIG_NAMESPACE.length + 1)] = value;
  }
  return raw;
}

/** Rule-id prefix -> the section its rules judge. */
const RULE_AREAS: Record<string, SettingsKey> = {
  "PO-TAP-": "temporaryAccessPass",
  "PO-CA-": "registrationPolicy",
  "PO-WSI-": "autopilot",
};

export function checkExport(
  yamlText: string,
  settingsWithIds: OnboardingSettings,
  notRead: readonly SettingsKey[],
): ExportChecks {
  // Loaded here, not at the top: infra/config.ts loads @pulumi/pulumi, which `--help` does not need.
  const { validateSettings } = require("../../infra/config") as typeof import("../../infra/config");
  const { problems } = validateSettings(namespaceValues(yamlText));
  const report = evaluateGuardrails(settingsWithIds);
  const skipped = Object.entries(RULE_AREAS).filter(([, key]) => notRead.includes(key));
  const judged = (ruleId: string): boolean => !skipped.some(([prefix]) => ruleId.startsWith(prefix));
  return {
    readerProblems: problems,
    guardrails: {
      errors: report.errors.filter((finding) => judged(finding.ruleId)),
      warnings: report.warnings.filter((finding) => judged(finding.ruleId)),
      suppressed: report.suppressed,
      problems: report.problems,
    },
    skippedAreas: skipped.map(([prefix, key]) => `${prefix}* (${key} was not read)`),
  };
}
