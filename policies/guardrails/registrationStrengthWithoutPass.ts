import {
  TAP_MULTI_USE,
  TAP_ONE_TIME,
  allowsMode,
  builtInStrength,
  normalizeStrengthId,
} from "../whatIf/strengths";
import type { GuardrailRule } from "./types";

/**
 * PO-CA-004: the registration policy requires a custom authentication strength that does not
 * accept the pass new joiners get. Needs the tenant's strengths (`context.authenticationStrengths`);
 * without them (as under `pulumi preview`) it reports nothing. Built-in strengths are PO-CA-002's.
 */
export const registrationStrengthWithoutPass: GuardrailRule = {
  id: "PO-CA-004",
  severity: "warning",
  object: "registrationPolicy",
  what: "The registration policy's custom authentication strength does not accept the Temporary Access Pass new joiners get.",
  why:
    "A new joiner's only method is the pass; a strength without the pass's combination " +
    "(temporaryAccessPassMultiUse for reusable passes, temporaryAccessPassOneTime for one-time ones) " +
    "blocks them from registering anything once the policy is enforced.",
  check(settings, context) {
    const policy = settings.registrationPolicy;
    const configuredId = policy.authenticationStrengthPolicyId;
    const strengths = context.authenticationStrengths;
    if (policy.state === "disabled" || configuredId === undefined || strengths === undefined) return [];
    if (builtInStrength(configuredId) !== undefined) return [];
    const id = normalizeStrengthId(configuredId);
    const strength = strengths.find((candidate) => normalizeStrengthId(candidate.id) === id);
    const key = "registrationPolicy.authenticationStrengthPolicyId";
    if (strength === undefined) {
      return [
        `${key} ${configuredId} is not among the tenant's authentication strengths ` +
          `(${strengths.map((candidate) => candidate.displayName).join(", ") || "none"}): ` +
          "check the id; whether it accepts a Temporary Access Pass cannot be judged",
      ];
    }
    const oneTime = allowsMode(strength, TAP_ONE_TIME);
    const multiUse = allowsMode(strength, TAP_MULTI_USE);
    const described =
      `${key} is the custom strength "${strength.displayName}" (${configuredId}), whose allowedCombinations ` +
      `(${strength.allowedCombinations.map((combination) => combination.trim()).join(", ")})`;
    const lockOut = `new joiners with only a pass cannot register security info once registrationPolicy.state is "enabled"`;
    if (!oneTime && !multiUse) {
      return [
        `${described} include neither ${TAP_ONE_TIME} nor ${TAP_MULTI_USE}: ${lockOut}; add ${TAP_MULTI_USE}`,
      ];
    }
    const isUsableOnce = settings.temporaryAccessPass.isUsableOnce;
    if (!isUsableOnce && !multiUse) {
      return [
        `${described} allows only ${TAP_ONE_TIME}, while temporaryAccessPass.isUsableOnce is false and onboarding ` +
          `issues multi-use passes: ${lockOut}; add ${TAP_MULTI_USE}`,
      ];
    }
    if (isUsableOnce && !oneTime) {
      return [
        `${described} allows only ${TAP_MULTI_USE}, while temporaryAccessPass.isUsableOnce is true and every pass ` +
          `is one-time: ${lockOut}; add ${TAP_ONE_TIME}`,
      ];
    }
    return [];
  },
};
