/**
 * The Intune settings-catalog profile that turns on Web sign-in, the only Windows credential
 * provider that accepts a Temporary Access Pass after the Autopilot device-setup phase. Graph beta
 * `deviceManagement/configurationPolicies` shapes. Pure data: no Pulumi, no I/O.
 */
import type { WebSignInSettings } from "./settings";

/** Settings catalog: Authentication > Enable Web Sign In (CSP Policy/Config/Authentication/EnableWebSignIn). */
export const ENABLE_WEB_SIGN_IN_SETTING_ID =
  "device_vendor_msft_policy_config_authentication_enablewebsignin";
/** The "Enabled" option of Enable Web Sign In. */
export const ENABLE_WEB_SIGN_IN_ENABLED = `${ENABLE_WEB_SIGN_IN_SETTING_ID}_1`;
/** Settings catalog: Authentication > Enable Passwordless Experience (Windows 11 23H2 with KB5031455 and later). */
export const ENABLE_PASSWORDLESS_EXPERIENCE_SETTING_ID =
  "device_vendor_msft_policy_config_authentication_enablepasswordlessexperience";
/** The "Enabled" option of Enable Passwordless Experience. */
export const ENABLE_PASSWORDLESS_EXPERIENCE_ENABLED = `${ENABLE_PASSWORDLESS_EXPERIENCE_SETTING_ID}_1`;

/** The profile targets Windows devices managed through MDM; neither can change after creation. */
export const WEB_SIGN_IN_PLATFORMS = "windows10";
export const WEB_SIGN_IN_TECHNOLOGIES = "mdm";
/** The built-in "Default" scope tag. */
export const DEFAULT_ROLE_SCOPE_TAG_IDS: readonly string[] = ["0"];

// Type aliases rather than interfaces, so these stay assignable to generic JSON object types.
export type ChoiceSettingInstance = {
  "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance";
  settingDefinitionId: string;
  settingInstanceTemplateReference: null;
  choiceSettingValue: {
    "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingValue";
    settingValueTemplateReference: null;
    value: string;
    children: [];
  };
};

/** One item of a configuration policy's `settings` collection. */
export type ConfigurationPolicySetting = {
  "@odata.type": "#microsoft.graph.deviceManagementConfigurationSetting";
  settingInstance: ChoiceSettingInstance;
};

export interface WebSignInProfile {
  name: string;
  description: string;
  platforms: string;
  technologies: string;
  roleScopeTagIds: string[];
  settings: ConfigurationPolicySetting[];
}

function choiceSetting(settingDefinitionId: string, value: string): ConfigurationPolicySetting {
  return {
    "@odata.type": "#microsoft.graph.deviceManagementConfigurationSetting",
    settingInstance: {
      "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
      settingDefinitionId,
      settingInstanceTemplateReference: null,
      choiceSettingValue: {
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingValue",
        settingValueTemplateReference: null,
        value,
        children: [],
      },
    },
  };
}

/**
 * The profile's `settings`: Web sign-in enabled, plus the passwordless experience when asked for.
 * When not asked for, that setting is left out (not configured) rather than set to disabled.
 */
export function webSignInSettings(settings: WebSignInSettings): ConfigurationPolicySetting[] {
  const items = [choiceSetting(ENABLE_WEB_SIGN_IN_SETTING_ID, ENABLE_WEB_SIGN_IN_ENABLED)];
  if (settings.enablePasswordlessExperience) {
    items.push(
      choiceSetting(ENABLE_PASSWORDLESS_EXPERIENCE_SETTING_ID, ENABLE_PASSWORDLESS_EXPERIENCE_ENABLED),
    );
  }
  return items;
}

/** The whole profile the stack asks for. */
export function desiredWebSignInProfile(settings: WebSignInSettings): WebSignInProfile {
  return {
    name: settings.policyName,
    description: settings.description,
    platforms: WEB_SIGN_IN_PLATFORMS,
    technologies: WEB_SIGN_IN_TECHNOLOGIES,
    roleScopeTagIds: [...DEFAULT_ROLE_SCOPE_TAG_IDS],
    settings: webSignInSettings(settings),
  };
}
