import { strict as assert } from "node:assert";
import { isNotFound } from "../../infra/graph/errors";
import { isReplicationLagTimeout, retryWhileReplicating } from "../../infra/graph/replicationLag";
import type { Sandbox } from "../sandbox";
import { useSandboxPerSuite } from "../sandbox/sandboxHooks";
import { clientFor, newGroup, rejection } from "./sandboxClient";

const GROUP_TARGET = "#microsoft.graph.groupAssignmentTarget";

describe("retryWhileReplicating against the sandbox", () => {
  let sandbox: Sandbox;

  useSandboxPerSuite((started) => (sandbox = started), { clearEachTest: false });
  // Clients get their token first, so the timing below measures only replication.
  async function warmClient() {
    const client = clientFor(sandbox);
    await client.get(
      "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/TemporaryAccessPass",
    );
    sandbox.clearLog();
    return client;
  }

  beforeEach(() => {
    sandbox.clearFaults();
    sandbox.clearLog();
  });

  it("succeeds once a just-created group becomes visible, after 404s", async () => {
    const client = await warmClient();
    const id = sandbox.addGroup(newGroup("Replicating group"), { hiddenForMs: 150 });
    const group = await retryWhileReplicating(() => client.get<{ id: string }>(`/groups/${id}`), {
      timeoutMs: 3000,
      initialDelayMs: 10,
      maxDelayMs: 40,
    });
    assert.equal(group.id, id);
    const statuses = sandbox.graphRequests().map((entry) => entry.status);
    assert.ok(statuses.length >= 2, `statuses ${statuses.join(",")}`);
    assert.ok(statuses.slice(0, -1).every((status) => status === 404));
    assert.equal(statuses[statuses.length - 1], 200);
  });

  it("waits out Intune's 'a valid AADGroupId is expected' while assigning to a new group", async () => {
    const client = await warmClient();
    const policyId = sandbox.seedConfigurationPolicy({
      name: "Windows - Enable Web Sign-in",
      description: "test",
      platforms: "windows10",
      technologies: "mdm",
      settings: [],
    });
    const groupId = sandbox.addGroup(newGroup("Autopilot devices"), { hiddenForMs: 120 });
    const body = { assignments: [{ target: { "@odata.type": GROUP_TARGET, groupId } }] };
    await retryWhileReplicating(
      () =>
        client.post(`/deviceManagement/configurationPolicies/${policyId}/assign`, body, {
          version: "beta",
          idempotent: true,
        }),
      { timeoutMs: 3000, initialDelayMs: 10, maxDelayMs: 40 },
    );
    const statuses = sandbox.graphRequests().map((entry) => entry.status);
    assert.equal(statuses[0], 400);
    assert.equal(statuses[statuses.length - 1], 200);
    const assignments = sandbox.configurationPolicy(policyId)?.assignments as
      Array<{ target: { groupId?: string } }> | undefined;
    assert.deepEqual(
      assignments?.map((assignment) => assignment.target.groupId),
      [groupId],
    );
  });

  it("fails cleanly when the group never appears, keeping the last answer's request-id", async () => {
    const client = await warmClient();
    const id = sandbox.addGroup(newGroup("Never visible"));
    sandbox.hideGroup(id, 60_000);
    const started = Date.now();
    const error = await rejection(
      retryWhileReplicating(() => client.get(`/groups/${id}`), {
        timeoutMs: 150,
        initialDelayMs: 10,
        maxDelayMs: 40,
        subject: `group ${id}`,
      }),
    );
    const elapsed = Date.now() - started;
    assert.ok(isReplicationLagTimeout(error));
    assert.ok(elapsed >= 150 && elapsed < 2000, `gave up after ${elapsed} ms`);
    const requests = sandbox.graphRequests();
    const last = requests[requests.length - 1];
    assert.equal(error.requestId, last.requestId);
    assert.equal(error.status, 404);
    assert.equal(isNotFound(error), true);
    assert.equal(
      error.message,
      `Graph did not show group ${id} within 0.2 seconds (replication lag). Last answer: GET /v1.0/groups/${id} failed: ` +
        `404 ${error.code}: ${error.graphMessage.replace(/\.$/, "")} (request-id ${last.requestId}).`,
    );
  });
});
