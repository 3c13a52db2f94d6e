/** Settings-catalog settings in the normalized form Graph stores and the providers keep in state. */

/** A choice setting set to its option `_1`. */
export function normalizedChoiceSetting(definitionId: string): Record<string, unknown> {
  return {
    settingInstance: {
      "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
      settingDefinitionId: definitionId,
      choiceSettingValue: {
        "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingValue",
        value: `${definitionId}_1`,
        children: [],
      },
    },
  };
}

/** Web sign-in enabled. */
export const WEB_SIGN_IN_SETTING = normalizedChoiceSetting(
  "device_vendor_msft_policy_config_authentication_enablewebsignin",
);
