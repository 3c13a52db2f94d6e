import { strict as assert } from "node:assert";
import type { GuardrailRule } from "../../../policies/guardrails";
import { DEFAULT_SETTINGS } from "../../../policies/settings";
import { expectRule, settingsWith } from "./expectRule";

const flagsDisabledPass: GuardrailRule = {
  id: "PO-TEST-001",
  severity: "warning",
  object: "temporaryAccessPass",
  what: "test rule",
  why: "test rule",
  check: (settings) => (settings.temporaryAccessPass.state === "disabled" ? ["pass is disabled"] : []),
};

describe("guardrail test helper", () => {
  it("deep-patches DEFAULT_SETTINGS without changing it", () => {
    const settings = settingsWith({ temporaryAccessPass: { state: "disabled", includeGroupIds: ["g"] } });
    assert.equal(settings.temporaryAccessPass.state, "disabled");
    assert.deepEqual(settings.temporaryAccessPass.includeGroupIds, ["g"]);
    assert.equal(settings.temporaryAccessPass.maximumLifetimeInMinutes, 480);
    assert.equal(DEFAULT_SETTINGS.temporaryAccessPass.state, "enabled");
    assert.deepEqual(DEFAULT_SETTINGS.temporaryAccessPass.includeGroupIds, ["all_users"]);
  });

  it("removes a key patched with undefined", () => {
    const settings = settingsWith({ autopilot: { existingGroupId: "id" } });
    assert.equal(
      settingsWith({ autopilot: { existingGroupId: undefined } }).autopilot.existingGroupId,
      undefined,
    );
    assert.equal(settings.autopilot.existingGroupId, "id");
  });

  it("fails compliant() when the rule finds something", () => {
    assert.throws(() =>
      expectRule(flagsDisabledPass).compliant({ temporaryAccessPass: { state: "disabled" } }),
    );
  });

  it("fails nonCompliant() when the rule finds nothing, finds more, or the detail does not match", () => {
    const rule = expectRule(flagsDisabledPass);
    assert.throws(() => rule.nonCompliant({}, /pass is disabled/));
    assert.throws(() => rule.nonCompliant({ temporaryAccessPass: { state: "disabled" } }, /x/, /y/));
    assert.throws(() => rule.nonCompliant({ temporaryAccessPass: { state: "disabled" } }, /enabled/));
    rule.nonCompliant({ temporaryAccessPass: { state: "disabled" } }, /^pass is disabled$/);
  });
});
