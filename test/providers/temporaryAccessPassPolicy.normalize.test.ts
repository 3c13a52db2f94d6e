import * as assert from "node:assert/strict";
import { tapPatchBody } from "../../infra/providers/temporaryAccessPass/body";
import { changedTapProperties } from "../../infra/providers/temporaryAccessPass/diff";
import {
  MICROSOFT_DEFAULT_TAP_CONFIGURATION,
  UNKNOWN_VALUE,
} from "../../infra/providers/temporaryAccessPass/model";
import {
  normalizeOnDestroy,
  normalizeTapConfiguration,
} from "../../infra/providers/temporaryAccessPass/normalize";

const GROUP_A = "00000000-0000-4000-8000-0000000000aa";
const GROUP_B = "00000000-0000-4000-8000-0000000000bb";
const USER_C = "00000000-0000-4000-8000-0000000000cc";

/** A GET response as Graph sends it, server-only fields included. */
const GRAPH_RESPONSE = {
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#authenticationMethodConfigurations/$entity",
  "@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration",
  id: "TemporaryAccessPass",
  state: "enabled",
  defaultLifetimeInMinutes: 120,
  defaultLength: 10,
  minimumLifetimeInMinutes: 60,
  maximumLifetimeInMinutes: 480,
  isUsableOnce: false,
  excludeTargets: [{ id: GROUP_B, targetType: "group" }],
  "includeTargets@odata.context": "https://graph.microsoft.com/v1.0/$metadata#...includeTargets",
  includeTargets: [
    { targetType: "user", id: USER_C, isRegistrationRequired: false },
    { targetType: "group", id: GROUP_A, isRegistrationRequired: true },
  ],
};

const NORMALIZED = {
  state: "enabled",
  defaultLifetimeInMinutes: 120,
  minimumLifetimeInMinutes: 60,
  maximumLifetimeInMinutes: 480,
  defaultLength: 10,
  isUsableOnce: false,
  includeTargets: [
    { id: GROUP_A, targetType: "group", isRegistrationRequired: true },
    { id: USER_C, targetType: "user", isRegistrationRequired: false },
  ],
  excludeTargets: [{ id: GROUP_B, targetType: "group" }],
};

describe("TemporaryAccessPassPolicy normalization", () => {
  it("drops server-only fields and sorts targets by type, then id", () => {
    assert.deepEqual(normalizeTapConfiguration(GRAPH_RESPONSE), NORMALIZED);
  });

  it("fills every absent property with Microsoft's default", () => {
    assert.deepEqual(normalizeTapConfiguration({}), MICROSOFT_DEFAULT_TAP_CONFIGURATION);
    assert.deepEqual(normalizeTapConfiguration(undefined), MICROSOFT_DEFAULT_TAP_CONFIGURATION);
  });

  it("fills isRegistrationRequired with false and lower-cases target ids", () => {
    const normalized = normalizeTapConfiguration({
      includeTargets: [{ id: GROUP_A.toUpperCase(), targetType: "group" }],
      excludeTargets: [{ id: GROUP_B.toUpperCase(), targetType: "group", extra: 1 }],
    });
    assert.deepEqual(normalized.includeTargets, [
      { id: GROUP_A, targetType: "group", isRegistrationRequired: false },
    ]);
    assert.deepEqual(normalized.excludeTargets, [{ id: GROUP_B, targetType: "group" }]);
  });

  it("keeps an explicitly empty include list empty (it is not the default)", () => {
    assert.deepEqual(normalizeTapConfiguration({ includeTargets: [] }).includeTargets, []);
  });

  it("treats an absent onDestroy as restore", () => {
    assert.equal(normalizeOnDestroy(undefined), "restore");
    assert.equal(normalizeOnDestroy("reset"), "reset");
    assert.equal(normalizeOnDestroy("retain"), "retain");
  });
});

describe("TemporaryAccessPassPolicy diff", () => {
  const state = { ...NORMALIZED, onDestroy: "restore", previous: MICROSOFT_DEFAULT_TAP_CONFIGURATION };

  it("reports no change for the same configuration written differently", () => {
    const news = {
      ...NORMALIZED,
      includeTargets: [
        { id: USER_C.toUpperCase(), targetType: "user" },
        { id: GROUP_A, targetType: "group", isRegistrationRequired: true },
      ],
      excludeTargets: [{ id: GROUP_B, targetType: "group" }],
    };
    assert.deepEqual(changedTapProperties(state, news), []);
  });

  it("treats an omitted property as Microsoft's default", () => {
    const atDefaults = { ...MICROSOFT_DEFAULT_TAP_CONFIGURATION, onDestroy: "restore" };
    assert.deepEqual(changedTapProperties(atDefaults, {}), []);
    assert.deepEqual(changedTapProperties(atDefaults, { defaultLength: 9 }), ["defaultLength"]);
  });

  it("reports exactly the properties that differ, never `previous`", () => {
    assert.deepEqual(changedTapProperties(state, { ...NORMALIZED, defaultLength: 12 }), ["defaultLength"]);
    assert.deepEqual(changedTapProperties(state, { ...NORMALIZED, state: "disabled", excludeTargets: [] }), [
      "state",
      "excludeTargets",
    ]);
    assert.deepEqual(
      changedTapProperties(state, {
        ...NORMALIZED,
        includeTargets: [
          { id: GROUP_A, targetType: "group", isRegistrationRequired: false },
          NORMALIZED.includeTargets[1],
        ],
      }),
      ["includeTargets"],
    );
  });

  it("reports a changed onDestroy, with absent meaning restore", () => {
    assert.deepEqual(changedTapProperties(state, { ...NORMALIZED, onDestroy: "reset" }), ["onDestroy"]);
    assert.deepEqual(
      changedTapProperties({ ...state, onDestroy: undefined }, { ...NORMALIZED, onDestroy: "restore" }),
      [],
    );
  });

  it("reports a property whose new value is not known yet as changed", () => {
    assert.deepEqual(
      changedTapProperties(state, {
        ...NORMALIZED,
        excludeTargets: [{ id: UNKNOWN_VALUE, targetType: "group" }],
      }),
      ["excludeTargets"],
    );
  });
});

describe("TemporaryAccessPassPolicy PATCH body", () => {
  it("carries the @odata.type Graph requires and every managed property", () => {
    assert.deepEqual(tapPatchBody(NORMALIZED), {
      "@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration",
      ...NORMALIZED,
    });
  });
});
