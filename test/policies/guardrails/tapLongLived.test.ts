import { tapLongLived } from "../../../policies/guardrails/tapLongLived";
import { expectRule } from "./expectRule";

describe("PO-TAP-006 long-lived reusable passes", () => {
  const rule = expectRule(tapLongLived);

  it("accepts a maximum of exactly one day", () => {
    rule.compliant({ temporaryAccessPass: { maximumLifetimeInMinutes: 1440 } });
  });

  it("accepts long lifetimes for one-time passes (another rule judges one-time use)", () => {
    rule.compliant({ temporaryAccessPass: { isUsableOnce: true, maximumLifetimeInMinutes: 43200 } });
  });

  it("ignores lifetimes while the method is disabled", () => {
    rule.compliant({ temporaryAccessPass: { state: "disabled", maximumLifetimeInMinutes: 43200 } });
  });

  it("warns when reusable passes can last longer than a day", () => {
    rule.nonCompliant(
      { temporaryAccessPass: { maximumLifetimeInMinutes: 1441 } },
      /^temporaryAccessPass\.maximumLifetimeInMinutes is 1441 with reusable passes .*at or below 1440$/,
    );
  });
});
