import { strict as assert } from "node:assert";
import { profileChanges } from "../../../scripts/export/map/verify";
import { carriesWebSignIn, webSignInFromGraph } from "../../../scripts/export/map/webSignIn";
import type { GraphProfile } from "../../../scripts/export/types";
import { DEFAULT_SETTINGS, type WebSignInSettings } from "../../../policies/settings";
import {
  desiredWebSignInProfile,
  ENABLE_PASSWORDLESS_EXPERIENCE_SETTING_ID,
  ENABLE_WEB_SIGN_IN_SETTING_ID,
} from "../../../policies/webSignIn";
import { createConfigurationPolicy } from "../../sandbox/configurationPolicies";

/** The profile as Graph answers `GET /{id}?$expand=settings` after a POST of `body` (the sandbox's stored shape). */
function asGraphReads(body: Record<string, unknown>): GraphProfile {
  const stored = createConfigurationPolicy(body, new Date("2026-01-01T00:00:00Z"));
  return { ...stored.policy, settings: stored.settings } as unknown as GraphProfile;
}

function choice(definitionId: string, value: string, children: unknown[] = []): Record<string, unknown> {
  return {
    settingInstance: {
      "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
      settingDefinitionId: definitionId,
      choiceSettingValue: { value, children },
    },
  };
}

function profile(settings: Record<string, unknown>[], extra: Record<string, unknown> = {}): GraphProfile {
  return asGraphReads({
    name: "Web sign-in",
    description: "by hand",
    platforms: "windows10",
    technologies: "mdm",
    settings,
    ...extra,
  });
}

const WEB_SIGN_IN_ON = choice(ENABLE_WEB_SIGN_IN_SETTING_ID, `${ENABLE_WEB_SIGN_IN_SETTING_ID}_1`);

describe("export mapping: settings-catalog profile -> webSignIn", () => {
  it("round-trips settings -> desired profile (as Graph stores it) -> settings, and the provider's diff sees no change", () => {
    const cases: WebSignInSettings[] = [
      { ...DEFAULT_SETTINGS.webSignIn, adoptExisting: true },
      {
        policyName: "Web sign-in (prod)",
        description: "",
        enablePasswordlessExperience: true,
        adoptExisting: true,
      },
    ];
    for (const settings of cases) {
      const found = asGraphReads({ ...desiredWebSignInProfile(settings) });
      const mapped = webSignInFromGraph(found);
      assert.deepEqual(mapped.findings, []);
      assert.equal(mapped.adoptable, true);
      const { manage: _manage, ...expected } = settings;
      assert.deepEqual(mapped.settings, expected);
      assert.deepEqual(profileChanges(found, mapped.settings), []);
    }
  });

  it("finds the Web sign-in setting whatever its value", () => {
    assert.equal(carriesWebSignIn(profile([WEB_SIGN_IN_ON])), true);
    assert.equal(
      carriesWebSignIn(
        profile([choice(ENABLE_WEB_SIGN_IN_SETTING_ID, `${ENABLE_WEB_SIGN_IN_SETTING_ID}_2`)]),
      ),
      true,
    );
    assert.equal(carriesWebSignIn(profile([choice("other_setting", "other_setting_1")])), false);
  });

  it("reads the passwordless experience when it is enabled", () => {
    const mapped = webSignInFromGraph(
      profile([
        WEB_SIGN_IN_ON,
        choice(ENABLE_PASSWORDLESS_EXPERIENCE_SETTING_ID, `${ENABLE_PASSWORDLESS_EXPERIENCE_SETTING_ID}_1`),
      ]),
    );
    assert.equal(mapped.settings.enablePasswordlessExperience, true);
    assert.deepEqual(mapped.findings, []);
  });

  it("reports the passwordless experience set to another value (pulumi up would leave it unconfigured)", () => {
    const mapped = webSignInFromGraph(
      profile([
        WEB_SIGN_IN_ON,
        choice(ENABLE_PASSWORDLESS_EXPERIENCE_SETTING_ID, `${ENABLE_PASSWORDLESS_EXPERIENCE_SETTING_ID}_2`),
      ]),
    );
    assert.equal(mapped.settings.enablePasswordlessExperience, false);
    assert.match(
      mapped.findings[0].text,
      /^Enable Passwordless Experience .* is "device_vendor_msft_policy_config_authentication_enablepasswordlessexperience_2"/,
    );
  });

  it("reports Web sign-in that is not enabled, or has child settings", () => {
    const disabled = webSignInFromGraph(
      profile([choice(ENABLE_WEB_SIGN_IN_SETTING_ID, `${ENABLE_WEB_SIGN_IN_SETTING_ID}_2`)]),
    );
    assert.match(
      disabled.findings[0].text,
      /^Enable Web Sign In .* is ".*_2"; the stack only sets it to Enabled/,
    );
    const child = {
      "@odata.type": "#microsoft.graph.deviceManagementConfigurationSimpleSettingInstance",
      settingDefinitionId: `${ENABLE_WEB_SIGN_IN_SETTING_ID}_child`,
      simpleSettingValue: {
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationStringSettingValue",
        value: "x",
      },
    };
    const withChild = webSignInFromGraph(
      profile([choice(ENABLE_WEB_SIGN_IN_SETTING_ID, `${ENABLE_WEB_SIGN_IN_SETTING_ID}_1`, [child])]),
    );
    assert.match(withChild.findings[0].text, /\(with child settings\)/);
  });

  it("reports every extra setting with its value", () => {
    const mapped = webSignInFromGraph(profile([WEB_SIGN_IN_ON, choice("vendor_extra", "vendor_extra_1")]));
    assert.equal(mapped.findings.length, 1);
    assert.equal(mapped.findings[0].severity, "difference");
    assert.match(
      mapped.findings[0].text,
      /^Extra setting vendor_extra = "vendor_extra_1": .*would remove it/,
    );
  });

  it("does not adopt a profile for another technology, and says why", () => {
    const mapped = webSignInFromGraph(profile([WEB_SIGN_IN_ON], { technologies: "mdm,microsoftSense" }));
    assert.equal(mapped.adoptable, false);
    assert.equal(mapped.settings.adoptExisting, false);
    assert.match(
      mapped.findings[0].text,
      /technologies "mdm,microsoftSense" .* cannot change in place: the program will not adopt it/,
    );
  });

  it("reports scope tags other than Default", () => {
    const mapped = webSignInFromGraph(profile([WEB_SIGN_IN_ON], { roleScopeTagIds: ["0", "7"] }));
    assert.match(mapped.findings[0].text, /^roleScopeTagIds is \["0","7"\]/);
  });

  it("writes a missing description as an empty one", () => {
    const found = { ...profile([WEB_SIGN_IN_ON]), description: null };
    assert.equal(webSignInFromGraph(found).settings.description, "");
  });
});
