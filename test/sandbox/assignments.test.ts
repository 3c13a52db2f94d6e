import { strict as assert } from "node:assert";
import { ALL_DEVICES_ID, ALL_LICENSED_USERS_ID, startSandbox, Sandbox } from ".";
import { accessToken, graphCaller, GraphCaller } from "./testClient";

const POLICIES = "/beta/deviceManagement/configurationPolicies";

interface ErrorBody {
  error: { code: string; message: string };
}

function groupTarget(
  groupId: string,
  type = "#microsoft.graph.groupAssignmentTarget",
): Record<string, unknown> {
  return { target: { "@odata.type": type, groupId } };
}

describe("sandbox settings-catalog assignments (beta)", () => {
  let sandbox: Sandbox;
  let graph: GraphCaller;
  let policyId: string;
  let groupId: string;

  async function start(groupReplicationLagMs = 0): Promise<void> {
    sandbox = await startSandbox({ groupReplicationLagMs });
    graph = graphCaller(sandbox, await accessToken(sandbox));
    policyId = sandbox.seedConfigurationPolicy({
      name: "Web sign-in",
      platforms: "windows10",
      technologies: "mdm",
      settings: [],
    });
    groupId = sandbox.addGroup({ displayName: "Autopilot devices" });
  }
  afterEach(async () => {
    await sandbox.stop();
  });

  it("assign answers 200 {value} with <policyId>_<groupId> ids, source direct and sourceId, pseudo ids for all devices/users", async () => {
    await start();
    const result = await graph("POST", `${POLICIES}/${policyId}/assign`, {
      assignments: [
        groupTarget(groupId),
        { target: { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" } },
        { target: { "@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget" } },
      ],
    });
    assert.equal(result.status, 200);
    const value = (result.body as { value: Record<string, unknown>[] }).value;
    assert.deepEqual(value[0], {
      id: `${policyId}_${groupId}`,
      source: "direct",
      sourceId: policyId,
      target: {
        "@odata.type": "#microsoft.graph.groupAssignmentTarget",
        deviceAndAppManagementAssignmentFilterId: null,
        deviceAndAppManagementAssignmentFilterType: "none",
        groupId,
      },
    });
    assert.deepEqual(
      value.map((a) => a.id),
      [`${policyId}_${groupId}`, `${policyId}_${ALL_DEVICES_ID}`, `${policyId}_${ALL_LICENSED_USERS_ID}`],
    );
    const listed = await graph("GET", `${POLICIES}/${policyId}/assignments`);
    assert.equal(listed.status, 200);
    assert.equal(
      (listed.body as Record<string, unknown>)["@odata.context"],
      `${sandbox.graphEndpoint}/beta/$metadata#deviceManagement/configurationPolicies('${policyId}')/assignments`,
    );
    assert.deepEqual((listed.body as { value: unknown[] }).value, value);
  });

  it("replaces the whole list on each assign, and an empty list clears it", async () => {
    await start();
    const other = sandbox.addGroup({ displayName: "Kiosks" });
    await graph("POST", `${POLICIES}/${policyId}/assign`, { assignments: [groupTarget(groupId)] });
    await graph("POST", `${POLICIES}/${policyId}/assign`, {
      assignments: [groupTarget(other, "#microsoft.graph.exclusionGroupAssignmentTarget")],
    });
    assert.deepEqual(
      (sandbox.configurationPolicy(policyId)?.assignments as { id: string }[]).map((a) => a.id),
      [`${policyId}_${other}`],
    );
    const cleared = await graph("POST", `${POLICIES}/${policyId}/assign`, { assignments: [] });
    assert.equal(cleared.status, 200);
    assert.deepEqual((cleared.body as { value: unknown[] }).value, []);
    assert.deepEqual(sandbox.configurationPolicy(policyId)?.assignments, []);
  });

  it("refuses a group id it does not know with Intune's JSON-in-message 400, keeping the old list", async () => {
    await start();
    await graph("POST", `${POLICIES}/${policyId}/assign`, { assignments: [groupTarget(groupId)] });
    const unknown = "00000000-0000-4000-8000-00000000dead";
    const result = await graph("POST", `${POLICIES}/${policyId}/assign`, {
      assignments: [groupTarget(unknown)],
    });
    assert.equal(result.status, 400);
    const message = JSON.parse((result.body as ErrorBody).error.message) as {
      Message: string;
      _version: number;
    };
    assert.match(
      message.Message,
      new RegExp(`^Invalid GroupId : ${unknown} provided, a valid AADGroupId is expected\\. - Operation ID`),
    );
    assert.equal((sandbox.configurationPolicy(policyId)?.assignments as unknown[]).length, 1);
  });

  it("refuses a group still hidden by replication lag, then accepts it", async () => {
    await start(120);
    const created = (
      await graph("POST", "/v1.0/groups", {
        displayName: "New",
        mailEnabled: false,
        mailNickname: "new",
        securityEnabled: true,
      })
    ).body as { id: string };
    const early = await graph("POST", `${POLICIES}/${policyId}/assign`, {
      assignments: [groupTarget(created.id)],
    });
    assert.equal(early.status, 400);
    assert.match((early.body as ErrorBody).error.message, /a valid AADGroupId is expected/);
    await new Promise((resolve) => setTimeout(resolve, 140));
    const later = await graph("POST", `${POLICIES}/${policyId}/assign`, {
      assignments: [groupTarget(created.id)],
    });
    assert.equal(later.status, 200);
  });

  it("answers 404 for assign on an unknown policy, and shows setAssignments edits", async () => {
    await start();
    const missing = await graph("POST", `${POLICIES}/00000000-0000-4000-8000-000000000000/assign`, {
      assignments: [],
    });
    assert.equal(missing.status, 404);
    sandbox.setAssignments(policyId, [
      { target: { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" } },
    ]);
    const listed = (await graph("GET", `${POLICIES}/${policyId}/assignments`)).body as {
      value: { id: string }[];
    };
    assert.deepEqual(
      listed.value.map((a) => a.id),
      [`${policyId}_${ALL_DEVICES_ID}`],
    );
    const selected = (await graph("GET", `${POLICIES}/${policyId}?$select=id,isAssigned`)).body as {
      isAssigned: boolean;
    };
    assert.equal(selected.isAssigned, true);
  });
});
