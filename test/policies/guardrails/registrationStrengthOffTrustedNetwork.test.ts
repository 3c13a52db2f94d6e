import { registrationStrengthOffTrustedNetwork } from "../../../policies/guardrails/registrationStrengthOffTrustedNetwork";
import { BREAK_GLASS_USER_ID, expectRule } from "./expectRule";

const PHISHING_RESISTANT = "00000000-0000-0000-0000-000000000004";
const PASSWORDLESS = "00000000-0000-0000-0000-000000000003";
const MFA = "00000000-0000-0000-0000-000000000002";
const enforced = { state: "enabled" as const, breakGlassUserIds: [BREAK_GLASS_USER_ID] };

describe("PO-CA-005 registration strength a pass cannot meet off a trusted network", () => {
  const rule = expectRule(registrationStrengthOffTrustedNetwork);

  it("accepts the defaults, plain MFA and the built-in MFA strength (it allows both kinds of pass)", () => {
    rule.compliant();
    rule.compliant({ registrationPolicy: enforced });
    rule.compliant({ registrationPolicy: { ...enforced, authenticationStrengthPolicyId: MFA } });
  });

  it("leaves report-only and disabled policies, and no trusted locations (PO-CA-002's case), alone", () => {
    for (const state of ["enabledForReportingButNotEnforced", "disabled"] as const)
      rule.compliant({ registrationPolicy: { state, authenticationStrengthPolicyId: PHISHING_RESISTANT } });
    rule.compliant({
      registrationPolicy: {
        ...enforced,
        authenticationStrengthPolicyId: PHISHING_RESISTANT,
        allowFromTrustedLocations: false,
      },
    });
  });

  it("warns about Phishing-resistant MFA, given as an id or a path, with trusted locations allowed", () => {
    rule.nonCompliant(
      { registrationPolicy: { ...enforced, authenticationStrengthPolicyId: PHISHING_RESISTANT } },
      /^registrationPolicy\.authenticationStrengthPolicyId is the built-in "Phishing resistant MFA" strength \(00000000-0000-0000-0000-000000000004\), which no Temporary Access Pass satisfies, .*only joiners on a trusted network can register; use a custom strength that also allows temporaryAccessPassMultiUse, or require MFA$/,
    );
    rule.nonCompliant(
      {
        registrationPolicy: {
          ...enforced,
          authenticationStrengthPolicyId: `/policies/authenticationStrengthPolicies/${PASSWORDLESS}`,
        },
      },
      /^registrationPolicy\.authenticationStrengthPolicyId is the built-in "Passwordless MFA" strength/,
    );
  });

  it("says nothing about a custom strength (PO-CA-004 judges it with the tenant's strengths)", () => {
    rule.compliant({
      registrationPolicy: {
        ...enforced,
        authenticationStrengthPolicyId: "9a8b7c6d-5e4f-4321-8fed-cba987654321",
      },
    });
  });
});
