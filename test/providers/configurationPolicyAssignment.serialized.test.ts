/**
 * The assignment provider serialized the way `pulumi.dynamic.Resource` stores it, then loaded
 * and run in a fresh Node process that has only the sandbox's environment.
 */
import { strict as assert } from "node:assert";
import { ConfigurationPolicyAssignmentProvider } from "../../infra/providers/configurationPolicyAssignment";
import { startSandbox, type Sandbox } from "../sandbox";
import { serializeWithCredentialsInEnvironment } from "./support/sandboxEnvironment";
import { runSerializedProvider } from "./support/serializedProviderRunner";

const POLICIES = "/beta/deviceManagement/configurationPolicies";
const MAX_SERIALIZED_BYTES = 300_000;

describe("ConfigurationPolicyAssignmentProvider serialized and run in a fresh process", function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let text: string;

  before(async () => {
    sandbox = await startSandbox();
    // Serialized while the secret is in this process's environment: it must still not be captured.
    const provider = new ConfigurationPolicyAssignmentProvider({
      retry: { baseDelayMs: 1, maxDelayMs: 20 },
      replicationLag: { timeoutMs: 200, initialDelayMs: 10, maxDelayMs: 50 },
    });
    text = await serializeWithCredentialsInEnvironment(sandbox, provider);
  });

  after(async () => {
    await sandbox.stop();
  });

  it("contains neither the client secret nor a captured credential", () => {
    assert.ok(!text.includes(sandbox.clientSecret));
    assert.ok(
      Buffer.byteLength(text) < MAX_SERIALIZED_BYTES,
      `serialized size ${Buffer.byteLength(text)} bytes`,
    );
  });

  it("assigns, reads and clears a policy's assignments from the serialized text", async () => {
    const policyId = sandbox.seedConfigurationPolicy({
      name: "Assigned from a fresh process",
      platforms: "windows10",
      technologies: "mdm",
      settings: [
        {
          settingInstance: {
            "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
            settingDefinitionId: "device_vendor_msft_policy_config_authentication_enablewebsignin",
            choiceSettingValue: {
              value: "device_vendor_msft_policy_config_authentication_enablewebsignin_1",
            },
          },
        },
      ],
    });
    const groupId = sandbox.addGroup({ displayName: "Autopilot devices" });
    sandbox.clearLog();

    const results = await runSerializedProvider({
      text,
      env: sandbox.env(),
      steps: [
        { method: "configure", args: [{}] },
        { method: "check", args: [{}, { policyId, assignments: [{ target: "group", groupId }] }] },
        { method: "create", args: [{ $step: 1, path: ["inputs"] }] },
        { method: "read", args: [policyId, { $step: 2, path: ["outs"] }] },
        { method: "delete", args: [policyId, { $step: 2, path: ["outs"] }] },
      ],
    });

    assert.deepEqual(
      results.map((r) => r.ok),
      [true, true, true, true, true],
      JSON.stringify(results.filter((r) => !r.ok)),
    );
    const values = results.map((r) => (r.ok ? r.value : undefined)) as Record<string, unknown>[];
    const expected = { policyId, assignments: [{ target: "group", groupId }] };
    assert.deepEqual(values[2], { id: policyId, outs: expected });
    assert.deepEqual(values[3], { id: policyId, props: expected, inputs: expected });
    assert.deepEqual(
      sandbox.graphRequests().map((r) => `${r.method} ${r.path} ${r.status}`),
      [
        `POST ${POLICIES}/${policyId}/assign 200`,
        `GET ${POLICIES}/${policyId}/assignments 200`,
        `POST ${POLICIES}/${policyId}/assign 200`,
      ],
    );
    assert.deepEqual(sandbox.configurationPolicy(policyId)?.assignments, []);
  });
});
