/**
 * The shape of a guardrail: a named, pure check over the validated stack settings that stops
 * (error) or flags (warning) a tenant setup known to be broken or unsafe, before any resource
 * is previewed. No Pulumi, no I/O.
 */
import type { OnboardingSettings } from "../settings";
import type { GuardrailContext } from "./context";

export type GuardrailSeverity = "error" | "warning";

/** The object a rule judges: the rule runs only when the stack declares it (policies/managed.ts). */
export type GuardedObject = "temporaryAccessPass" | "registrationPolicy" | "webSignIn";

export interface GuardrailRule {
  /** Stable id, `PO-<AREA>-<NNN>`; the key used to suppress the rule in stack config. */
  readonly id: string;
  /** An error stops the program; a warning is reported and the program continues. */
  readonly severity: GuardrailSeverity;
  readonly object: GuardedObject;
  /** One line: the condition the rule detects. */
  readonly what: string;
  /** One or two lines: what goes wrong in the tenant when the condition holds. */
  readonly why: string;
  /**
   * One detail per occurrence (naming the settings keys and values involved); empty when compliant.
   * `context` holds tenant facts when the caller read them; rules that need none ignore it.
   */
  check(settings: OnboardingSettings, context: GuardrailContext): string[];
}

/** One occurrence of a rule's condition in a stack's settings. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: GuardrailSeverity;
  readonly what: string;
  readonly why: string;
  readonly detail: string;
}

export interface SuppressedFinding {
  readonly finding: Finding;
  /** The reason written in `guardrails.suppress`. */
  readonly reason: string;
}

export interface GuardrailReport {
  /** Unsuppressed findings of error rules: the program must stop. */
  readonly errors: Finding[];
  /** Unsuppressed findings of warning rules: reported, the program continues. */
  readonly warnings: Finding[];
  /** Findings silenced by `guardrails.suppress`, with the written reason. */
  readonly suppressed: SuppressedFinding[];
  /** Mistakes in the guardrail configuration itself (unknown rule id, missing reason); each stops the program. */
  readonly problems: string[];
}
