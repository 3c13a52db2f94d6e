/** The program declares the TAP policy from the stack config (Pulumi's mock runtime, no Graph). */
import * as assert from "node:assert/strict";
import { findResource, loadStackConfig, runProgram } from "../program/runProgram";

const TAP_TYPE = "pulumi-nodejs:dynamic/entra:TemporaryAccessPassPolicy";
const TAP_KEY = "passwordless-onboarding:temporaryAccessPass";

describe("TemporaryAccessPassPolicy in the program", function () {
  this.timeout(60_000);

  it("declares onboarding-tap-policy under the component with the inputs of Pulumi.dev.yaml", async () => {
    const stack = loadStackConfig("Pulumi.dev.yaml");
    // The file's onDestroy is the default and it excludes no group; both are changed (one run is
    // slow: every dynamic provider is serialized) to show they reach the resource.
    const config = {
      ...stack,
      [TAP_KEY]: {
        ...(stack[TAP_KEY] as Record<string, unknown>),
        onDestroy: "reset",
        excludeGroupIds: ["00000000-0000-4000-8000-0000000000bb"],
      },
    };

    const { resources, outputs } = await runProgram(config);

    const tap = findResource(resources, TAP_TYPE, "onboarding-tap-policy");
    const { __provider: provider, ...inputs } = tap.inputs;
    assert.deepEqual(inputs, {
      state: "enabled",
      defaultLifetimeInMinutes: 480,
      minimumLifetimeInMinutes: 60,
      maximumLifetimeInMinutes: 480,
      defaultLength: 8,
      isUsableOnce: false,
      includeTargets: [
        { id: "00000000-0000-0000-0000-0000000000a1", targetType: "group", isRegistrationRequired: false },
      ],
      excludeTargets: [{ id: "00000000-0000-4000-8000-0000000000bb", targetType: "group" }],
      onDestroy: "reset",
      providerVersion: "1",
    });
    assert.equal(typeof provider, "string");
    assert.match(provider as string, /exports\.handler = /);
    assert.deepEqual(tap.parent, {
      type: "passwordless:onboarding:PasswordlessOnboarding",
      name: "onboarding",
    });
    assert.equal(outputs.temporaryAccessPassPolicyId, "TemporaryAccessPass");
  });
});
