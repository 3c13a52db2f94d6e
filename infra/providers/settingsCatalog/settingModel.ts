/**
 * The slice of Intune's settings-catalog model this project reads and writes (Graph beta
 * `deviceManagementConfigurationSetting` and its setting instances / values).
 *
 * A profile's `settings` input is a list of Graph setting objects, exactly as Graph takes them in
 * a POST or PUT body and as Intune exports show them:
 *
 *   { "@odata.type": "#microsoft.graph.deviceManagementConfigurationSetting",   // optional
 *     "settingInstance": { "@odata.type": "#microsoft.graph.deviceManagementConfigurationChoiceSettingInstance",
 *                          "settingDefinitionId": "...", "choiceSettingValue": { "value": "..._1", "children": [] } } }
 */

export type JsonObject = { [key: string]: unknown };

/** A setting instance: its type, its definition id, and the value property its type calls for. */
export interface SettingInstance {
  "@odata.type": string;
  settingDefinitionId: string;
}

export interface ConfigurationSetting {
  "@odata.type"?: string;
  settingInstance: SettingInstance;
}

export const GRAPH_TYPE_PREFIX = "#microsoft.graph.";
export const SETTING_TYPE = "#microsoft.graph.deviceManagementConfigurationSetting";
export const CHOICE_VALUE_TYPE = "#microsoft.graph.deviceManagementConfigurationChoiceSettingValue";
export const GROUP_VALUE_TYPE = "#microsoft.graph.deviceManagementConfigurationGroupSettingValue";
export const SECRET_VALUE_TYPE = "#microsoft.graph.deviceManagementConfigurationSecretSettingValue";

export type ValueKind = "choice" | "simple" | "group";

/** Where each kind of setting instance keeps its value, and what that value is. */
export interface InstanceShape {
  valueKey: string;
  collection: boolean;
  kind: ValueKind;
}

const INSTANCE_PREFIX = "#microsoft.graph.deviceManagementConfiguration";

export const INSTANCE_SHAPES: Readonly<Record<string, InstanceShape | null>> = {
  [`${INSTANCE_PREFIX}ChoiceSettingInstance`]: {
    valueKey: "choiceSettingValue",
    collection: false,
    kind: "choice",
  },
  [`${INSTANCE_PREFIX}ChoiceSettingCollectionInstance`]: {
    valueKey: "choiceSettingCollectionValue",
    collection: true,
    kind: "choice",
  },
  [`${INSTANCE_PREFIX}SimpleSettingInstance`]: {
    valueKey: "simpleSettingValue",
    collection: false,
    kind: "simple",
  },
  [`${INSTANCE_PREFIX}SimpleSettingCollectionInstance`]: {
    valueKey: "simpleSettingCollectionValue",
    collection: true,
    kind: "simple",
  },
  [`${INSTANCE_PREFIX}GroupSettingInstance`]: {
    valueKey: "groupSettingValue",
    collection: false,
    kind: "group",
  },
  [`${INSTANCE_PREFIX}GroupSettingCollectionInstance`]: {
    valueKey: "groupSettingCollectionValue",
    collection: true,
    kind: "group",
  },
  // Older setting-group instances carry no value of their own that this project checks.
  [`${INSTANCE_PREFIX}SettingGroupInstance`]: null,
  [`${INSTANCE_PREFIX}SettingGroupCollectionInstance`]: null,
};

/** The `@odata.type` a value of this kind always has (simple values are abstract: no default). */
export function impliedValueType(kind: ValueKind): string | undefined {
  if (kind === "choice") return CHOICE_VALUE_TYPE;
  if (kind === "group") return GROUP_VALUE_TYPE;
  return undefined;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
