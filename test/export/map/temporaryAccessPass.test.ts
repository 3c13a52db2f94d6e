import { strict as assert } from "node:assert";
import { temporaryAccessPassFromGraph } from "../../../scripts/export/map/temporaryAccessPass";
import { tapChanges } from "../../../scripts/export/map/verify";
import { DEFAULT_SETTINGS, type TemporaryAccessPassSettings } from "../../../policies/settings";
import { desiredTemporaryAccessPassConfiguration } from "../../../policies/temporaryAccessPass";
import { defaultTemporaryAccessPass } from "../../sandbox/tapDefaults";
import type { GraphTapConfiguration } from "../../../scripts/export/types";

const GROUP_A = "0a0a0a0a-0000-4000-8000-00000000000a";
const GROUP_B = "0b0b0b0b-0000-4000-8000-00000000000b";
const USER = "0c0c0c0c-0000-4000-8000-00000000000c";

/** The configuration as Graph answers a GET after the program wrote `settings`. */
function asGraphReads(settings: TemporaryAccessPassSettings): GraphTapConfiguration {
  return {
    "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#authenticationMethodConfigurations/$entity",
    "@odata.type": "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration",
    id: "TemporaryAccessPass",
    ...desiredTemporaryAccessPassConfiguration(settings),
  } as GraphTapConfiguration;
}

function withTargets(
  includeTargets: GraphTapConfiguration["includeTargets"],
  excludeTargets: GraphTapConfiguration["excludeTargets"] = [],
): GraphTapConfiguration {
  return {
    ...defaultTemporaryAccessPass(),
    state: "enabled",
    includeTargets,
    excludeTargets,
  };
}

describe("export mapping: TAP policy -> temporaryAccessPass", () => {
  it("reads Microsoft's defaults as a disabled policy for all users, with nothing to report", () => {
    const { settings, findings } = temporaryAccessPassFromGraph(defaultTemporaryAccessPass());
    assert.deepEqual(settings, { ...DEFAULT_SETTINGS.temporaryAccessPass, state: "disabled" });
    assert.deepEqual(findings, []);
  });

  it("round-trips settings -> desired configuration -> settings, and the provider's diff sees no change", () => {
    const cases: TemporaryAccessPassSettings[] = [
      DEFAULT_SETTINGS.temporaryAccessPass,
      {
        ...DEFAULT_SETTINGS.temporaryAccessPass,
        defaultLifetimeInMinutes: 480,
        maximumLifetimeInMinutes: 720,
        minimumLifetimeInMinutes: 30,
        defaultLength: 12,
        includeGroupIds: [GROUP_B, GROUP_A],
        excludeGroupIds: [GROUP_A],
      },
      { ...DEFAULT_SETTINGS.temporaryAccessPass, state: "disabled", isUsableOnce: true },
    ];
    for (const settings of cases) {
      const mapped = temporaryAccessPassFromGraph(asGraphReads(settings));
      assert.deepEqual(mapped.findings, []);
      assert.deepEqual(mapped.settings, {
        ...settings,
        includeGroupIds: [...settings.includeGroupIds].sort(),
        excludeGroupIds: [...settings.excludeGroupIds].sort(),
      });
      assert.deepEqual(tapChanges(asGraphReads(settings), mapped.settings), []);
    }
  });

  it("drops a user target (include or exclude) and says pulumi up would remove it", () => {
    const { settings, findings } = temporaryAccessPassFromGraph(
      withTargets(
        [
          { targetType: "group", id: GROUP_A, isRegistrationRequired: false },
          { targetType: "user", id: USER, isRegistrationRequired: false },
        ],
        [{ targetType: "user", id: USER }],
      ),
    );
    assert.deepEqual(settings.includeGroupIds, [GROUP_A]);
    assert.deepEqual(settings.excludeGroupIds, []);
    assert.equal(findings.length, 2);
    assert.ok(findings.every((finding) => finding.severity === "difference"));
    assert.match(findings[0].text, /includes the user 0c0c0c0c-.*would remove this target/);
    assert.match(findings[1].text, /excludes the user 0c0c0c0c-.*would remove this exclusion/);
  });

  it("keeps a group that requires registration and reports that the stack turns it off", () => {
    const { settings, findings } = temporaryAccessPassFromGraph(
      withTargets([{ targetType: "group", id: GROUP_A, isRegistrationRequired: true }]),
    );
    assert.deepEqual(settings.includeGroupIds, [GROUP_A]);
    assert.match(
      findings[0].text,
      /requires registration for the included group 0a0a0a0a-.* \(isRegistrationRequired: true\)/,
    );
  });

  it("writes all_users alone when the policy also lists groups", () => {
    const { settings, findings } = temporaryAccessPassFromGraph(
      withTargets([
        { targetType: "group", id: "all_users", isRegistrationRequired: false },
        { targetType: "group", id: GROUP_A, isRegistrationRequired: false },
      ]),
    );
    assert.deepEqual(settings.includeGroupIds, ["all_users"]);
    assert.match(findings[0].text, /includes all users and also the groups 0a0a0a0a-/);
  });

  it("writes all_users when no group is included, and says so loudly", () => {
    const { settings, findings } = temporaryAccessPassFromGraph(withTargets([]));
    assert.deepEqual(settings.includeGroupIds, ["all_users"]);
    assert.equal(findings[0].severity, "difference");
    assert.match(findings[0].text, /includes no group/);
  });

  it("reads an unknown state as disabled, with a finding", () => {
    const { settings, findings } = temporaryAccessPassFromGraph({
      ...withTargets([]),
      state: "unknownFutureValue",
    });
    assert.equal(settings.state, "disabled");
    assert.ok(findings.some((finding) => /state is "unknownFutureValue"/.test(finding.text)));
  });

  it("lists the same group once, whatever the letter case", () => {
    const { settings } = temporaryAccessPassFromGraph(
      withTargets([
        { targetType: "group", id: GROUP_A, isRegistrationRequired: false },
        { targetType: "group", id: GROUP_A.toUpperCase(), isRegistrationRequired: false },
      ]),
    );
    assert.deepEqual(settings.includeGroupIds, [GROUP_A]);
  });
});
