import { tapLifetimeTooShort } from "../../../policies/guardrails/tapLifetimeTooShort";
import { expectRule } from "./expectRule";

describe("PO-TAP-002 pass lifetimes shorter than enrollment", () => {
  const rule = expectRule(tapLifetimeTooShort);

  it("accepts the Microsoft defaults (60 default, 480 maximum)", () => {
    rule.compliant();
  });

  it("accepts exactly 60 minutes for both the default and the maximum", () => {
    rule.compliant({
      temporaryAccessPass: {
        minimumLifetimeInMinutes: 10,
        defaultLifetimeInMinutes: 60,
        maximumLifetimeInMinutes: 60,
      },
    });
  });

  it("ignores lifetimes while the method is disabled", () => {
    rule.compliant({
      temporaryAccessPass: { state: "disabled", defaultLifetimeInMinutes: 10, maximumLifetimeInMinutes: 10 },
    });
  });

  it("warns about a default lifetime under 60 minutes", () => {
    rule.nonCompliant(
      { temporaryAccessPass: { minimumLifetimeInMinutes: 10, defaultLifetimeInMinutes: 59 } },
      /^temporaryAccessPass\.defaultLifetimeInMinutes is 59: .*60 minutes/,
    );
  });

  it("warns about the maximum and the default when both are under 60 minutes", () => {
    rule.nonCompliant(
      {
        temporaryAccessPass: {
          minimumLifetimeInMinutes: 10,
          defaultLifetimeInMinutes: 20,
          maximumLifetimeInMinutes: 30,
        },
      },
      /^temporaryAccessPass\.maximumLifetimeInMinutes is 30: no pass can last the 60 minutes/,
      /^temporaryAccessPass\.defaultLifetimeInMinutes is 20: /,
    );
  });
});
