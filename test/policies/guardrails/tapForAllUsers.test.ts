import { tapForAllUsers } from "../../../policies/guardrails/tapForAllUsers";
import { NEW_JOINERS_GROUP_ID, expectRule } from "./expectRule";

describe("PO-TAP-004 TAP for all users", () => {
  const rule = expectRule(tapForAllUsers);

  it("accepts a policy scoped to a new-joiner group", () => {
    rule.compliant({ temporaryAccessPass: { includeGroupIds: [NEW_JOINERS_GROUP_ID] } });
  });

  it("ignores all_users while the method is disabled", () => {
    rule.compliant({ temporaryAccessPass: { state: "disabled", includeGroupIds: ["all_users"] } });
  });

  it("warns when all_users is included, alone or next to groups", () => {
    rule
      .nonCompliant(
        { temporaryAccessPass: { includeGroupIds: ["all_users"] } },
        /^temporaryAccessPass\.includeGroupIds contains "all_users": include a new-joiner group/,
      )
      .nonCompliant(
        { temporaryAccessPass: { includeGroupIds: [NEW_JOINERS_GROUP_ID, "all_users"] } },
        /contains "all_users"/,
      );
  });
});
