/**
 * Guardrails: rules that stop known-broken or unsafe tenant setups before any resource is
 * previewed. One rule per file; `guardrails.suppress` in stack config silences a rule with a
 * written reason.
 */
export { isHybridJoinProfile, type AutopilotDeploymentProfileFact, type GuardrailContext } from "./context";
export { evaluateGuardrails } from "./evaluate";
export { formatFindings, formatSuppressedFinding } from "./format";
export { ALL_RULES } from "./rules";
export type {
  Finding,
  GuardedObject,
  GuardrailReport,
  GuardrailRule,
  GuardrailSeverity,
  SuppressedFinding,
} from "./types";
