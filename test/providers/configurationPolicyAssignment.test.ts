/**
 * The configuration-policy assignment provider against the Graph sandbox over HTTPS, with the
 * real Graph client: request bodies and counts, assignment state, portal drift, replication lag.
 */
import { strict as assert } from "node:assert";
import { ConfigurationPolicyAssignmentProvider } from "../../infra/providers/configurationPolicyAssignment";
import { diffAssignments } from "../../infra/providers/assignment/assignmentDiff";
import { ALL_DEVICES_ID, type FaultSpec, type Sandbox } from "../sandbox";
import { webSignInProfile } from "./support/webSignInProfile";
import { checkedBy, requestLines, useSandboxInEnvironment } from "./support/providerSuite";

const POLICIES = "/beta/deviceManagement/configurationPolicies";
const FILTER = "9f9f9f9f-0000-4000-8000-000000000009";
const FAST = {
  retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 20 },
  replicationLag: { timeoutMs: 400, initialDelayMs: 10, maxDelayMs: 40 },
};

type Props = Record<string, unknown>;

function graphGroupTarget(groupId: string, type = "group"): Props {
  return {
    target: {
      "@odata.type": `#microsoft.graph.${type}AssignmentTarget`,
      groupId,
      deviceAndAppManagementAssignmentFilterId: null,
      deviceAndAppManagementAssignmentFilterType: "none",
    },
  };
}

describe("ConfigurationPolicyAssignmentProvider against the Graph sandbox", function () {
  let sandbox: Sandbox;
  const provider = new ConfigurationPolicyAssignmentProvider(FAST);
  const requests = (): string[] => requestLines(sandbox);
  const checked = checkedBy(provider);
  const seedPolicy = (name: string): string => sandbox.seedConfigurationPolicy(webSignInProfile(name));
  const assignedTargets = (policyId: string): unknown[] =>
    ((sandbox.configurationPolicy(policyId)?.assignments ?? []) as { target: unknown }[]).map(
      (a) => a.target,
    );

  useSandboxInEnvironment((started) => (sandbox = started));

  describe("lifecycle", () => {
    let policyId: string;
    let autopilot: string;
    let leavers: string;
    let outs: Props;

    before(() => {
      policyId = seedPolicy("Web sign-in");
      autopilot = sandbox.addGroup({ displayName: "Autopilot devices" });
      leavers = sandbox.addGroup({ displayName: "Leavers" });
    });

    it("check rejects bad targets and sends no request", async () => {
      const result = await provider.check(
        {},
        { policyId, assignments: [{ target: "group", groupId: "Autopilot" }] },
      );
      assert.deepEqual(result.failures, [
        {
          property: "assignments[0].groupId",
          reason: `the group target needs the group's object id (a GUID), found "Autopilot"`,
        },
      ]);
      assert.deepEqual(sandbox.graphRequests(), []);
    });

    it("create reads the list, then assigns the whole declared list in one POST", async () => {
      const result = await provider.create(
        await checked({ policyId, assignments: [{ target: "group", groupId: autopilot }] }),
      );
      outs = result.outs as unknown as Props;

      assert.deepEqual(requests(), [
        `GET ${POLICIES}/${policyId}/assignments 200`,
        `POST ${POLICIES}/${policyId}/assign 200`,
      ]);
      assert.deepEqual(sandbox.graphRequests()[1].body, { assignments: [graphGroupTarget(autopilot)] });
      assert.equal(result.id, policyId);
      assert.deepEqual(outs, { policyId, assignments: [{ target: "group", groupId: autopilot }] });
      assert.deepEqual(assignedTargets(policyId), [graphGroupTarget(autopilot).target]);
    });

    it("create sends nothing when Intune already holds exactly the declared list (an adopted profile)", async () => {
      const adopted = seedPolicy("Assigned in the admin center");
      // As the Intune admin center assigns it, the group id upper-cased.
      sandbox.setAssignments(adopted, [graphGroupTarget(autopilot.toUpperCase())]);
      const before = sandbox.configurationPolicy(adopted)?.assignments;
      sandbox.clearLog();

      const result = await provider.create(
        await checked({ policyId: adopted, assignments: [{ target: "group", groupId: autopilot }] }),
      );

      assert.deepEqual(requests(), [`GET ${POLICIES}/${adopted}/assignments 200`]);
      assert.deepEqual(result.outs, {
        policyId: adopted,
        assignments: [{ target: "group", groupId: autopilot }],
      });
      assert.deepEqual(sandbox.configurationPolicy(adopted)?.assignments, before);
    });

    it("read returns the declared shape in one GET", async () => {
      const read = await provider.read(policyId);
      assert.deepEqual(requests(), [`GET ${POLICIES}/${policyId}/assignments 200`]);
      assert.deepEqual(read, { id: policyId, props: outs, inputs: outs });
    });

    it("diff of the unchanged program is empty", async () => {
      const diff = await provider.diff(
        policyId,
        outs,
        await checked({ policyId, assignments: [{ target: "group", groupId: autopilot.toUpperCase() }] }),
      );
      assert.deepEqual(diff, { changes: false, replaces: [] });
    });

    it("update sends the complete new list (assign replaces all)", async () => {
      const news = await checked({
        policyId,
        assignments: [
          { target: "group", groupId: autopilot },
          { target: "exclusionGroup", groupId: leavers },
          { target: "allDevices", filterId: FILTER, filterType: "include" },
        ],
      });
      assert.deepEqual(await provider.diff(policyId, outs, news), { changes: true, replaces: [] });

      outs = (await provider.update(policyId, outs, news)).outs as unknown as Props;

      assert.deepEqual(requests(), [`POST ${POLICIES}/${policyId}/assign 200`]);
      const allDevices = {
        target: {
          "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget",
          deviceAndAppManagementAssignmentFilterId: FILTER,
          deviceAndAppManagementAssignmentFilterType: "include",
        },
      };
      assert.deepEqual(sandbox.graphRequests()[0].body, {
        assignments: [graphGroupTarget(autopilot), graphGroupTarget(leavers, "exclusionGroup"), allDevices],
      });
      const stored = sandbox.configurationPolicy(policyId)?.assignments as { id: string }[];
      assert.deepEqual(
        stored.map((a) => a.id).sort(),
        [`${policyId}_${autopilot}`, `${policyId}_${leavers}`, `${policyId}_${ALL_DEVICES_ID}`].sort(),
      );
    });

    it("shows a group added in the portal in read and in diff, on assignments only", async () => {
      const portal = sandbox.addGroup({ displayName: "Added in the portal" });
      const current = sandbox.configurationPolicy(policyId)?.assignments as unknown[];
      sandbox.setAssignments(policyId, [...current, graphGroupTarget(portal)]);

      const read = await provider.read(policyId);

      const readAssignments = (read.props as { assignments: unknown[] }).assignments;
      assert.equal(readAssignments.length, 4);
      assert.ok(
        readAssignments.some(
          (a) => JSON.stringify(a) === JSON.stringify({ target: "group", groupId: portal }),
        ),
      );
      assert.deepEqual(diffAssignments(read.props as unknown as Props, outs).changed, ["assignments"]);
      assert.deepEqual(diffAssignments(outs, read.inputs as unknown as Props).changed, ["assignments"]);

      await provider.update(policyId, read.props as unknown as Props, outs);
      assert.equal(assignedTargets(policyId).length, 3);
    });

    it("delete assigns an empty list", async () => {
      await provider.delete(policyId);
      assert.deepEqual(requests(), [`POST ${POLICIES}/${policyId}/assign 200`]);
      assert.deepEqual(sandbox.graphRequests()[0].body, { assignments: [] });
      assert.deepEqual(assignedTargets(policyId), []);
    });

    it("delete and read treat a deleted policy as gone", async () => {
      const gone = seedPolicy("Deleted in the portal");
      // Deleted the way the portal would: through Graph, outside the provider.
      const response = await fetch(`${sandbox.graphEndpoint}${POLICIES}/${gone}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${sandbox.issueToken()}` },
      });
      assert.equal(response.status, 204);
      sandbox.clearLog();

      await provider.delete(gone);
      assert.deepEqual(await provider.read(gone), {});
      assert.deepEqual(requests(), [
        `POST ${POLICIES}/${gone}/assign 404`,
        `GET ${POLICIES}/${gone}/assignments 404`,
      ]);
    });
  });

  describe("ids in URLs", () => {
    it("create refuses a policyId with a path in it and sends nothing (it must not assign another profile)", async () => {
      const own = seedPolicy("Own profile");
      const other = seedPolicy("Another profile");
      sandbox.clearLog();
      await assert.rejects(
        provider.create({ policyId: `${own}/../${other}`, assignments: [{ target: "allDevices" }] }),
        {
          message: `Invalid configuration policy assignment inputs: policyId: expected the id of a configuration policy (a GUID such as 00000000-0000-0000-0000-000000000000), found "${own}/../${other}"`,
        },
      );
      assert.deepEqual(sandbox.graphRequests(), []);
      assert.deepEqual(assignedTargets(other), []);
    });

    it("create refuses a policyId with a query in it and sends nothing", async () => {
      const own = seedPolicy("Profile with a query");
      sandbox.clearLog();
      await assert.rejects(
        provider.create({ policyId: `${own}?$filter=x`, assignments: [{ target: "allDevices" }] }),
        {
          message:
            /^Invalid configuration policy assignment inputs: policyId: expected the id of a configuration policy/,
        },
      );
      assert.deepEqual(sandbox.graphRequests(), []);
      assert.deepEqual(assignedTargets(own), []);
    });

    it("read and delete send an id from state as one encoded path segment", async () => {
      const own = seedPolicy("Read with a bad id");
      const other = seedPolicy("Not to be read");
      sandbox.setAssignments(other, [graphGroupTarget(sandbox.addGroup({ displayName: "Theirs" }))]);
      sandbox.clearLog();
      const id = `${own}/../${other}`;

      assert.deepEqual(await provider.read(id), {});
      await provider.delete(id);

      const encoded = `${POLICIES}/${own}%2F..%2F${other}`;
      assert.deepEqual(requests(), [`GET ${encoded}/assignments 404`, `POST ${encoded}/assign 404`]);
      assert.equal(assignedTargets(other).length, 1);
    });
  });

  describe("replication lag", () => {
    /** Intune's 400 for a group it cannot see, as Graph wraps it (JSON inside error.message). */
    const intuneGroupRefusal = (groupId: string): FaultSpec => ({
      method: "POST",
      path: /\/assign$/,
      status: 400,
      body: {
        error: {
          code: "BadRequest",
          message: JSON.stringify({
            _version: 3,
            Message: `Invalid GroupId : ${groupId} provided, a valid AADGroupId is expected. - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000`,
          }),
          innerError: { "request-id": "11111111-2222-4333-8444-555555555555", date: "2026-01-01T00:00:00" },
        },
      },
    });

    it("waits for a group Graph knows but Intune cannot see yet, looking it up once, then assigns it", async () => {
      const policyId = seedPolicy("Lagging group");
      const group = sandbox.addGroup({ displayName: "Just created" });
      sandbox.fault({ ...intuneGroupRefusal(group), times: 2 });

      await provider.create(await checked({ policyId, assignments: [{ target: "group", groupId: group }] }));

      assert.deepEqual(requests(), [
        `GET ${POLICIES}/${policyId}/assignments 200`,
        `POST ${POLICIES}/${policyId}/assign 400`,
        `GET /v1.0/groups/${group} 200`,
        `POST ${POLICIES}/${policyId}/assign 400`,
        `POST ${POLICIES}/${policyId}/assign 200`,
      ]);
      assert.deepEqual(sandbox.graphRequests()[2].query, { $select: "id" });
      assert.deepEqual(assignedTargets(policyId), [graphGroupTarget(group).target]);
    });

    it("fails at once, naming the property, when a target group does not exist in the tenant", async () => {
      const policyId = seedPolicy("Mistyped group");
      const known = sandbox.addGroup({ displayName: "Leavers" });
      const missing = "0badc0de-0000-4000-8000-000000000404";
      // Waiting would take at least a second: the failure must come before that.
      const patient = new ConfigurationPolicyAssignmentProvider({
        ...FAST,
        replicationLag: { timeoutMs: 3_000, initialDelayMs: 1_000, maxDelayMs: 1_000 },
      });
      const news = await checked({
        policyId,
        assignments: [
          { target: "exclusionGroup", groupId: known },
          { target: "group", groupId: missing },
        ],
      });

      const started = Date.now();
      await assert.rejects(patient.create(news), (error: Error) => {
        const lookup = sandbox.graphRequests()[2];
        assert.equal(
          error.message,
          `Assigning configuration policy ${policyId}: assignments[0].groupId: ${missing} is not a group in this tenant: ` +
            `Intune refused it ("a valid AADGroupId is expected") and GET /v1.0/groups/${missing}?$select=id answered 404 ` +
            `(request-id ${lookup.requestId}). Check the id; if it came from the stack config, correct passwordless-onboarding:autopilot.existingGroupId.`,
        );
        return true;
      });
      assert.ok(Date.now() - started < 900, `took ${Date.now() - started} ms`);
      assert.deepEqual(requests(), [
        `GET ${POLICIES}/${policyId}/assignments 200`,
        `POST ${POLICIES}/${policyId}/assign 400`,
        `GET /v1.0/groups/${missing} 404`,
        `GET /v1.0/groups/${known} 200`,
      ]);
      assert.deepEqual(assignedTargets(policyId), []);
    });

    it("keeps waiting when the app may not read groups (403), as before", async () => {
      const policyId = seedPolicy("No group read permission");
      const group = sandbox.addGroup({ displayName: "Unreadable" });
      sandbox.fault({ ...intuneGroupRefusal(group), times: 2 });
      sandbox.revoke("Group.ReadWrite.All");
      try {
        await provider.create(
          await checked({ policyId, assignments: [{ target: "group", groupId: group }] }),
        );
      } finally {
        sandbox.grant("Group.ReadWrite.All");
      }
      assert.deepEqual(requests(), [
        `GET ${POLICIES}/${policyId}/assignments 200`,
        `POST ${POLICIES}/${policyId}/assign 400`,
        `GET /v1.0/groups/${group} 403`,
        `POST ${POLICIES}/${policyId}/assign 400`,
        `POST ${POLICIES}/${policyId}/assign 200`,
      ]);
    });

    it("gives up within the bound when Intune never sees the group, saying why", async () => {
      const policyId = seedPolicy("Missing group");
      const group = sandbox.addGroup({ displayName: "Never visible to Intune" });
      sandbox.fault({ ...intuneGroupRefusal(group), times: 1_000 });

      const started = Date.now();
      await assert.rejects(
        provider.create(await checked({ policyId, assignments: [{ target: "group", groupId: group }] })),
        (error: Error) => {
          assert.match(
            error.message,
            new RegExp(
              `^Assigning configuration policy ${policyId}: Graph did not show group ${group} to Intune within 0\\.4 seconds \\(replication lag\\)\\. ` +
                `Last answer: POST ${POLICIES}/${policyId}/assign failed: 400 BadRequest: Invalid GroupId : ${group} provided, a valid AADGroupId is expected`,
            ),
          );
          assert.match(
            error.message,
            /A group created in the same update can take minutes to reach Intune: run the update again later/,
          );
          return true;
        },
      );
      assert.ok(Date.now() - started < 2_000);
      const lookups = requests().filter((line) => line.startsWith("GET /v1.0/groups/"));
      assert.deepEqual(lookups, [`GET /v1.0/groups/${group} 200`]);
      assert.deepEqual(assignedTargets(policyId), []);
    });

    it("does not wait when the policy itself does not exist", async () => {
      const group = sandbox.addGroup({ displayName: "Visible" });
      const missing = "00000000-0000-4000-8000-00000000dead";
      await assert.rejects(
        provider.create(
          await checked({ policyId: missing, assignments: [{ target: "group", groupId: group }] }),
        ),
        {
          message: new RegExp(
            `^Assigning configuration policy ${missing}: POST ${POLICIES}/${missing}/assign failed: 404 `,
          ),
        },
      );
      // The list read first finds no policy either; the assign then fails as it always did.
      assert.deepEqual(requests(), [
        `GET ${POLICIES}/${missing}/assignments 404`,
        `POST ${POLICIES}/${missing}/assign 404`,
      ]);
    });
  });
});
