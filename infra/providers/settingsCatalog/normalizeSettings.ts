import {
  type ConfigurationSetting,
  type JsonObject,
  type SettingInstance,
  instanceShape,
  INSTANCE_TEMPLATE_REFERENCE_TYPE,
  SETTING_TYPE,
  impliedValueType,
  isJsonObject,
  VALUE_TEMPLATE_REFERENCE_TYPE,
} from "./settingModel";

/**
 * One canonical form for a profile's settings, so an unchanged profile compares equal whether it
 * came from the stack (often pasted from an Intune export, with full OData metadata) or from a
 * plain Graph GET (minimal metadata), and a real change still shows up. See settingModel.ts for
 * how those two shapes differ.
 * - Server-only fields are dropped: the setting `id`, `settingDefinitions`, and every OData
 *   annotation except `@odata.type` (`@odata.id`, `children@odata.type`, `…@odata.navigationLink`, …).
 * - `null` and absent mean the same thing (e.g. `settingInstanceTemplateReference: null`).
 * - The setting and its choice and group values always carry their `@odata.type`, and choice and
 *   group values always carry a `children` list ([] == absent). A GET omits these types, an export
 *   includes them, and the admin center sends them in its own POSTs.
 * - Template references never carry `@odata.type`. Their declared type is concrete, so a plain GET
 *   omits it, while an export writes e.g.
 *   "#microsoft.graph.deviceManagementConfigurationSettingInstanceTemplateReference". The admin
 *   center's own POST of a template-based profile omits it too (captured request in
 *   deploymenttheory/terraform-provider-microsoft365 …/windows_autopilot_device_preparation_policy/resource_docs/reqs.md).
 * - In a value template reference, an absent `useTemplateDefault` means `false`. The property is a
 *   non-nullable Boolean (graph-schemas/beta-components.json), so every GET returns it. The 2026
 *   reads in Pacers31Colts18/Intune.Docs show `"useTemplateDefault": false` where the admin
 *   center's POST left it out.
 * - Settings and children are ordered by `settingDefinitionId`, because Intune treats them as a set.
 * Expects input that passed `checkSettings` (or came from Graph). This form is also what
 * create/update send to Graph.
 */
export function normalizeSettings(settings: readonly unknown[]): ConfigurationSetting[] {
  return sortByDefinitionId(settings.map(normalizeSetting));
}

export function normalizeSetting(setting: unknown): ConfigurationSetting {
  const instance = isJsonObject(setting) ? setting["settingInstance"] : undefined;
  return { "@odata.type": SETTING_TYPE, settingInstance: normalizeInstance(instance) };
}

function normalizeInstance(instance: unknown): SettingInstance {
  const plain = stripServerFields(instance) as JsonObject;
  const reference = plain["settingInstanceTemplateReference"];
  if (isJsonObject(reference)) {
    plain["settingInstanceTemplateReference"] = withoutDeclaredType(
      reference,
      INSTANCE_TEMPLATE_REFERENCE_TYPE,
    );
  }
  const shape = instanceShape(String(plain["@odata.type"]));
  if (shape) {
    const value = plain[shape.valueKey];
    if (shape.collection && Array.isArray(value)) {
      plain[shape.valueKey] = value.map((item) => normalizeValue(item, shape.kind));
    } else if (!shape.collection && value !== undefined) {
      plain[shape.valueKey] = normalizeValue(value, shape.kind);
    }
  }
  return plain as unknown as SettingInstance;
}

function normalizeValue(value: unknown, kind: "choice" | "simple" | "group"): unknown {
  if (!isJsonObject(value)) return value;
  const typed = impliedValueType(kind);
  const result: JsonObject = { ...value };
  const reference = value["settingValueTemplateReference"];
  if (isJsonObject(reference)) {
    result["settingValueTemplateReference"] = {
      useTemplateDefault: false,
      ...withoutDeclaredType(reference, VALUE_TEMPLATE_REFERENCE_TYPE),
    };
  }
  if (typed !== undefined) {
    if (result["@odata.type"] === undefined) result["@odata.type"] = typed;
    const children = Array.isArray(value["children"]) ? value["children"] : [];
    result["children"] = sortByDefinitionId(children.map(normalizeInstance));
  }
  return result;
}

/**
 * The object without its `@odata.type` when that only repeats the declared type. Any other type
 * is kept, so the comparison still shows it and Graph still gets it.
 */
function withoutDeclaredType(value: JsonObject, declaredType: string): JsonObject {
  const { "@odata.type": type, ...rest } = value;
  return type === declaredType ? rest : value;
}

/** Drops annotations (except `@odata.type`), `null`s and the setting's server-side id, recursively. */
function stripServerFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripServerFields);
  if (!isJsonObject(value)) return value;
  const result: JsonObject = {};
  for (const [key, inner] of Object.entries(value)) {
    if (inner === null || inner === undefined) continue;
    if (key.includes("@") && key !== "@odata.type") continue;
    result[key] = stripServerFields(inner);
  }
  return result;
}

function sortByDefinitionId<T extends ConfigurationSetting | SettingInstance>(items: T[]): T[] {
  const idOf = (item: ConfigurationSetting | SettingInstance): string =>
    ("settingInstance" in item ? item.settingInstance : item).settingDefinitionId;
  return [...items].sort((a, b) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));
}
