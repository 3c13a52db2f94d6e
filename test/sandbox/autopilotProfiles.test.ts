/** The sandbox's Windows Autopilot deployment profiles (beta, read-only, seeded by tests). */
import { strict as assert } from "node:assert";
import { ENTRA_JOIN_PROFILE_TYPE, HYBRID_JOIN_PROFILE_TYPE, seedAutopilotProfile } from "./autopilotProfiles";
import type { Sandbox } from "./sandbox";
import { useSandboxPerSuite } from "./sandboxHooks";
import { accessToken, graphCaller } from "./testClient";

const PROFILES = "/beta/deviceManagement/windowsAutopilotDeploymentProfiles";
const GROUP = "07ad3697-bdce-4727-86cf-b3b40c0ec1d6";

interface Profile {
  id: string;
  "@odata.type": string;
  displayName: string;
  assignments?: { id: string; sourceId: string; target: { "@odata.type": string; groupId?: string } }[];
}

describe("sandbox: Autopilot deployment profiles", () => {
  let sandbox: Sandbox;
  useSandboxPerSuite((started) => {
    sandbox = started;
  });
  afterEach(() => sandbox.resetTenant());
  const call = async (method: string, path: string) =>
    graphCaller(sandbox, await accessToken(sandbox))(method, path);

  it("lists seeded profiles, with their assignments under $expand=assignments", async () => {
    const hybrid = seedAutopilotProfile(sandbox, {
      displayName: "Hybrid",
      hybridJoin: true,
      assignedGroupIds: [GROUP],
      excludedGroupIds: ["5f0c3a7e-2b1d-4c8e-9a6f-0d1e2f3a4b5c"],
    });
    const entra = seedAutopilotProfile(sandbox, { displayName: "Entra", allDevices: true });
    const plain = await call("GET", PROFILES);
    assert.equal(plain.status, 200);
    const items = (plain.body as { value: Profile[] }).value;
    assert.deepEqual(
      items.map((item) => [item.id, item["@odata.type"], item.assignments]),
      [
        [hybrid, HYBRID_JOIN_PROFILE_TYPE, undefined],
        [entra, ENTRA_JOIN_PROFILE_TYPE, undefined],
      ],
    );
    const expanded = (await call("GET", `${PROFILES}?$expand=assignments`)).body as { value: Profile[] };
    const [first, second] = expanded.value;
    assert.deepEqual(
      first.assignments?.map((assignment) => [assignment.target["@odata.type"], assignment.target.groupId]),
      [
        ["#microsoft.graph.groupAssignmentTarget", GROUP],
        ["#microsoft.graph.exclusionGroupAssignmentTarget", "5f0c3a7e-2b1d-4c8e-9a6f-0d1e2f3a4b5c"],
      ],
    );
    assert.equal(first.assignments?.[0].id, `${hybrid}_${GROUP}_0`);
    assert.equal(first.assignments?.[0].sourceId, hybrid);
    assert.deepEqual(
      second.assignments?.map((assignment) => assignment.target["@odata.type"]),
      ["#microsoft.graph.allDevicesAssignmentTarget"],
    );
    assert.equal((await call("GET", `${PROFILES}?$expand=settings`)).status, 400);
  });

  it("serves one profile and its assignments, 404 for an unknown id", async () => {
    const id = seedAutopilotProfile(sandbox, {
      displayName: "Hybrid",
      hybridJoin: true,
      assignedGroupIds: [GROUP],
    });
    const one = await call("GET", `${PROFILES}/${id}`);
    assert.equal((one.body as Profile).displayName, "Hybrid");
    const assignments = await call("GET", `${PROFILES}/${id}/assignments`);
    assert.equal((assignments.body as { value: unknown[] }).value.length, 1);
    const missing = await call("GET", `${PROFILES}/5f0c3a7e-2b1d-4c8e-9a6f-0d1e2f3a4b5c`);
    assert.equal(missing.status, 404);
  });

  it("exists in beta only", async () => {
    const answer = await call("GET", "/v1.0/deviceManagement/windowsAutopilotDeploymentProfiles");
    assert.equal(answer.status, 400);
  });

  it("answers 403 without a DeviceManagementServiceConfig or DeviceManagementConfiguration permission", async () => {
    sandbox.revoke("DeviceManagementConfiguration.ReadWrite.All");
    try {
      assert.equal((await call("GET", PROFILES)).status, 403);
      sandbox.grant("DeviceManagementServiceConfig.Read.All");
      assert.equal((await call("GET", PROFILES)).status, 200);
    } finally {
      sandbox.revoke("DeviceManagementServiceConfig.Read.All");
      sandbox.grant("DeviceManagementConfiguration.ReadWrite.All");
    }
  });

  it("forgets seeded profiles on resetTenant()", async () => {
    seedAutopilotProfile(sandbox, { displayName: "Entra" });
    sandbox.resetTenant();
    assert.deepEqual(((await call("GET", PROFILES)).body as { value: unknown[] }).value, []);
  });
});
