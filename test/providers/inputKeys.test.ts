import { strict as assert } from "node:assert";
import { ENGINE_INPUT_KEYS, unknownKeyFailures } from "../../infra/providers/inputKeys";
import { closestName } from "../../infra/settings/suggestions";

describe("unknown input keys (shared by every provider's check)", () => {
  const known = ["name", "adoptExisting", "templateId"];

  it("names each unknown key, suggesting the closest known key when it is an obvious misspelling", () => {
    assert.deepEqual(unknownKeyFailures({ name: "x", adopt_existing: true, colour: "blue" }, known), [
      {
        property: "adopt_existing",
        reason:
          "expected only name, adoptExisting, templateId, found adopt_existing. Did you mean adoptExisting?",
      },
      { property: "colour", reason: "expected only name, adoptExisting, templateId, found colour" },
    ]);
  });

  it("prefixes nested keys with their path and says where they were found", () => {
    assert.deepEqual(
      unknownKeyFailures({ ID: "x" }, ["id", "targetType"], { path: "t[0]", where: "a target" }),
      [
        {
          property: "t[0].ID",
          reason: "expected only id, targetType in a target, found ID. Did you mean id?",
        },
      ],
    );
  });

  it("reports own __proto__ and constructor keys like any other", () => {
    const raw = JSON.parse('{"__proto__":{"name":"x"},"constructor":1,"name":"y"}') as Record<
      string,
      unknown
    >;
    assert.deepEqual(
      unknownKeyFailures(raw, known).map((f) => f.property),
      ["__proto__", "constructor"],
    );
  });

  it("accepts the engine's and the resource class's keys and ignores undefined values", () => {
    assert.deepEqual(ENGINE_INPUT_KEYS, ["__provider", "providerVersion", "connection"]);
    assert.deepEqual(
      unknownKeyFailures({ name: "x", __provider: "code", providerVersion: "1", other: undefined }, known, {
        alsoAccepted: ENGINE_INPUT_KEYS,
      }),
      [],
    );
  });

  it("suggests only obvious misspellings", () => {
    assert.equal(closestName("nmae", known), "name");
    assert.equal(closestName("foo", ["id"]), undefined);
    assert.equal(closestName("x", ["id"]), undefined);
    assert.equal(closestName("anything", []), undefined);
  });
});
