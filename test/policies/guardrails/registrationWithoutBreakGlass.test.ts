import { registrationWithoutBreakGlass } from "../../../policies/guardrails/registrationWithoutBreakGlass";
import { BREAK_GLASS_USER_ID, expectRule } from "./expectRule";

describe("PO-CA-001 enforced registration policy without break-glass exclusion", () => {
  const rule = expectRule(registrationWithoutBreakGlass);

  it("accepts an enforced policy that excludes a break-glass account", () => {
    rule.compliant({ registrationPolicy: { state: "enabled", breakGlassUserIds: [BREAK_GLASS_USER_ID] } });
  });

  it("accepts report-only and disabled policies without break-glass accounts", () => {
    rule
      .compliant({
        registrationPolicy: { state: "enabledForReportingButNotEnforced", breakGlassUserIds: [] },
      })
      .compliant({ registrationPolicy: { state: "disabled", breakGlassUserIds: [] } });
  });

  it("stops an enforced policy with no break-glass account", () => {
    rule.nonCompliant(
      { registrationPolicy: { state: "enabled", breakGlassUserIds: [] } },
      /^registrationPolicy\.state is "enabled" and registrationPolicy\.breakGlassUserIds is empty/,
    );
  });

  it("does not count blank entries as break-glass accounts", () => {
    rule.nonCompliant({ registrationPolicy: { state: "enabled", breakGlassUserIds: ["  "] } }, /is empty/);
  });
});
