import { strict as assert } from "node:assert";
import { checkAssignmentInputs } from "../../infra/providers/assignment/assignmentInputs";
import {
  fromGraphAssignment,
  normalizeAssignments,
  toGraphAssignment,
} from "../../infra/providers/assignment/assignmentModel";
import { diffAssignments } from "../../infra/providers/assignment/assignmentDiff";
import { UNKNOWN_VALUE } from "../../infra/providers/settingsCatalog/unknownValue";

const GROUP = "4ab60a30-0000-4000-8000-000000000002";
const OTHER_GROUP = "5bc70b41-0000-4000-8000-000000000003";
const FILTER = "9f9f9f9f-0000-4000-8000-000000000009";
const POLICY = "8dea6029-0000-4000-8000-000000000001";

function failuresOf(assignments: unknown, policyId: unknown = POLICY): string[] {
  return checkAssignmentInputs({ policyId, assignments }).failures.map((f) => `${f.property}: ${f.reason}`);
}

describe("policy assignment inputs (check)", () => {
  it("accepts a group, an exclusion group and all devices, returning them sorted", () => {
    const { inputs, failures } = checkAssignmentInputs({
      policyId: POLICY,
      assignments: [
        { target: "allDevices", filterId: FILTER, filterType: "exclude" },
        { target: "exclusionGroup", groupId: OTHER_GROUP },
        { target: "group", groupId: GROUP.toUpperCase() },
      ],
    });
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs.assignments, [
      { target: "group", groupId: GROUP },
      { target: "exclusionGroup", groupId: OTHER_GROUP },
      { target: "allDevices", filterId: FILTER, filterType: "exclude" },
    ]);
  });

  it("requires a GUID groupId for group targets", () => {
    assert.deepEqual(failuresOf([{ target: "group", groupId: "Autopilot devices" }]), [
      'assignments[0].groupId: the group target needs the group\'s object id (a GUID), found "Autopilot devices"',
    ]);
    assert.deepEqual(failuresOf([{ target: "exclusionGroup" }]), [
      "assignments[0].groupId: the exclusionGroup target needs the group's object id (a GUID), found nothing",
    ]);
  });

  it("refuses a groupId on allDevices and allLicensedUsers", () => {
    assert.deepEqual(failuresOf([{ target: "allLicensedUsers", groupId: GROUP }]), [
      `assignments[0].groupId: the allLicensedUsers target takes no groupId, found "${GROUP}"`,
    ]);
  });

  it("requires filterId and filterType together, and filterType include or exclude", () => {
    assert.deepEqual(failuresOf([{ target: "allDevices", filterId: FILTER }]), [
      "assignments[0].filterType: a filterId needs a filterType (include or exclude), found nothing",
    ]);
    assert.deepEqual(failuresOf([{ target: "allDevices", filterType: "include" }]), [
      "assignments[0].filterId: a filterType needs a filterId, found nothing",
    ]);
    assert.deepEqual(failuresOf([{ target: "allDevices", filterId: FILTER, filterType: "only" }]), [
      'assignments[0].filterType: expected include or exclude, found "only"',
    ]);
  });

  it("rejects an unknown target kind, listing the known ones", () => {
    assert.deepEqual(failuresOf([{ target: "users" }]), [
      'assignments[0].target: expected one of group, exclusionGroup, allDevices, allLicensedUsers, found "users"',
    ]);
  });

  it("rejects duplicates and a group both included and excluded", () => {
    assert.deepEqual(
      failuresOf([
        { target: "group", groupId: GROUP },
        { target: "group", groupId: GROUP.toUpperCase() },
      ]),
      [
        `assignments[1]: duplicate of assignments[0] (group ${GROUP.toUpperCase()}); each target may appear once`,
      ],
    );
    assert.deepEqual(
      failuresOf([
        { target: "group", groupId: GROUP },
        { target: "exclusionGroup", groupId: GROUP },
      ]),
      [`assignments[1]: group ${GROUP} is both included and excluded (see assignments[0]); keep one`],
    );
  });

  it("rejects a missing policyId and a non-list of assignments", () => {
    assert.deepEqual(failuresOf("all", ""), [
      'policyId: expected the id of a configuration policy (a GUID such as 00000000-0000-0000-0000-000000000000), found ""',
      'assignments: expected a list of assignments, found "all"',
    ]);
  });

  it("accepts a policy id and group id not known yet during a preview", () => {
    assert.deepEqual(failuresOf([{ target: "group", groupId: UNKNOWN_VALUE }], UNKNOWN_VALUE), []);
  });

  it("rejects a policyId that is not a GUID, such as one with a path or a query in it", () => {
    const assignments = [{ target: "group", groupId: GROUP }];
    for (const policyId of [`${POLICY}/../${OTHER_GROUP}`, `${POLICY}?$filter=x`, "Web sign-in"]) {
      assert.deepEqual(failuresOf(assignments, policyId), [
        `policyId: expected the id of a configuration policy (a GUID such as 00000000-0000-0000-0000-000000000000), found ${JSON.stringify(policyId)}`,
      ]);
    }
  });

  it("rejects a group id or filter id with a path in it", () => {
    assert.deepEqual(failuresOf([{ target: "group", groupId: `${GROUP}/../${OTHER_GROUP}` }]), [
      `assignments[0].groupId: the group target needs the group's object id (a GUID), found "${GROUP}/../${OTHER_GROUP}"`,
    ]);
    assert.deepEqual(
      failuresOf([{ target: "allDevices", filterId: `${FILTER}?x=1`, filterType: "include" }]),
      [`assignments[0].filterId: expected the id of an assignment filter (a GUID), found "${FILTER}?x=1"`],
    );
  });

  it("rejects unknown input keys by name, suggesting the closest known key", () => {
    const { failures } = checkAssignmentInputs({
      policyId: POLICY,
      assignments: [{ target: "group", groupId: GROUP }],
      policy_id: POLICY,
      targets: [],
    });
    assert.deepEqual(failures, [
      {
        property: "policy_id",
        reason: "expected only policyId, assignments, found policy_id. Did you mean policyId?",
      },
      { property: "targets", reason: "expected only policyId, assignments, found targets" },
    ]);
  });

  it("rejects unknown keys in an assignment, so a misspelt filterId is not dropped", () => {
    assert.deepEqual(failuresOf([{ target: "allDevices", filterID: FILTER }]), [
      "assignments[0].filterID: expected only target, groupId, filterId, filterType, found filterID. Did you mean filterId?",
    ]);
  });

  it("reports __proto__ and constructor like any unknown key", () => {
    const raw = JSON.parse(
      `{"policyId":"${POLICY}","assignments":[{"target":"allDevices","constructor":1}],"__proto__":{"x":1},"constructor":"c"}`,
    ) as Record<string, unknown>;
    assert.deepEqual(
      checkAssignmentInputs(raw).failures.map((f) => f.property),
      ["__proto__", "constructor", "assignments[0].constructor"],
    );
  });

  it("accepts the keys the engine and the resource class add", () => {
    const { failures } = checkAssignmentInputs({
      policyId: POLICY,
      assignments: [{ target: "group", groupId: GROUP }],
      __provider: "exports.handler = ...",
      providerVersion: "2",
    });
    assert.deepEqual(failures, []);
  });
});

describe("policy assignment Graph mapping", () => {
  it("sends a group target with filter type none when there is no filter", () => {
    assert.deepEqual(toGraphAssignment({ target: "group", groupId: GROUP }), {
      target: {
        "@odata.type": "#microsoft.graph.groupAssignmentTarget",
        groupId: GROUP,
        deviceAndAppManagementAssignmentFilterId: null,
        deviceAndAppManagementAssignmentFilterType: "none",
      },
    });
  });

  it("reads Graph's assignments back into the declared shape", () => {
    const graph = [
      {
        id: `${POLICY}_adadadad-808e-44e2-905a-0b7873a8a531`,
        source: "direct",
        target: {
          "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget",
          deviceAndAppManagementAssignmentFilterId: FILTER,
          deviceAndAppManagementAssignmentFilterType: "include",
        },
      },
      {
        id: `${POLICY}_${GROUP}`,
        target: {
          "@odata.type": "#microsoft.graph.groupAssignmentTarget",
          deviceAndAppManagementAssignmentFilterId: null,
          deviceAndAppManagementAssignmentFilterType: "none",
          groupId: GROUP,
        },
      },
      {
        target: {
          "@odata.type": "#microsoft.graph.configurationManagerCollectionAssignmentTarget",
          collectionId: "x",
        },
      },
    ];
    assert.deepEqual(normalizeAssignments(graph.map(fromGraphAssignment)), [
      { target: "group", groupId: GROUP },
      { target: "allDevices", filterId: FILTER, filterType: "include" },
      { target: "configurationManagerCollection" },
    ]);
  });
});

describe("policy assignment diff", () => {
  const olds = { policyId: POLICY, assignments: [{ target: "group", groupId: GROUP }] };

  it("reports no change for the same list in another order and letter case", () => {
    const news = { policyId: POLICY, assignments: [{ target: "group", groupId: GROUP.toUpperCase() }] };
    assert.deepEqual(diffAssignments(olds, news), { changes: false, replaces: [], changed: [] });
  });

  it("updates in place when the list changes", () => {
    const news = { policyId: POLICY, assignments: [...olds.assignments, { target: "allDevices" }] };
    assert.deepEqual(diffAssignments(olds, news), { changes: true, replaces: [], changed: ["assignments"] });
  });

  it("replaces when the policy id changes or is not known yet", () => {
    assert.deepEqual(diffAssignments(olds, { ...olds, policyId: UNKNOWN_VALUE }).replaces, ["policyId"]);
  });
});
