import { TAP_MULTI_USE, TAP_ONE_TIME, allowsMode, builtInStrength } from "../whatIf/strengths";
import type { GuardrailRule } from "./types";

/**
 * PO-CA-005: the enforced registration policy requires a built-in strength no Temporary Access Pass
 * satisfies, and only a trusted network lets anyone around it. PO-CA-002 stops this setup when
 * trusted locations are not allowed; with them allowed, a joiner on site can still register, but one
 * setting up an Autopilot device at home (the point of Autopilot) cannot. The pass satisfies the
 * built-in MFA strength only, not Passwordless or Phishing-resistant MFA:
 * https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-security-info-registration.
 */
export const registrationStrengthOffTrustedNetwork: GuardrailRule = {
  id: "PO-CA-005",
  severity: "warning",
  object: "registrationPolicy",
  what: "Off a trusted network, new joiners cannot satisfy the registration policy's authentication strength.",
  why:
    "A new joiner's only method is the pass, which the built-in Passwordless and Phishing-resistant MFA strengths " +
    "never accept: one setting up an Autopilot device away from a trusted network cannot register Windows Hello " +
    "or any other method, and is stranded when the pass expires.",
  check(settings) {
    const policy = settings.registrationPolicy;
    const configuredId = policy.authenticationStrengthPolicyId;
    if (policy.state !== "enabled" || !policy.allowFromTrustedLocations || configuredId === undefined)
      return [];
    const strength = builtInStrength(configuredId);
    if (strength === undefined || allowsMode(strength, TAP_ONE_TIME) || allowsMode(strength, TAP_MULTI_USE))
      return [];
    return [
      `registrationPolicy.authenticationStrengthPolicyId is the built-in "${strength.displayName}" strength ` +
        `(${strength.id}), which no Temporary Access Pass satisfies, and registrationPolicy.allowFromTrustedLocations ` +
        "is true: only joiners on a trusted network can register; use a custom strength that also allows " +
        `${TAP_MULTI_USE}, or require MFA`,
    ];
  },
};
