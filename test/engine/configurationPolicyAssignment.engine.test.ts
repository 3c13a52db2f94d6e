/**
 * The assignment provider, serialized as `pulumi.dynamic.Resource` serializes it and run in the
 * dynamic-provider host against the Graph sandbox, through the engine's sequence of calls for
 * up, a repeated up, preview --refresh after a portal edit, an update and destroy.
 */
import { strict as assert } from "node:assert";
import type { DeployedResource } from "./deployment";
import type { EngineScenario } from "./engineScenario";
import type { PropertyMap } from "./marshal";
import { useResourceScenario } from "./resourceScenario";
import { WEB_SIGN_IN_SETTING } from "./webSignInSetting";

interface GraphTarget {
  "@odata.type": string;
  groupId?: string;
}

describe("ConfigurationPolicyAssignment run by the dynamic-provider host", function () {
  this.timeout(30_000);
  let scenario: EngineScenario;
  let resource: DeployedResource;
  let providerText: string;
  let policyId: string;
  let autopilotGroupId: string;
  let pilotGroupId: string;
  let excludedGroupId: string;
  let assignPath: string;

  const program = (assignments: PropertyMap[]): PropertyMap => ({
    policyId,
    assignments,
    __provider: providerText,
  });
  const targets = (): GraphTarget[] =>
    ((scenario.sandbox.configurationPolicy(policyId)?.assignments ?? []) as { target: GraphTarget }[])
      .map((a) => a.target)
      .sort((a, b) => `${a["@odata.type"]}${a.groupId}`.localeCompare(`${b["@odata.type"]}${b.groupId}`));

  useResourceScenario("ConfigurationPolicyAssignment", "web-sign-in-assignment", (ready) => {
    ({ scenario, resource, providerText } = ready);
  });

  before(() => {
    const { sandbox } = scenario;
    const group = (displayName: string): string =>
      sandbox.addGroup({ displayName, securityEnabled: true, mailEnabled: false });
    autopilotGroupId = group("Autopilot devices");
    pilotGroupId = group("Pilot devices");
    excludedGroupId = group("Kiosks");
    policyId = sandbox.seedConfigurationPolicy({
      name: "Autopilot - Web sign-in",
      description: "",
      platforms: "windows10",
      technologies: "mdm",
      roleScopeTagIds: ["0"],
      settings: [{ id: "0", ...WEB_SIGN_IN_SETTING }],
    });
    assignPath = `/beta/deviceManagement/configurationPolicies/${policyId}/assign`;
  });

  it("pulumi up: assigns the profile to the Autopilot group with one assign call", async () => {
    const result = await resource.up(program([{ target: "group", groupId: autopilotGroupId }]));

    assert.equal(result.operation, "create");
    assert.deepEqual(resource.calls, ["Check", "Create"]);
    const posts = scenario.sandbox.graphRequests().filter((r) => r.method === "POST");
    assert.deepEqual(
      posts.map((r) => r.path),
      [assignPath],
    );
    assert.deepEqual(posts[0].body, {
      assignments: [
        {
          target: {
            "@odata.type": "#microsoft.graph.groupAssignmentTarget",
            groupId: autopilotGroupId,
            deviceAndAppManagementAssignmentFilterId: null,
            deviceAndAppManagementAssignmentFilterType: "none",
          },
        },
      ],
    });
    assert.deepEqual(
      targets().map((t) => [t["@odata.type"], t.groupId]),
      [["#microsoft.graph.groupAssignmentTarget", autopilotGroupId]],
    );
    assert.equal(resource.state?.id, policyId);
  });

  it("a second pulumi up with the same program changes nothing and calls no Graph API", async () => {
    const before = resource.state;

    const result = await resource.up(program([{ target: "group", groupId: autopilotGroupId }]));

    assert.equal(result.operation, "same");
    assert.deepEqual(resource.calls, ["Check", "Diff"]);
    assert.deepEqual(scenario.sandbox.graphRequests(), []);
    assert.deepEqual(resource.state?.outputs, before?.outputs);
  });

  it("preview --refresh after a portal edit shows exactly the edited property", async () => {
    scenario.sandbox.setAssignments(policyId, [
      { target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: autopilotGroupId } },
      { target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: pilotGroupId } },
    ]);

    assert.equal(await resource.refresh(), true);
    const preview = await resource.preview(program([{ target: "group", groupId: autopilotGroupId }]));

    assert.deepEqual(resource.calls, ["Read", "Check", "Diff"]);
    assert.equal((resource.state?.outputs.assignments as unknown[]).length, 2);
    assert.equal(preview.operation, "update");
    assert.equal(preview.diff?.changes, "some");
    assert.deepEqual(preview.changedInputs, ["assignments"]);
    assert.ok(scenario.sandbox.graphRequests().every((r) => r.method === "GET"));
  });

  it("pulumi up with an added exclusion sends the whole list, dropping the portal's addition", async () => {
    const result = await resource.up(
      program([
        { target: "group", groupId: autopilotGroupId },
        { target: "exclusionGroup", groupId: excludedGroupId },
      ]),
    );

    assert.equal(result.operation, "update");
    assert.deepEqual(resource.calls, ["Check", "Diff", "Update"]);
    const posts = scenario.sandbox.graphRequests().filter((r) => r.method === "POST");
    assert.deepEqual(
      posts.map((r) => r.path),
      [assignPath],
    );
    assert.deepEqual(
      targets().map((t) => [t["@odata.type"], t.groupId]),
      [
        ["#microsoft.graph.exclusionGroupAssignmentTarget", excludedGroupId],
        ["#microsoft.graph.groupAssignmentTarget", autopilotGroupId],
      ],
    );
  });

  it("pulumi destroy clears the profile's assignments and leaves the profile", async () => {
    await resource.destroy();

    assert.deepEqual(resource.calls, ["Delete"]);
    const posts = scenario.sandbox.graphRequests().filter((r) => r.method === "POST");
    assert.deepEqual(
      posts.map((r) => [r.path, r.body]),
      [[assignPath, { assignments: [] }]],
    );
    assert.deepEqual(targets(), []);
    assert.notEqual(scenario.sandbox.configurationPolicy(policyId), undefined);
  });
});
