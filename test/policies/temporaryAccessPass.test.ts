import { strict as assert } from "node:assert";
import { DEFAULT_SETTINGS, type TemporaryAccessPassSettings } from "../../policies/settings";
import {
  desiredTemporaryAccessPassConfiguration,
  MICROSOFT_DEFAULT_TAP_CONFIGURATION,
} from "../../policies/temporaryAccessPass";

const GROUP_A = "aaaaaaaa-0000-4000-8000-000000000001";
const GROUP_B = "bbbbbbbb-0000-4000-8000-000000000002";
const GROUP_C = "cccccccc-0000-4000-8000-000000000003";

function settings(overrides: Partial<TemporaryAccessPassSettings>): TemporaryAccessPassSettings {
  return { ...DEFAULT_SETTINGS.temporaryAccessPass, ...overrides };
}

describe("desiredTemporaryAccessPassConfiguration", () => {
  it("writes every setting under Graph's property names, without onDestroy", () => {
    const configuration = desiredTemporaryAccessPassConfiguration(
      settings({
        state: "enabled",
        defaultLifetimeInMinutes: 240,
        minimumLifetimeInMinutes: 30,
        maximumLifetimeInMinutes: 600,
        defaultLength: 12,
        isUsableOnce: true,
        includeGroupIds: [GROUP_A],
        excludeGroupIds: [GROUP_B],
        onDestroy: "reset",
      }),
    );
    assert.deepEqual(configuration, {
      state: "enabled",
      defaultLifetimeInMinutes: 240,
      minimumLifetimeInMinutes: 30,
      maximumLifetimeInMinutes: 600,
      defaultLength: 12,
      isUsableOnce: true,
      includeTargets: [{ id: GROUP_A, targetType: "group", isRegistrationRequired: false }],
      excludeTargets: [{ id: GROUP_B, targetType: "group" }],
    });
  });

  it("sorts include and exclude targets by id so the order in config does not matter", () => {
    const configuration = desiredTemporaryAccessPassConfiguration(
      settings({ includeGroupIds: [GROUP_C, GROUP_A, GROUP_B], excludeGroupIds: [GROUP_B, GROUP_A] }),
    );
    assert.deepEqual(
      configuration.includeTargets.map((t) => t.id),
      [GROUP_A, GROUP_B, GROUP_C],
    );
    assert.deepEqual(
      configuration.excludeTargets.map((t) => t.id),
      [GROUP_A, GROUP_B],
    );
  });

  it("targets all users as a group target named all_users by default", () => {
    const configuration = desiredTemporaryAccessPassConfiguration(DEFAULT_SETTINGS.temporaryAccessPass);
    assert.deepEqual(configuration.includeTargets, [
      { id: "all_users", targetType: "group", isRegistrationRequired: false },
    ]);
    assert.deepEqual(configuration.excludeTargets, []);
  });

  it("returns new lists that do not alias the settings", () => {
    const input = settings({ includeGroupIds: [GROUP_A] });
    const configuration = desiredTemporaryAccessPassConfiguration(input);
    configuration.includeTargets.push({ id: GROUP_B, targetType: "group", isRegistrationRequired: false });
    assert.deepEqual(input.includeGroupIds, [GROUP_A]);
  });
});

describe("MICROSOFT_DEFAULT_TAP_CONFIGURATION", () => {
  it("is what Graph reports for a tenant that never configured TAP", () => {
    assert.deepEqual(MICROSOFT_DEFAULT_TAP_CONFIGURATION, {
      state: "disabled",
      defaultLifetimeInMinutes: 60,
      minimumLifetimeInMinutes: 60,
      maximumLifetimeInMinutes: 480,
      defaultLength: 8,
      isUsableOnce: false,
      includeTargets: [{ id: "all_users", targetType: "group", isRegistrationRequired: false }],
      excludeTargets: [],
    });
  });

  it("cannot be changed by a caller, including its target lists", () => {
    assert.ok(Object.isFrozen(MICROSOFT_DEFAULT_TAP_CONFIGURATION));
    assert.ok(Object.isFrozen(MICROSOFT_DEFAULT_TAP_CONFIGURATION.includeTargets));
    assert.ok(Object.isFrozen(MICROSOFT_DEFAULT_TAP_CONFIGURATION.includeTargets[0]));
    assert.ok(Object.isFrozen(MICROSOFT_DEFAULT_TAP_CONFIGURATION.excludeTargets));
  });
});
