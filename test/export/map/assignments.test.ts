import { strict as assert } from "node:assert";
import { assignedGroupFromGraph, GROUP_TARGET } from "../../../scripts/export/map/assignments";
import type { GraphAssignment } from "../../../scripts/export/types";

const PROFILE = "9e9e9e9e-0000-4000-8000-000000000001";
const AUTOPILOT = "3a3a3a3a-0000-4000-8000-000000000001";
const OTHER = "3a3a3a3a-0000-4000-8000-000000000002";

/** An assignment as `GET .../assignments` lists it (id `<policyId>_<groupId>`, source direct). */
function assignment(type: string, groupId?: string, filter?: { id: string; type: string }): GraphAssignment {
  return {
    id: `${PROFILE}_${groupId ?? "adadadad-808e-44e2-905a-0b7873a8a531"}`,
    target: {
      "@odata.type": type,
      ...(groupId === undefined ? {} : { groupId }),
      deviceAndAppManagementAssignmentFilterId: filter?.id ?? null,
      deviceAndAppManagementAssignmentFilterType: filter?.type ?? "none",
    },
  };
}

describe("export mapping: profile assignments -> the assigned group", () => {
  it("keeps the one group assignment, with nothing to report", () => {
    assert.deepEqual(assignedGroupFromGraph([assignment(GROUP_TARGET, AUTOPILOT)]), {
      groupId: AUTOPILOT,
      findings: [],
    });
  });

  it("reports a profile assigned to no group", () => {
    const mapped = assignedGroupFromGraph([]);
    assert.equal(mapped.groupId, undefined);
    assert.match(mapped.findings[0].text, /assigned to no group; `pulumi up` would assign it/);
  });

  it("keeps the best-ranked of several groups and reports the others", () => {
    const rank = (id: string): number => (id === AUTOPILOT ? 0 : 2);
    const mapped = assignedGroupFromGraph(
      [assignment(GROUP_TARGET, OTHER), assignment(GROUP_TARGET, AUTOPILOT)],
      rank,
    );
    assert.equal(mapped.groupId, AUTOPILOT);
    assert.equal(mapped.findings.length, 1);
    assert.match(
      mapped.findings[0].text,
      new RegExp(`also assigned to the group ${OTHER}; .* would remove this assignment`),
    );
  });

  it("reports an assignment filter on the kept group", () => {
    const mapped = assignedGroupFromGraph([
      assignment(GROUP_TARGET, AUTOPILOT, { id: "f1f1f1f1-0000-4000-8000-000000000001", type: "include" }),
    ]);
    assert.equal(mapped.groupId, AUTOPILOT);
    assert.match(mapped.findings[0].text, /uses the assignment filter f1f1f1f1-.* \(include\)/);
  });

  it("reports exclusion groups and all-devices targets", () => {
    const mapped = assignedGroupFromGraph([
      assignment(GROUP_TARGET, AUTOPILOT),
      assignment("#microsoft.graph.exclusionGroupAssignmentTarget", OTHER),
      assignment("#microsoft.graph.allDevicesAssignmentTarget"),
    ]);
    assert.equal(mapped.groupId, AUTOPILOT);
    assert.deepEqual(
      mapped.findings.map((finding) => finding.text.split(";")[0]),
      [
        `The profile is also assigned with exclusionGroupAssignmentTarget ${OTHER}`,
        "The profile is also assigned with allDevicesAssignmentTarget",
      ],
    );
  });
});
