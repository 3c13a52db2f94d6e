import { strict as assert } from "node:assert";
import { DEFAULT_SETTINGS } from "../../policies/settings";
import { desiredWebSignInProfile, webSignInSettings } from "../../policies/webSignIn";

const ENABLE_WEB_SIGN_IN = {
  "@odata.type": "#microsoft.graph.deviceManagementConfigurationSetting",
  settingInstance: {
    "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
    settingDefinitionId: "device_vendor_msft_policy_config_authentication_enablewebsignin",
    settingInstanceTemplateReference: null,
    choiceSettingValue: {
      "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingValue",
      settingValueTemplateReference: null,
      value: "device_vendor_msft_policy_config_authentication_enablewebsignin_1",
      children: [],
    },
  },
};

const ENABLE_PASSWORDLESS_EXPERIENCE = {
  "@odata.type": "#microsoft.graph.deviceManagementConfigurationSetting",
  settingInstance: {
    "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
    settingDefinitionId: "device_vendor_msft_policy_config_authentication_enablepasswordlessexperience",
    settingInstanceTemplateReference: null,
    choiceSettingValue: {
      "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingValue",
      settingValueTemplateReference: null,
      value: "device_vendor_msft_policy_config_authentication_enablepasswordlessexperience_1",
      children: [],
    },
  },
};

describe("webSignInSettings", () => {
  it("enables Web sign-in and nothing else by default", () => {
    assert.deepEqual(webSignInSettings(DEFAULT_SETTINGS.webSignIn), [ENABLE_WEB_SIGN_IN]);
  });

  it("adds the passwordless experience setting when asked for", () => {
    const settings = { ...DEFAULT_SETTINGS.webSignIn, enablePasswordlessExperience: true };
    assert.deepEqual(webSignInSettings(settings), [ENABLE_WEB_SIGN_IN, ENABLE_PASSWORDLESS_EXPERIENCE]);
  });
});

describe("desiredWebSignInProfile", () => {
  it("is a Windows MDM profile in the default scope tag with the configured name and description", () => {
    const settings = { ...DEFAULT_SETTINGS.webSignIn, policyName: "WSI", description: "For new joiners" };
    assert.deepEqual(desiredWebSignInProfile(settings), {
      name: "WSI",
      description: "For new joiners",
      platforms: "windows10",
      technologies: "mdm",
      roleScopeTagIds: ["0"],
      settings: [ENABLE_WEB_SIGN_IN],
    });
  });
});
