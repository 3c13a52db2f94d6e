import {
  type ConfigurationSetting,
  type JsonObject,
  type SettingInstance,
  instanceShape,
  SETTING_TYPE,
  impliedValueType,
  isJsonObject,
} from "./settingModel";

/**
 * One canonical form for a profile's settings, whether they come from the stack or from Graph,
 * so that an unchanged profile compares equal and a real change shows up:
 * - server-only fields are dropped (setting `id`, `settingDefinitions`, OData annotations other
 *   than `@odata.type`, e.g. `@odata.context`, `children@odata.context`);
 * - `null` and absent are the same (e.g. `settingInstanceTemplateReference: null`);
 * - choice and group values always carry their `@odata.type` and a `children` list ([] == absent);
 * - settings and children are ordered by `settingDefinitionId` (Intune treats them as a set).
 * Expects input that passed `checkSettings` (or came from Graph).
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
  if (typed !== undefined) {
    if (result["@odata.type"] === undefined) result["@odata.type"] = typed;
    const children = Array.isArray(value["children"]) ? value["children"] : [];
    result["children"] = sortByDefinitionId(children.map(normalizeInstance));
  }
  return result;
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
