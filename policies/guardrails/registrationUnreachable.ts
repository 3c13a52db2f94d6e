import { normalizeStrengthId } from "../whatIf/strengths";
import { PASSWORDLESS_STRENGTH_ID, PHISHING_RESISTANT_STRENGTH_ID } from "./thresholds";
import type { GuardrailRule } from "./types";

/** Built-in strengths whose allowed combinations include neither kind of Temporary Access Pass. */
const STRENGTHS_WITHOUT_PASS: readonly { id: string; name: string }[] = [
  { id: PHISHING_RESISTANT_STRENGTH_ID, name: "Phishing-resistant MFA" },
  { id: PASSWORDLESS_STRENGTH_ID, name: "Passwordless MFA" },
];

/** PO-CA-002: an enforced registration policy that a new joiner has no way to satisfy. */
export const registrationUnreachable: GuardrailRule = {
  id: "PO-CA-002",
  severity: "error",
  object: "registrationPolicy",
  what: "New joiners have no way to satisfy the enforced security-info registration policy.",
  why:
    "A new joiner has no MFA method yet: only a Temporary Access Pass, or registering from a trusted " +
    "location, lets them register one. With neither, nobody new can ever set up passwordless sign-in.",
  check(settings) {
    const policy = settings.registrationPolicy;
    if (policy.state !== "enabled" || policy.allowFromTrustedLocations) return [];
    const details: string[] = [];
    if (settings.temporaryAccessPass.state === "disabled") {
      details.push(
        'temporaryAccessPass.state is "disabled" while registrationPolicy.allowFromTrustedLocations is ' +
          "false: enable the pass or allow registration from trusted locations",
      );
    }
    const strength = builtInStrengthWithoutPass(policy.authenticationStrengthPolicyId);
    if (strength !== undefined) {
      details.push(
        `registrationPolicy.authenticationStrengthPolicyId is the built-in ${strength.name} strength ` +
          `(${strength.id}), which a Temporary Access Pass never satisfies, while ` +
          "registrationPolicy.allowFromTrustedLocations is false: use a custom strength that also allows " +
          "the pass, or allow registration from trusted locations",
      );
    }
    return details;
  },
};

/** Accepts the bare id or the `/policies/authenticationStrengthPolicies/<id>` path form. */
function builtInStrengthWithoutPass(
  strengthId: string | undefined,
): { id: string; name: string } | undefined {
  if (strengthId === undefined) return undefined;
  const id = normalizeStrengthId(strengthId);
  return STRENGTHS_WITHOUT_PASS.find((strength) => strength.id === id);
}
