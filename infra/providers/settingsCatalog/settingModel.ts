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
 *
 * Graph writes the same settings in two shapes, and both are accepted as input:
 * - Intune exports made with full OData metadata (IntuneManagement, e.g. the OpenIntuneBaseline
 *   "Passwordless" export in ../shared/reference/graph-facts.md) put `@odata.type` on every object.
 *   That includes the setting, choice and group values and both kinds of template reference, and
 *   adds annotations such as `children@odata.type` and `@odata.id`.
 * - A plain GET with default headers (minimal metadata) names the type only where the declared
 *   type is abstract (OData JSON format 4.0, section 4.5.3). Setting instances (abstract
 *   `deviceManagementConfigurationSettingInstance`) and simple values (abstract `…SimpleSettingValue`)
 *   carry `@odata.type`. The setting entity, choice values, group values and template references
 *   do not, because their declared type is concrete (graph-schemas/beta-components.json). The 2026
 *   reads captured in Pacers31Colts18/Intune.Docs (Docs/ConfigurationPolicies/*.md) show exactly
 *   this.
 * normalizeSettings.ts maps both onto one form.
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
/** Type of `settingInstanceTemplateReference` (`{ settingInstanceTemplateId }`), a concrete type. */
export const INSTANCE_TEMPLATE_REFERENCE_TYPE =
  "#microsoft.graph.deviceManagementConfigurationSettingInstanceTemplateReference";
/** Type of `settingValueTemplateReference` (`{ settingValueTemplateId, useTemplateDefault }`), a concrete type. */
export const VALUE_TEMPLATE_REFERENCE_TYPE =
  "#microsoft.graph.deviceManagementConfigurationSettingValueTemplateReference";

export type ValueKind = "choice" | "simple" | "group";

/** Where each kind of setting instance keeps its value, and what that value is. */
export interface InstanceShape {
  valueKey: string;
  collection: boolean;
  kind: ValueKind;
}

const INSTANCE_PREFIX = "#microsoft.graph.deviceManagementConfiguration";

/** Every setting-instance `@odata.type` this project accepts, in the order error messages list them. */
export const INSTANCE_TYPES: readonly string[] = [
  `${INSTANCE_PREFIX}ChoiceSettingInstance`,
  `${INSTANCE_PREFIX}ChoiceSettingCollectionInstance`,
  `${INSTANCE_PREFIX}SimpleSettingInstance`,
  `${INSTANCE_PREFIX}SimpleSettingCollectionInstance`,
  `${INSTANCE_PREFIX}GroupSettingInstance`,
  `${INSTANCE_PREFIX}GroupSettingCollectionInstance`,
  `${INSTANCE_PREFIX}SettingGroupInstance`,
  `${INSTANCE_PREFIX}SettingGroupCollectionInstance`,
];

/**
 * Where an instance of `type` keeps its value: `<kind>Setting[Collection]Value`. Null for the older
 * setting-group instances, which carry no value of their own that this project checks; undefined
 * for a type not in INSTANCE_TYPES. (Derived from the name rather than kept as a table of objects,
 * which Pulumi's closure serializer would spell out in every serialized provider.)
 */
export function instanceShape(type: string): InstanceShape | null | undefined {
  if (!INSTANCE_TYPES.includes(type)) return undefined;
  const match = /(Choice|Simple|Group)Setting(Collection)?Instance$/.exec(type);
  if (match === null) return null;
  const kind = match[1].toLowerCase() as ValueKind;
  const collection = match[2] !== undefined;
  return { valueKey: `${kind}Setting${collection ? "Collection" : ""}Value`, collection, kind };
}

/** The `@odata.type` a value of this kind always has (simple values are abstract: no default). */
export function impliedValueType(kind: ValueKind): string | undefined {
  if (kind === "choice") return CHOICE_VALUE_TYPE;
  if (kind === "group") return GROUP_VALUE_TYPE;
  return undefined;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
