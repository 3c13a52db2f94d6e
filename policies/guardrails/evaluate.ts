import { managesRegistrationPolicy, managesWebSignIn } from "../managed";
import type { OnboardingSettings } from "../settings";
import type { GuardrailContext } from "./context";
import { ALL_RULES } from "./rules";
import type { Finding, GuardedObject, GuardrailReport, GuardrailRule, SuppressedFinding } from "./types";

/**
 * Runs every rule over the settings and sorts the findings: suppressed (with the written reason),
 * errors and warnings. Mistakes in `guardrails.suppress` itself become `problems`, which stop the
 * program like errors do: a typo in a rule id must not silently leave a finding unsuppressed or,
 * worse, look like a deliberate decision. `context`: tenant facts, when the caller has read them
 * (preflight, export); rules needing a fact that is absent report nothing. A rule about an object
 * the stack does not declare (`manage: false`) does not run.
 */
export function evaluateGuardrails(
  settings: OnboardingSettings,
  rules: readonly GuardrailRule[] = ALL_RULES,
  context: GuardrailContext = {},
): GuardrailReport {
  const problems: string[] = [];
  const reasons = readSuppressions(settings, rules, problems);
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];

  for (const rule of rules) {
    if (!judged(rule.object, settings)) continue;
    for (const detail of runCheck(rule, settings, context, problems)) {
      const finding: Finding = {
        ruleId: rule.id,
        severity: rule.severity,
        what: rule.what,
        why: rule.why,
        detail,
      };
      const reason = reasons.get(rule.id);
      if (reason !== undefined) suppressed.push({ finding, reason });
      else if (rule.severity === "error") errors.push(finding);
      else warnings.push(finding);
    }
  }
  return { errors, warnings, suppressed, problems };
}

/** A rule about an object the stack leaves alone (`manage: false`) has nothing to judge. */
function judged(object: GuardedObject, settings: OnboardingSettings): boolean {
  if (object === "registrationPolicy") return managesRegistrationPolicy(settings);
  if (object === "webSignIn") return managesWebSignIn(settings);
  return true;
}

/** Rule id -> reason, for the well-formed entries of `guardrails.suppress`. */
function readSuppressions(
  settings: OnboardingSettings,
  rules: readonly GuardrailRule[],
  problems: string[],
): Map<string, string> {
  const knownIds = rules.map((rule) => rule.id);
  // Config validation already requires an object of non-empty strings; stay safe if it is bypassed.
  const entries: [string, unknown][] = Object.entries(settings.guardrails?.suppress ?? {});
  const reasons = new Map<string, string>();
  for (const [id, reason] of entries) {
    const key = `guardrails.suppress.${id}`;
    if (!knownIds.includes(id)) {
      const sameIgnoringCase = knownIds.find((known) => known.toLowerCase() === id.toLowerCase());
      const hint = sameIgnoringCase === undefined ? "" : ` (did you mean "${sameIgnoringCase}"?)`;
      problems.push(
        `${key}: suppressing an unknown guardrail rule id${hint}; expected one of ${knownIds.join(", ")}`,
      );
    } else if (typeof reason !== "string" || reason.trim() === "") {
      problems.push(
        `${key}: expected a written reason for suppressing the rule, found ${describeValue(reason)}`,
      );
    } else {
      reasons.set(id, reason.trim());
    }
  }
  return reasons;
}

/** A rule that throws is a defect; report it against the rule instead of crashing the program. */
function runCheck(
  rule: GuardrailRule,
  settings: OnboardingSettings,
  context: GuardrailContext,
  problems: string[],
): string[] {
  try {
    return rule.check(settings, context);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    problems.push(`guardrail ${rule.id} could not check the settings: ${message}`);
    return [];
  }
}

function describeValue(value: unknown): string {
  if (typeof value === "string") return value === "" ? "an empty string" : "only whitespace";
  return value === null ? "null" : `a ${typeof value}`;
}
