/**
 * Runs the guardrails (policies/guardrails) between reading the stack settings and declaring
 * any resource: errors and guardrail-configuration problems stop the program with one message
 * listing them all; warnings and suppressed findings are reported through the Pulumi log.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  ALL_RULES,
  evaluateGuardrails,
  formatFindings,
  formatSuppressedFinding,
  type GuardrailReport,
  type GuardrailRule,
} from "../policies/guardrails";
import type { OnboardingSettings } from "../policies/settings";

/** The slice of `pulumi.log` the guardrails report through. */
export interface GuardrailLog {
  info(message: string): unknown;
  warn(message: string): unknown;
}

export interface EnforceGuardrailsOptions {
  /** Defaults to `pulumi.log`. */
  log?: GuardrailLog;
  /** Defaults to every rule. */
  rules?: readonly GuardrailRule[];
}

const SUPPRESS_HINT =
  "To accept a finding deliberately, add its rule id with a written reason to the stack config: " +
  'passwordless-onboarding:guardrails: { suppress: { "<rule id>": "<why this is acceptable here>" } }';

/** Returns the report when nothing blocks; throws a `pulumi.RunError` listing every blocking finding otherwise. */
export function enforceGuardrails(
  settings: OnboardingSettings,
  options: EnforceGuardrailsOptions = {},
): GuardrailReport {
  const log = options.log ?? pulumi.log;
  const report = evaluateGuardrails(settings, options.rules ?? ALL_RULES);

  for (const entry of report.suppressed) void log.info(`Guardrail ${formatSuppressedFinding(entry)}`);
  for (const finding of report.warnings) void log.warn(`Guardrail ${formatFindings([finding])}`);

  const blocking = report.problems.length + report.errors.length;
  if (blocking > 0) {
    const sections: string[] = [
      `Guardrails stopped the program before any resource was declared (${blocking} blocking finding${blocking === 1 ? "" : "s"}):`,
    ];
    if (report.problems.length > 0) {
      sections.push(report.problems.map((problem) => `guardrail configuration: ${problem}`).join("\n"));
    }
    if (report.errors.length > 0) sections.push(formatFindings(report.errors));
    sections.push(SUPPRESS_HINT);
    throw new pulumi.RunError(sections.join("\n"));
  }
  return report;
}
