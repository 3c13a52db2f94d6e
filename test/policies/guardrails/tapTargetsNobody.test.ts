import { tapTargetsNobody } from "../../../policies/guardrails/tapTargetsNobody";
import { CONTRACTORS_GROUP_ID, NEW_JOINERS_GROUP_ID, expectRule } from "./expectRule";

describe("PO-TAP-003 TAP policy that applies to no one", () => {
  const rule = expectRule(tapTargetsNobody);

  it("accepts an included group that is not excluded", () => {
    rule.compliant({
      temporaryAccessPass: {
        includeGroupIds: [NEW_JOINERS_GROUP_ID, CONTRACTORS_GROUP_ID],
        excludeGroupIds: [CONTRACTORS_GROUP_ID],
      },
    });
  });

  it("accepts all_users with some groups excluded", () => {
    rule.compliant({
      temporaryAccessPass: { includeGroupIds: ["all_users"], excludeGroupIds: [CONTRACTORS_GROUP_ID] },
    });
  });

  it("ignores targets while the method is disabled", () => {
    rule.compliant({ temporaryAccessPass: { state: "disabled", includeGroupIds: [] } });
  });

  it("stops an empty include list", () => {
    rule.nonCompliant(
      { temporaryAccessPass: { includeGroupIds: [] } },
      /^temporaryAccessPass\.includeGroupIds is empty: the policy targets no user$/,
    );
  });

  it("stops a policy that excludes every group it includes, comparing ids case-insensitively", () => {
    rule.nonCompliant(
      {
        temporaryAccessPass: {
          includeGroupIds: [NEW_JOINERS_GROUP_ID],
          excludeGroupIds: [NEW_JOINERS_GROUP_ID.toUpperCase(), CONTRACTORS_GROUP_ID],
        },
      },
      new RegExp(
        `^every id in temporaryAccessPass\\.includeGroupIds is also in .*\\(${NEW_JOINERS_GROUP_ID}\\)`,
      ),
    );
  });

  it("stops a policy that excludes all_users", () => {
    rule.nonCompliant(
      { temporaryAccessPass: { includeGroupIds: [NEW_JOINERS_GROUP_ID], excludeGroupIds: ["all_users"] } },
      /^temporaryAccessPass\.excludeGroupIds contains "all_users": every user is excluded$/,
    );
  });
});
