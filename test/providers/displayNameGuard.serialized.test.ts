/**
 * The DisplayNameGuard provider's thin entry serialized the way `pulumi.dynamic.Resource` stores
 * it, then loaded and run in a fresh Node process that has only the sandbox's environment: the
 * host finds the provider class in the checkout and its check looks the name up in Graph.
 */
import { strict as assert } from "node:assert";
import { DISPLAY_NAME_GUARD_PROVIDER } from "../../infra/providers/displayNameGuard";
import { thinProviderText } from "../../infra/providers/thinProvider";
import type { Sandbox } from "../sandbox";
import { requestLines } from "./support/providerSuite";
import { runSerializedProvider } from "./support/serializedProviderRunner";
import { FAST_SERIALIZED_OPTIONS, useSerializedProvider } from "./support/serializedSuite";

const MAX_SERIALIZED_BYTES = 10 * 1024;

describe("DisplayNameGuardProvider serialized and run in a fresh process", function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let text: string;

  useSerializedProvider(
    () => thinProviderText(DISPLAY_NAME_GUARD_PROVIDER, FAST_SERIALIZED_OPTIONS),
    (ready) => ({ sandbox, text } = ready),
    { maxBytes: MAX_SERIALIZED_BYTES },
  );

  it("refuses a taken group name in check, and creates and deletes a guard without a Graph request", async () => {
    const taken = sandbox.addGroup({ displayName: "Autopilot devices" });
    sandbox.clearLog();
    const free = { objectType: "group", displayName: "Kiosks", adopt: false };

    const results = await runSerializedProvider({
      text,
      env: sandbox.env(),
      steps: [
        { method: "configure", args: [{}] },
        {
          method: "check",
          args: [{}, { objectType: "group", displayName: "Autopilot devices", adopt: false }],
        },
        { method: "check", args: [{}, free] },
        { method: "create", args: [{ $step: 2, path: ["inputs"] }] },
        { method: "delete", args: ["display-name-guard:group", { $step: 3, path: ["outs"] }] },
      ],
    });

    assert.deepEqual(
      results.map((r) => r.ok),
      [true, true, true, true, true],
      JSON.stringify(results.filter((r) => !r.ok)),
    );
    const values = results.map((r) => (r.ok ? r.value : undefined)) as Record<string, unknown>[];
    const failures = values[1].failures as { property: string; reason: string }[];
    assert.equal(failures[0].property, "displayName");
    assert.match(failures[0].reason, new RegExp(`already exists in this tenant \\(id ${taken}\\)`));
    assert.deepEqual(values[2], { inputs: free });
    assert.deepEqual(values[3], { id: "display-name-guard:group", outs: free });
    assert.deepEqual(requestLines(sandbox), ["GET /v1.0/groups 200", "GET /v1.0/groups 200"]);
  });
});
