import { tapDisabled } from "../../../policies/guardrails/tapDisabled";
import { expectRule } from "./expectRule";

describe("PO-TAP-005 TAP disabled", () => {
  const rule = expectRule(tapDisabled);

  it("accepts an enabled method", () => {
    rule.compliant({ temporaryAccessPass: { state: "enabled" } });
  });

  it("warns when the method is disabled", () => {
    rule.nonCompliant(
      { temporaryAccessPass: { state: "disabled" } },
      /^temporaryAccessPass\.state is "disabled"$/,
    );
  });
});
