import { strict as assert } from "node:assert";
import { parseUrn } from "../../scripts/drift-report/urn";
import { parsePropertyPath, redact, toDisplayValue, valueAtPath } from "../../scripts/drift-report/values";

const SECRET = {
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  ciphertext: "v1:abc",
};
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

describe("drift report values", () => {
  describe("parsePropertyPath", () => {
    it("splits keys, array indexes and quoted keys", () => {
      assert.deepEqual(parsePropertyPath('settings[0].settingInstance["@odata.type"]'), [
        "settings",
        0,
        "settingInstance",
        "@odata.type",
      ]);
    });

    it("keeps a path it cannot parse as one key", () => {
      assert.deepEqual(parsePropertyPath("a[b"), ["a[b"]);
    });
  });

  describe("valueAtPath", () => {
    const map = { targets: [{ id: "g1" }], token: SECRET, later: UNKNOWN, hidden: "[secret]" };

    it("walks objects and arrays", () => {
      assert.deepEqual(valueAtPath(map, ["targets", 0, "id"]), { kind: "value", value: "g1" });
    });

    it("reports a missing key or index as absent", () => {
      assert.deepEqual(valueAtPath(map, ["targets", 3, "id"]), { kind: "absent" });
      assert.deepEqual(valueAtPath(map, ["nothing"]), { kind: "absent" });
    });

    it("stops at a secret or unknown on the way down", () => {
      assert.deepEqual(valueAtPath(map, ["token", "inner"]), { kind: "secret" });
      assert.deepEqual(valueAtPath(map, ["hidden", "inner"]), { kind: "secret" });
      assert.deepEqual(valueAtPath(map, ["later", "inner"]), { kind: "unknown" });
    });
  });

  describe("toDisplayValue and redact", () => {
    it("treats an output value marked secret as a secret and one without a value as unknown", () => {
      const output = { "4dabf18193072939515e22adb298388d": "d0e6a833031e9bbcd3f4e8bde6ca49a4" };
      assert.deepEqual(toDisplayValue({ ...output, value: "x", secret: true }), { kind: "secret" });
      assert.deepEqual(toDisplayValue(output), { kind: "unknown" });
      assert.deepEqual(toDisplayValue({ ...output, value: 5 }), { kind: "value", value: 5 });
    });

    it("replaces nested secrets and unknowns inside objects and arrays", () => {
      assert.deepEqual(redact({ a: [SECRET, UNKNOWN], b: { c: "[secret]" } }), {
        a: ["[secret]", "[unknown]"],
        b: { c: "[secret]" },
      });
    });
  });

  describe("parseUrn", () => {
    it("takes the last type of the parent chain and keeps '::' inside names", () => {
      assert.deepEqual(
        parseUrn(
          "urn:pulumi:prod::passwordless-onboarding::pkg:index:Parent$azuread:index/group:Group::odd::name",
        ),
        {
          stack: "prod",
          project: "passwordless-onboarding",
          type: "azuread:index/group:Group",
          name: "odd::name",
        },
      );
    });
  });
});
