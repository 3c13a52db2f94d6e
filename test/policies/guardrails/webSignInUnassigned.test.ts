import { webSignInUnassigned } from "../../../policies/guardrails/webSignInUnassigned";
import { NEW_JOINERS_GROUP_ID, expectRule } from "./expectRule";

describe("PO-WSI-001 Web sign-in profile assigned to nothing", () => {
  const rule = expectRule(webSignInUnassigned);

  it("accepts a group to create by display name", () => {
    rule.compliant({ autopilot: { groupDisplayName: "Autopilot devices", existingGroupId: undefined } });
  });

  it("accepts an existing group id without a display name", () => {
    rule.compliant({ autopilot: { groupDisplayName: "", existingGroupId: NEW_JOINERS_GROUP_ID } });
  });

  it("stops when there is neither an existing group id nor a group display name", () => {
    rule
      .nonCompliant(
        { autopilot: { groupDisplayName: "", existingGroupId: undefined } },
        /^autopilot\.existingGroupId is not set and autopilot\.groupDisplayName is empty/,
      )
      .nonCompliant(
        { autopilot: { groupDisplayName: "   ", existingGroupId: " " } },
        /groupDisplayName is empty/,
      );
  });
});
