import { tapSingleUse } from "../../../policies/guardrails/tapSingleUse";
import { expectRule } from "./expectRule";

describe("PO-TAP-001 one-time pass with Web sign-in", () => {
  const rule = expectRule(tapSingleUse);

  it("accepts reusable passes", () => {
    rule.compliant({ temporaryAccessPass: { isUsableOnce: false } });
  });

  it("ignores isUsableOnce while the method is disabled", () => {
    rule.compliant({ temporaryAccessPass: { state: "disabled", isUsableOnce: true } });
  });

  it("stops one-time passes while the method is enabled", () => {
    rule.nonCompliant(
      { temporaryAccessPass: { state: "enabled", isUsableOnce: true } },
      /^temporaryAccessPass\.isUsableOnce is true: .*set it to false/,
    );
  });
});
