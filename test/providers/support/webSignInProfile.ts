/** The Web sign-in profile as a stack declares it: the settings-catalog fixture most provider tests use. */
export const WEB_SIGN_IN = "device_vendor_msft_policy_config_authentication_enablewebsignin";

/** A Windows MDM profile named `name` that enables Web sign-in (option `_1`), settings not normalized. */
export function webSignInProfile(name: string): {
  name: string;
  platforms: string;
  technologies: string;
  settings: Record<string, unknown>[];
} {
  return {
    name,
    platforms: "windows10",
    technologies: "mdm",
    settings: [
      {
        settingInstance: {
          "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
          settingDefinitionId: WEB_SIGN_IN,
          choiceSettingValue: { value: `${WEB_SIGN_IN}_1` },
        },
      },
    ],
  };
}
