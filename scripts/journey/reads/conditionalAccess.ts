/**
 * The Conditional Access policies and authentication strengths the registration what-if evaluates
 * (the same two reads preflight makes; Policy.Read.All).
 */
import type { GraphClient } from "../../../infra/graph/types";
import type { AuthenticationStrength, ConditionalAccessPolicyDocument } from "../../../policies/whatIf/types";
import { attempt, type ReadOutcome } from "./outcome";

export interface ConditionalAccessFacts {
  policies: ConditionalAccessPolicyDocument[];
  strengths: AuthenticationStrength[];
}

export function readConditionalAccess(client: GraphClient): Promise<ReadOutcome<ConditionalAccessFacts>> {
  return attempt("the Conditional Access policies and authentication strengths", async () => {
    const [policies, strengths] = await Promise.all([
      client.list<ConditionalAccessPolicyDocument>("/identity/conditionalAccess/policies"),
      client.list<AuthenticationStrength>("/policies/authenticationStrengthPolicies"),
    ]);
    return { policies, strengths };
  });
}
