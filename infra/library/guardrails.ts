/** `passwordless-onboarding/guardrails`: the rules the component runs, to run them yourself or list them. */
export * from "../../policies/guardrails";
export { enforceGuardrails, type EnforceGuardrailsOptions, type GuardrailLog } from "../guardrails";
