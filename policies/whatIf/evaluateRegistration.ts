/**
 * The lock-out what-if for the user action "Register security information": which Conditional
 * Access policies apply to a persona, which are enforced, and whether the persona can satisfy all
 * of them. Every applying enabled policy must be satisfied; report-only policies are never
 * enforced for user actions. Whatever cannot be decided is reported, not guessed. Pure.
 */
import { matchApplications } from "./applications";
import { matchClientAppTypes } from "./clientApps";
import { evaluateGrant } from "./grantControls";
import { matchLocations } from "./locations";
import type { Outcome } from "./outcome";
import { matchPlatforms } from "./platforms";
import { unsupportedConditions } from "./unsupported";
import { matchUsers } from "./users";
import type {
  AuthenticationStrength,
  ConditionalAccessPolicyDocument,
  WhatIfPersona,
  WhatIfPolicyVerdict,
  WhatIfResult,
} from "./types";

export function evaluateRegistration(
  policies: readonly ConditionalAccessPolicyDocument[],
  persona: WhatIfPersona,
  strengths: readonly AuthenticationStrength[],
): WhatIfResult {
  const verdicts: WhatIfPolicyVerdict[] = [];
  const blockedBy: WhatIfPolicyVerdict[] = [];
  const uncertain: string[] = [];
  for (const policy of policies) {
    const { verdict, blocks, undecided } = evaluatePolicy(policy, persona, strengths);
    verdicts.push(verdict);
    if (blocks) blockedBy.push(verdict);
    else if (undecided) {
      uncertain.push(
        `"${verdict.displayName}" (${verdict.policyId}) may block ${persona.name}: ${verdict.notEvaluated.join("; ")}`,
      );
    }
  }
  return {
    persona: persona.name,
    canRegister: blockedBy.length === 0 && uncertain.length === 0,
    blockedBy,
    verdicts,
    uncertain,
  };
}

function evaluatePolicy(
  policy: ConditionalAccessPolicyDocument,
  persona: WhatIfPersona,
  strengths: readonly AuthenticationStrength[],
): { verdict: WhatIfPolicyVerdict; blocks: boolean; undecided: boolean } {
  const conditions = policy.conditions;
  const outcomes: Outcome[] = [
    matchUsers(conditions.users, persona),
    matchApplications(conditions.applications),
    matchLocations(conditions.locations, persona),
    matchClientAppTypes(conditions.clientAppTypes, persona),
    matchPlatforms(conditions.platforms, persona),
    ...unsupportedConditions(conditions),
  ];
  const grant = evaluateGrant(policy.grantControls, persona, strengths);
  const enforced = policy.state === "enabled";
  const applies = outcomes.every((outcome) => outcome.result !== false);
  const appliesForSure = applies && outcomes.every((outcome) => outcome.result === true);
  const conditionGaps = applies ? outcomes.filter((outcome) => outcome.result === undefined) : [];
  const grantGap = applies && grant.result === undefined ? [grant.unmet ?? grant.reason] : [];

  const verdict: WhatIfPolicyVerdict = {
    policyId: policy.id ?? policy.displayName,
    displayName: policy.displayName,
    state: policy.state,
    applies,
    reasons: [stateReason(policy.state), ...outcomes.map((outcome) => outcome.reason), grant.reason],
    enforced,
    satisfied: grant.result === true,
    notEvaluated: [...conditionGaps.map((outcome) => outcome.reason), ...grantGap],
  };
  if (grant.result !== true && grant.unmet !== undefined) verdict.unmet = grant.unmet;

  const couldBlock = enforced && applies && grant.result !== true;
  const blocks = couldBlock && appliesForSure && grant.result === false;
  return { verdict, blocks, undecided: couldBlock && !blocks };
}

function stateReason(state: string): string {
  switch (state) {
    case "enabled":
      return "state: enabled (enforced)";
    case "enabledForReportingButNotEnforced":
      return "state: report-only (never enforced for user actions)";
    case "disabled":
      return "state: disabled (not enforced)";
    default:
      return `state: ${state} (not enforced)`;
  }
}
