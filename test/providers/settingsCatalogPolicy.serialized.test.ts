/**
 * The settings-catalog profile provider serialized the way `pulumi.dynamic.Resource` stores it,
 * then loaded and run in a fresh Node process that has only the sandbox's environment: proves it
 * captures no credential, client or SDK module and works from its serialized text alone.
 */
import { strict as assert } from "node:assert";
import { SETTINGS_CATALOG_POLICY_PROVIDER } from "../../infra/providers/settingsCatalogPolicy";
import { thinProviderText } from "../../infra/providers/thinProvider";
import type { Sandbox } from "../sandbox";
import { requestLines } from "./support/providerSuite";
import { runSerializedProvider } from "./support/serializedProviderRunner";
import { FAST_SERIALIZED_OPTIONS, useSerializedProvider } from "./support/serializedSuite";
import { webSignInProfile } from "./support/webSignInProfile";

const POLICIES = "/beta/deviceManagement/configurationPolicies";
/** The serialized text lands in Pulumi state with every resource: keep it small. */
const MAX_SERIALIZED_BYTES = 10 * 1024;

describe("SettingsCatalogPolicyProvider serialized and run in a fresh process", function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let text: string;

  useSerializedProvider(
    () => thinProviderText(SETTINGS_CATALOG_POLICY_PROVIDER, FAST_SERIALIZED_OPTIONS),
    (ready) => ({ sandbox, text } = ready),
    { maxBytes: MAX_SERIALIZED_BYTES },
  );

  it("checks, creates, reads, diffs and deletes a profile from the serialized text", async () => {
    const inputs = webSignInProfile("Serialized Web sign-in");

    const results = await runSerializedProvider({
      text,
      env: sandbox.env(),
      steps: [
        { method: "configure", args: [{}] },
        { method: "check", args: [{}, inputs] },
        { method: "create", args: [{ $step: 1, path: ["inputs"] }] },
        {
          method: "read",
          args: [
            { $step: 2, path: ["id"] },
            { $step: 2, path: ["outs"] },
          ],
        },
        {
          method: "diff",
          args: [
            { $step: 2, path: ["id"] },
            { $step: 3, path: ["props"] },
            { $step: 1, path: ["inputs"] },
          ],
        },
        {
          method: "delete",
          args: [
            { $step: 2, path: ["id"] },
            { $step: 2, path: ["outs"] },
          ],
        },
      ],
    });

    assert.deepEqual(
      results.map((r) => r.ok),
      [true, true, true, true, true, true],
      JSON.stringify(results.filter((r) => !r.ok)),
    );
    const values = results.map((r) => (r.ok ? r.value : undefined)) as Record<string, unknown>[];
    assert.deepEqual(values[1].failures ?? [], []);
    const created = values[2] as { id: string; outs: Record<string, unknown> };
    assert.equal(created.outs.name, "Serialized Web sign-in");
    const { createdAt: createdAt, ...declared } = created.outs;
    assert.deepEqual(values[3], { id: created.id, props: created.outs, inputs: declared });
    assert.deepEqual(values[4], { changes: false, replaces: [], deleteBeforeReplace: false });
    assert.deepEqual(requestLines(sandbox), [
      `GET ${POLICIES} 200`,
      `POST ${POLICIES} 201`,
      `GET ${POLICIES}/${created.id} 200`,
      `DELETE ${POLICIES}/${created.id} 204`,
    ]);
    assert.deepEqual(sandbox.configurationPolicies(), []);
  });

  it("reports Graph's status, code and request-id from the serialized provider", async () => {
    sandbox.revoke("DeviceManagementConfiguration.ReadWrite.All");
    sandbox.grant("DeviceManagementConfiguration.Read.All");
    sandbox.clearLog();
    try {
      const [result] = await runSerializedProvider({
        text,
        env: sandbox.env(),
        steps: [
          {
            method: "create",
            args: [webSignInProfile("Refused")],
          },
        ],
      });
      assert.equal(result.ok, false);
      const message = result.ok ? "" : result.error.message;
      assert.match(
        message,
        new RegExp(`^Creating settings-catalog profile "Refused": POST ${POLICIES} failed: 403 `),
      );
      assert.match(
        message,
        /\(request-id [0-9a-f-]{36}\)\. The app needs DeviceManagementConfiguration\.ReadWrite\.All\.$/,
      );
      assert.deepEqual(sandbox.configurationPolicies(), []);
    } finally {
      sandbox.grant("DeviceManagementConfiguration.ReadWrite.All");
    }
  });
});
