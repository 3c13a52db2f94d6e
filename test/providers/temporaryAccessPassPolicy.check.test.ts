import * as assert from "node:assert/strict";
import { checkTapInputs } from "../../infra/providers/temporaryAccessPass/check";
import { UNKNOWN_VALUE } from "../../infra/providers/temporaryAccessPass/model";

const GROUP_A = "00000000-0000-4000-8000-0000000000aa";
const GROUP_B = "00000000-0000-4000-8000-0000000000bb";

const VALID = {
  state: "enabled",
  defaultLifetimeInMinutes: 120,
  minimumLifetimeInMinutes: 60,
  maximumLifetimeInMinutes: 480,
  defaultLength: 12,
  isUsableOnce: false,
  includeTargets: [{ id: GROUP_A, targetType: "group", isRegistrationRequired: false }],
  excludeTargets: [{ id: GROUP_B, targetType: "group" }],
  onDestroy: "restore",
};

function failuresFor(overrides: Record<string, unknown>): { property: string; reason: string }[] {
  return checkTapInputs({ ...VALID, ...overrides });
}

describe("TemporaryAccessPassPolicy check", () => {
  it("accepts a complete valid configuration and an empty one (Microsoft's defaults)", () => {
    assert.deepEqual(checkTapInputs(VALID), []);
    assert.deepEqual(checkTapInputs({}), []);
  });

  it("ignores the engine's __provider key and the undefined `previous` output", () => {
    assert.deepEqual(
      checkTapInputs({ ...VALID, __provider: "exports.handler = ...", previous: undefined }),
      [],
    );
  });

  it("rejects an unknown property by name", () => {
    assert.deepEqual(failuresFor({ defaultLenght: 12, colour: "blue" }), [
      {
        property: "defaultLenght",
        reason:
          "expected only state, defaultLifetimeInMinutes, minimumLifetimeInMinutes, maximumLifetimeInMinutes, defaultLength, isUsableOnce, includeTargets, excludeTargets, onDestroy, found defaultLenght. Did you mean defaultLength?",
      },
      {
        property: "colour",
        reason:
          "expected only state, defaultLifetimeInMinutes, minimumLifetimeInMinutes, maximumLifetimeInMinutes, defaultLength, isUsableOnce, includeTargets, excludeTargets, onDestroy, found colour",
      },
    ]);
  });

  it("suggests the closest known property for a misspelt one", () => {
    assert.deepEqual(failuresFor({ isUseableOnce: false }), [
      {
        property: "isUseableOnce",
        reason:
          "expected only state, defaultLifetimeInMinutes, minimumLifetimeInMinutes, maximumLifetimeInMinutes, defaultLength, isUsableOnce, includeTargets, excludeTargets, onDestroy, found isUseableOnce. Did you mean isUsableOnce?",
      },
    ]);
  });

  it("reports __proto__ and constructor like any unknown property", () => {
    const raw = JSON.parse('{"__proto__":{"state":"enabled"},"constructor":1}') as Record<string, unknown>;
    assert.deepEqual(
      checkTapInputs({ ...VALID, ...raw }).map((f) => f.property),
      ["__proto__", "constructor"],
    );
  });

  it("rejects a state other than enabled or disabled", () => {
    assert.deepEqual(failuresFor({ state: "on" }), [
      { property: "state", reason: 'expected "enabled" or "disabled", found "on"' },
    ]);
  });

  for (const [value, found] of [
    [7, "number 7"],
    [49, "number 49"],
    [8.5, "number 8.5"],
    ["12", '"12"'],
  ] as const) {
    it(`rejects defaultLength ${JSON.stringify(value)} (allowed 8-48)`, () => {
      assert.deepEqual(failuresFor({ defaultLength: value }), [
        { property: "defaultLength", reason: `expected an integer from 8 to 48, found ${found}` },
      ]);
    });
  }

  it("accepts the length bounds 8 and 48", () => {
    assert.deepEqual(failuresFor({ defaultLength: 8 }), []);
    assert.deepEqual(failuresFor({ defaultLength: 48 }), []);
  });

  for (const property of [
    "minimumLifetimeInMinutes",
    "maximumLifetimeInMinutes",
    "defaultLifetimeInMinutes",
  ]) {
    it(`rejects ${property} outside 10-43200`, () => {
      const low = {
        minimumLifetimeInMinutes: 10,
        defaultLifetimeInMinutes: 10,
        maximumLifetimeInMinutes: 10,
      };
      assert.deepEqual(failuresFor({ ...low, [property]: 9 }), [
        { property, reason: "expected an integer from 10 to 43200, found number 9" },
      ]);
      const high = {
        minimumLifetimeInMinutes: 43200,
        defaultLifetimeInMinutes: 43200,
        maximumLifetimeInMinutes: 43200,
      };
      assert.deepEqual(failuresFor(high), []);
      assert.deepEqual(failuresFor({ ...high, [property]: 43201 }), [
        { property, reason: "expected an integer from 10 to 43200, found number 43201" },
      ]);
    });
  }

  it("rejects a minimum lifetime above the maximum", () => {
    assert.deepEqual(failuresFor({ minimumLifetimeInMinutes: 600, defaultLifetimeInMinutes: 600 }), [
      {
        property: "minimumLifetimeInMinutes",
        reason: "expected at most maximumLifetimeInMinutes (480), found 600",
      },
    ]);
  });

  it("rejects a default lifetime outside [minimum, maximum]", () => {
    assert.deepEqual(failuresFor({ defaultLifetimeInMinutes: 30 }), [
      {
        property: "defaultLifetimeInMinutes",
        reason:
          "expected a value from minimumLifetimeInMinutes (60) to maximumLifetimeInMinutes (480), found 30",
      },
    ]);
    assert.deepEqual(failuresFor({ defaultLifetimeInMinutes: 481 }).length, 1);
  });

  it("checks the lifetime order against Microsoft's defaults for omitted lifetimes", () => {
    assert.deepEqual(checkTapInputs({ maximumLifetimeInMinutes: 30 }), [
      {
        property: "minimumLifetimeInMinutes",
        reason: "expected at most maximumLifetimeInMinutes (30), found 60",
      },
    ]);
  });

  it("rejects a non-boolean isUsableOnce", () => {
    assert.deepEqual(failuresFor({ isUsableOnce: "false" }), [
      { property: "isUsableOnce", reason: 'expected true or false, found "false"' },
    ]);
  });

  it("rejects a targetType other than user or group", () => {
    assert.deepEqual(failuresFor({ includeTargets: [{ id: GROUP_A, targetType: "device" }] }), [
      { property: "includeTargets[0].targetType", reason: 'expected "user" or "group", found "device"' },
    ]);
    assert.deepEqual(failuresFor({ excludeTargets: [{ id: GROUP_B, targetType: "role" }] }), [
      { property: "excludeTargets[0].targetType", reason: 'expected "user" or "group", found "role"' },
    ]);
  });

  it("rejects a target id that is neither a GUID nor all_users", () => {
    assert.deepEqual(failuresFor({ includeTargets: [{ id: "Sales team", targetType: "group" }] }), [
      {
        property: "includeTargets[0].id",
        reason: 'expected an object id (GUID) or "all_users", found "Sales team"',
      },
    ]);
    assert.deepEqual(failuresFor({ excludeTargets: [{ id: 42, targetType: "group" }] }), [
      { property: "excludeTargets[0].id", reason: "expected a user or group object id, found number 42" },
    ]);
  });

  it("accepts all_users only as an included group", () => {
    assert.deepEqual(failuresFor({ includeTargets: [{ id: "all_users", targetType: "group" }] }), []);
    assert.deepEqual(failuresFor({ includeTargets: [{ id: "all_users", targetType: "user" }] }), [
      {
        property: "includeTargets[0].targetType",
        reason: 'expected "group" for the all_users target, found "user"',
      },
    ]);
    assert.deepEqual(failuresFor({ excludeTargets: [{ id: "all_users", targetType: "group" }] }), [
      {
        property: "excludeTargets[0].id",
        reason: 'expected a user or group object id (all_users can only be included), found "all_users"',
      },
    ]);
  });

  it("rejects the same target twice in one list, whatever the letter case", () => {
    const twice = [
      { id: GROUP_A, targetType: "group" },
      { id: GROUP_A.toUpperCase(), targetType: "group" },
    ];
    assert.deepEqual(failuresFor({ includeTargets: twice }), [
      {
        property: "includeTargets[1].id",
        reason: `expected each target once, found "${GROUP_A.toUpperCase()}" again (already includeTargets[0])`,
      },
    ]);
    assert.deepEqual(
      failuresFor({ excludeTargets: twice }).map((f) => f.property),
      ["excludeTargets[1].id"],
    );
  });

  it("rejects malformed target lists and target properties", () => {
    assert.deepEqual(failuresFor({ includeTargets: "all_users" }), [
      { property: "includeTargets", reason: 'expected a list of targets, found "all_users"' },
    ]);
    assert.deepEqual(failuresFor({ includeTargets: [GROUP_A] }), [
      {
        property: "includeTargets[0]",
        reason: `expected an object {id, targetType, isRegistrationRequired}, found "${GROUP_A}"`,
      },
    ]);
    assert.deepEqual(
      failuresFor({ includeTargets: [{ id: GROUP_A, targetType: "group", isRegistrationRequired: "yes" }] }),
      [
        {
          property: "includeTargets[0].isRegistrationRequired",
          reason: 'expected true or false, found "yes"',
        },
      ],
    );
    assert.deepEqual(
      failuresFor({ excludeTargets: [{ id: GROUP_B, targetType: "group", isRegistrationRequired: false }] }),
      [
        {
          property: "excludeTargets[0].isRegistrationRequired",
          reason: "expected only id, targetType in an exclude target, found isRegistrationRequired",
        },
      ],
    );
  });

  it("rejects an onDestroy other than restore, reset or retain", () => {
    assert.deepEqual(failuresFor({ onDestroy: "delete" }), [
      { property: "onDestroy", reason: 'expected "restore" or "reset" or "retain", found "delete"' },
    ]);
  });

  it("reports every failure at once", () => {
    const failures = failuresFor({ state: "x", defaultLength: 2, onDestroy: "y" });
    assert.deepEqual(
      failures.map((f) => f.property),
      ["state", "defaultLength", "onDestroy"],
    );
  });

  it("leaves values the engine does not know yet for a later check", () => {
    assert.deepEqual(
      failuresFor({
        defaultLength: UNKNOWN_VALUE,
        includeTargets: [{ id: UNKNOWN_VALUE, targetType: "group" }],
        excludeTargets: UNKNOWN_VALUE,
      }),
      [],
    );
  });
});
