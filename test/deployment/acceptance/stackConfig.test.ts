import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { FakeStack } from "./fakeStack";
import { fullConfigKey, PROJECT_NAMESPACE, toConfigJson, writeStackConfig } from "./stackConfig";

const TAP = {
  state: "enabled",
  includeGroupIds: ["5d0c6b1e-8f43-4c7a-9a51-0f2b8a6c1d01"],
  excludeGroupIds: [],
};
const AUTOPILOT = { groupDisplayName: "Autopilot devices (acceptance)" };

describe("acceptance driver: stack config", () => {
  describe("keys", () => {
    it("puts a key without a namespace into the project's and keeps a namespaced one", () => {
      assert.equal(PROJECT_NAMESPACE, "passwordless-onboarding");
      assert.equal(fullConfigKey("temporaryAccessPass"), "passwordless-onboarding:temporaryAccessPass");
      assert.equal(fullConfigKey("azuread:environment"), "azuread:environment");
      assert.equal(fullConfigKey("passwordless-onboarding:webSignIn"), "passwordless-onboarding:webSignIn");
    });

    it("refuses an empty key or one with an empty namespace or name", () => {
      for (const key of ["", ":webSignIn", "azuread:"]) {
        assert.throws(() => fullConfigKey(key), /Invalid stack config key/, JSON.stringify(key));
      }
    });

    it("refuses two keys that name the same full key", () => {
      assert.throws(
        () => toConfigJson({ webSignIn: {}, "passwordless-onboarding:webSignIn": {} }),
        /webSignIn and passwordless-onboarding:webSignIn both name passwordless-onboarding:webSignIn/,
      );
    });
  });

  describe("values", () => {
    it("sends objects and arrays as structured values and scalars as text", () => {
      assert.deepEqual(
        toConfigJson({
          temporaryAccessPass: TAP,
          guardrails: { suppress: {} },
          list: [1, "two"],
          "azuread:environment": "usgovernment",
          count: 3,
          flag: false,
          nothing: null,
          left: undefined,
        }),
        {
          "passwordless-onboarding:temporaryAccessPass": {
            value: JSON.stringify(TAP),
            objectValue: TAP,
            secret: false,
          },
          "passwordless-onboarding:guardrails": {
            value: '{"suppress":{}}',
            objectValue: { suppress: {} },
            secret: false,
          },
          "passwordless-onboarding:list": { value: '[1,"two"]', objectValue: [1, "two"], secret: false },
          "azuread:environment": { value: "usgovernment", secret: false },
          "passwordless-onboarding:count": { value: "3", secret: false },
          "passwordless-onboarding:flag": { value: "false", secret: false },
          "passwordless-onboarding:nothing": { value: "null", secret: false },
        },
      );
    });

    it("refuses values config cannot hold, naming the key", () => {
      assert.throws(
        () => toConfigJson({ webSignIn: () => 1 }),
        /passwordless-onboarding:webSignIn: cannot store a function/,
      );
      assert.throws(
        () => toConfigJson({ count: Number.NaN }),
        /passwordless-onboarding:count: cannot store NaN/,
      );
      assert.throws(() => toConfigJson({ big: BigInt(1) }), /cannot store a bigint/);
    });
  });

  describe("writing a step's config", () => {
    it("writes every key in one set-all, as structured values the stack file keeps as mappings", async () => {
      const stack = new FakeStack();
      await writeStackConfig(stack, { temporaryAccessPass: TAP, autopilot: AUTOPILOT });
      assert.deepEqual(stack.calls, [
        "config --json",
        "config set-all --json passwordless-onboarding:temporaryAccessPass passwordless-onboarding:autopilot",
      ]);
      assert.deepEqual(stack.file, {
        "passwordless-onboarding:temporaryAccessPass": TAP,
        "passwordless-onboarding:autopilot": AUTOPILOT,
      });
    });

    it("removes the keys of a previous step that the new config leaves out, before setting the new ones", async () => {
      const stack = new FakeStack("acceptance", {
        "passwordless-onboarding:temporaryAccessPass": TAP,
        "passwordless-onboarding:autopilot": { existingGroupId: "7e3a9c10-2b4d-4f6e-8a1c-3d5e7f9a0b01" },
        "azuread:environment": "public",
        "pulumi:tags": { team: "identity" },
      });
      await writeStackConfig(stack, { temporaryAccessPass: { ...TAP, state: "disabled" } });
      assert.deepEqual(stack.calls, [
        "config --json",
        "config rm-all passwordless-onboarding:autopilot azuread:environment",
        "config set-all --json passwordless-onboarding:temporaryAccessPass",
      ]);
      assert.deepEqual(stack.file, {
        "passwordless-onboarding:temporaryAccessPass": { ...TAP, state: "disabled" },
        "pulumi:tags": { team: "identity" },
      });
    });

    it("empties the config for an empty step without calling set-all", async () => {
      const stack = new FakeStack("acceptance", { "passwordless-onboarding:autopilot": AUTOPILOT });
      await writeStackConfig(stack, {});
      assert.deepEqual(stack.calls, ["config --json", "config rm-all passwordless-onboarding:autopilot"]);
      assert.deepEqual(stack.file, {});
    });

    it("leaves the stack file holding exactly what Pulumi.dev.yaml holds, given its config", async () => {
      const devFile = parse(readFileSync(join(__dirname, "..", "..", "..", "Pulumi.dev.yaml"), "utf8")) as {
        config: Record<string, unknown>;
      };
      const stepConfig = Object.fromEntries(
        Object.entries(devFile.config).map(([key, value]) => [
          key.replace(`${PROJECT_NAMESPACE}:`, ""),
          value,
        ]),
      );
      const stack = new FakeStack();
      await writeStackConfig(stack, stepConfig);
      assert.deepEqual(stack.file, devFile.config);
    });

    it("writes nothing when the config is invalid", async () => {
      const stack = new FakeStack();
      await assert.rejects(writeStackConfig(stack, { "": 1 }), /Invalid stack config key/);
      assert.deepEqual(stack.calls, []);
    });
  });
});
