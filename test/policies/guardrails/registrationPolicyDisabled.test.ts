import { registrationPolicyDisabled } from "../../../policies/guardrails/registrationPolicyDisabled";
import { expectRule } from "./expectRule";

describe("PO-CA-003 registration policy disabled", () => {
  const rule = expectRule(registrationPolicyDisabled);

  it("accepts report-only and enforced policies", () => {
    rule
      .compliant({ registrationPolicy: { state: "enabledForReportingButNotEnforced" } })
      .compliant({ registrationPolicy: { state: "enabled" } });
  });

  it("warns when the policy is disabled", () => {
    rule.nonCompliant(
      { registrationPolicy: { state: "disabled" } },
      /^registrationPolicy\.state is "disabled": use/,
    );
  });
});
