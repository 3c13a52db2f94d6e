/**
 * The assignment provider serialized the way `pulumi.dynamic.Resource` stores it, then loaded
 * and run in a fresh Node process that has only the sandbox's environment.
 */
import { strict as assert } from "node:assert";
import { CONFIGURATION_POLICY_ASSIGNMENT_PROVIDER } from "../../infra/providers/configurationPolicyAssignment";
import { thinProviderText } from "../../infra/providers/thinProvider";
import type { Sandbox } from "../sandbox";
import { requestLines } from "./support/providerSuite";
import { runSerializedProvider } from "./support/serializedProviderRunner";
import { FAST_SERIALIZED_OPTIONS, useSerializedProvider } from "./support/serializedSuite";
import { webSignInProfile } from "./support/webSignInProfile";

const POLICIES = "/beta/deviceManagement/configurationPolicies";
const MAX_SERIALIZED_BYTES = 10 * 1024;

describe("ConfigurationPolicyAssignmentProvider serialized and run in a fresh process", function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let text: string;

  useSerializedProvider(
    () => thinProviderText(CONFIGURATION_POLICY_ASSIGNMENT_PROVIDER, FAST_SERIALIZED_OPTIONS),
    (ready) => ({ sandbox, text } = ready),
    { maxBytes: MAX_SERIALIZED_BYTES },
  );

  it("assigns, reads and clears a policy's assignments from the serialized text", async () => {
    const policyId = sandbox.seedConfigurationPolicy(webSignInProfile("Assigned from a fresh process"));
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
    assert.deepEqual(requestLines(sandbox), [
      `GET ${POLICIES}/${policyId}/assignments 200`,
      `POST ${POLICIES}/${policyId}/assign 200`,
      `GET ${POLICIES}/${policyId}/assignments 200`,
      `POST ${POLICIES}/${policyId}/assign 200`,
    ]);
    assert.deepEqual(sandbox.configurationPolicy(policyId)?.assignments, []);
  });
});
