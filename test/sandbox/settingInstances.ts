/**
 * Settings-catalog setting instances: validated (every instance needs its concrete @odata.type)
 * and stored the way a plain GET with default headers returns them.
 *
 * A plain GET uses OData minimal metadata, which puts `@odata.type` only on objects whose declared
 * type is abstract (OData JSON format 4.0, section 4.5.3; declared types from
 * ../shared/reference/graph-schemas/beta-components.json):
 * - the setting itself (declared `deviceManagementConfigurationSetting`): no `@odata.type`, only `id`
 *   ("0", "1", …) and `settingInstance`;
 * - setting instances, top level or children (abstract `…SettingInstance`): `@odata.type`;
 * - choice values and choice collection items (declared `…ChoiceSettingValue`): no `@odata.type`;
 * - group values and group collection items (declared `…GroupSettingValue`): no `@odata.type`;
 * - simple values and simple collection items (abstract `…SimpleSettingValue`): `@odata.type`,
 *   e.g. `…StringSettingValue`;
 * - template references (declared `…SettingInstanceTemplateReference` / `…SettingValueTemplateReference`):
 *   no `@odata.type`. `useTemplateDefault` is a non-nullable Boolean and is always present (false
 *   unless set).
 * Captured reads that show exactly this: the 2026 reads in Pacers31Colts18/Intune.Docs
 * (Docs/ConfigurationPolicies/*.md), and a 2022 `Invoke-RestMethod` GET of `…/settings` in
 * UniverseCitiz3n/UniverseCitiz3n.github.io _posts/2022-03-29-SettingsCatalog-PowerShell.md, where
 * the instance is typed and the choice value is not. Full-metadata exports (e.g. the OpenIntuneBaseline
 * export cited in graph-facts.md) type every object. Such bodies are accepted on write, including
 * `…@odata.type` property annotations, but never echoed. Property order follows those reads:
 * instance `@odata.type, settingDefinitionId, settingInstanceTemplateReference, <value>`; value
 * `[@odata.type,] settingValueTemplateReference, value, children`. Newer reads also show
 * `auditRuleInformation: null` on instances. That property is not in the reference's 2026 property
 * list, so the sandbox does not model it.
 */
import { describeJson, isObject, JsonObject } from "./bodies";
import { intuneBadRequest } from "./graphErrors";

const NS = "#microsoft.graph.deviceManagementConfiguration";
export const SETTING_TYPE = `${NS}Setting`;
const CHOICE_VALUE = `${NS}ChoiceSettingValue`;
const GROUP_VALUE = `${NS}GroupSettingValue`;
const INSTANCE_TEMPLATE_REFERENCE = `${NS}SettingInstanceTemplateReference`;
const VALUE_TEMPLATE_REFERENCE = `${NS}SettingValueTemplateReference`;
const SIMPLE_VALUES: Record<string, "string" | "integer"> = {
  [`${NS}StringSettingValue`]: "string",
  [`${NS}IntegerSettingValue`]: "integer",
  [`${NS}SecretSettingValue`]: "string",
  [`${NS}ReferenceSettingValue`]: "string",
};

/** Instance type -> the property holding its value and what that value is. */
const INSTANCE_TYPES: Record<
  string,
  { property?: string; value?: "choice" | "choices" | "simple" | "simples" | "group" | "groups" }
> = {
  [`${NS}ChoiceSettingInstance`]: { property: "choiceSettingValue", value: "choice" },
  [`${NS}ChoiceSettingCollectionInstance`]: { property: "choiceSettingCollectionValue", value: "choices" },
  [`${NS}SimpleSettingInstance`]: { property: "simpleSettingValue", value: "simple" },
  [`${NS}SimpleSettingCollectionInstance`]: { property: "simpleSettingCollectionValue", value: "simples" },
  [`${NS}GroupSettingInstance`]: { property: "groupSettingValue", value: "group" },
  [`${NS}GroupSettingCollectionInstance`]: { property: "groupSettingCollectionValue", value: "groups" },
  [`${NS}SettingGroupInstance`]: {},
  [`${NS}SettingGroupCollectionInstance`]: {},
};

function fail(path: string, message: string): never {
  throw intuneBadRequest(`Invalid setting at ${path}: ${message}`);
}

function allowOnly(value: JsonObject, allowed: string[], path: string): void {
  for (const key of Object.keys(value)) {
    if (key === "@odata.type" || key.endsWith("@odata.type") || allowed.includes(key)) continue;
    fail(path, `property '${key}' is not defined on this type.`);
  }
}

function checkType(value: JsonObject, expected: string, path: string): void {
  if (value["@odata.type"] !== undefined && value["@odata.type"] !== expected)
    fail(path, `@odata.type must be "${expected}", found ${JSON.stringify(value["@odata.type"])}.`);
}

function templateId(reference: JsonObject, key: string, path: string): unknown {
  const id = reference[key];
  if (typeof id !== "string") fail(`${path}.${key}`, `expected a string, found ${describeJson(id)}.`);
  return id;
}

/** `settingInstanceTemplateReference` as a GET returns it: null, or `{ settingInstanceTemplateId }`. */
function instanceTemplateReference(instance: JsonObject, path: string): JsonObject | null {
  const reference = instance.settingInstanceTemplateReference;
  const where = `${path}.settingInstanceTemplateReference`;
  if (reference === undefined || reference === null) return null;
  if (!isObject(reference)) fail(where, `expected an object or null, found ${describeJson(reference)}.`);
  checkType(reference, INSTANCE_TEMPLATE_REFERENCE, where);
  allowOnly(reference, ["settingInstanceTemplateId"], where);
  return { settingInstanceTemplateId: templateId(reference, "settingInstanceTemplateId", where) };
}

/** `settingValueTemplateReference` as a GET returns it: null, or `{ settingValueTemplateId, useTemplateDefault }`. */
function valueTemplateReference(value: JsonObject, path: string): JsonObject | null {
  const reference = value.settingValueTemplateReference;
  const where = `${path}.settingValueTemplateReference`;
  if (reference === undefined || reference === null) return null;
  if (!isObject(reference)) fail(where, `expected an object or null, found ${describeJson(reference)}.`);
  checkType(reference, VALUE_TEMPLATE_REFERENCE, where);
  allowOnly(reference, ["settingValueTemplateId", "useTemplateDefault"], where);
  const useTemplateDefault = reference.useTemplateDefault ?? false;
  if (typeof useTemplateDefault !== "boolean")
    fail(`${where}.useTemplateDefault`, `expected true or false, found ${describeJson(useTemplateDefault)}.`);
  return {
    settingValueTemplateId: templateId(reference, "settingValueTemplateId", where),
    useTemplateDefault,
  };
}

function choiceValue(value: unknown, path: string): JsonObject {
  if (!isObject(value)) fail(path, `expected a choice setting value object, found ${describeJson(value)}.`);
  checkType(value, CHOICE_VALUE, path);
  allowOnly(value, ["value", "children", "settingValueTemplateReference"], path);
  if (typeof value.value !== "string" || value.value === "")
    fail(`${path}.value`, `expected the chosen option's id (a string), found ${describeJson(value.value)}.`);
  const children = value.children ?? [];
  if (!Array.isArray(children))
    fail(`${path}.children`, `expected an array, found ${describeJson(children)}.`);
  return {
    settingValueTemplateReference: valueTemplateReference(value, path),
    value: value.value,
    children: children.map((child, i) => normalizeSettingInstance(child, `${path}.children[${i}]`)),
  };
}

function groupValue(value: unknown, path: string): JsonObject {
  if (!isObject(value)) fail(path, `expected a group setting value object, found ${describeJson(value)}.`);
  checkType(value, GROUP_VALUE, path);
  allowOnly(value, ["children", "settingValueTemplateReference"], path);
  const children = value.children ?? [];
  if (!Array.isArray(children))
    fail(`${path}.children`, `expected an array, found ${describeJson(children)}.`);
  return {
    settingValueTemplateReference: valueTemplateReference(value, path),
    children: children.map((child, i) => normalizeSettingInstance(child, `${path}.children[${i}]`)),
  };
}

function simpleValue(value: unknown, path: string): JsonObject {
  if (!isObject(value)) fail(path, `expected a simple setting value object, found ${describeJson(value)}.`);
  const type = value["@odata.type"];
  const kind = typeof type === "string" ? SIMPLE_VALUES[type] : undefined;
  if (kind === undefined)
    fail(
      path,
      `@odata.type is required on a simple setting value and must be one of ${Object.keys(SIMPLE_VALUES).join(", ")}; found ${describeJson(type)}.`,
    );
  allowOnly(value, ["value", "settingValueTemplateReference", "valueState", "note"], path);
  const ok = kind === "integer" ? Number.isInteger(value.value) : typeof value.value === "string";
  if (!ok)
    fail(
      `${path}.value`,
      `expected ${kind === "integer" ? "an integer" : "a string"}, found ${describeJson(value.value)}.`,
    );
  const result: JsonObject = {
    "@odata.type": type,
    settingValueTemplateReference: valueTemplateReference(value, path),
    value: value.value,
  };
  if (value.valueState !== undefined) result.valueState = value.valueState;
  if (value.note !== undefined) result.note = value.note;
  return result;
}

/** Validates and normalizes one setting instance (recursively through children). */
export function normalizeSettingInstance(instance: unknown, path: string): JsonObject {
  if (!isObject(instance)) fail(path, `expected a setting instance object, found ${describeJson(instance)}.`);
  const type = instance["@odata.type"];
  if (type === undefined)
    fail(path, `@odata.type is required on a setting instance (e.g. "${NS}ChoiceSettingInstance").`);
  const known = typeof type === "string" ? INSTANCE_TYPES[type] : undefined;
  if (!known)
    fail(
      path,
      `unknown setting instance type ${JSON.stringify(type)}; expected one of ${Object.keys(INSTANCE_TYPES).join(", ")}.`,
    );
  if (typeof instance.settingDefinitionId !== "string" || instance.settingDefinitionId === "") {
    fail(
      `${path}.settingDefinitionId`,
      `expected a setting definition id, found ${describeJson(instance.settingDefinitionId)}.`,
    );
  }
  const property = known.property;
  allowOnly(
    instance,
    ["settingDefinitionId", "settingInstanceTemplateReference", ...(property ? [property] : [])],
    path,
  );
  const result: JsonObject = {
    "@odata.type": type,
    settingDefinitionId: instance.settingDefinitionId,
    settingInstanceTemplateReference: instanceTemplateReference(instance, path),
  };
  if (!property) return result;
  const raw = instance[property];
  const where = `${path}.${property}`;
  const list = (items: unknown, each: (item: unknown, itemPath: string) => JsonObject): JsonObject[] => {
    if (!Array.isArray(items)) fail(where, `expected an array, found ${describeJson(items)}.`);
    return items.map((item, i) => each(item, `${where}[${i}]`));
  };
  switch (known.value) {
    case "choice":
      result[property] = choiceValue(raw, where);
      break;
    case "choices":
      result[property] = list(raw, choiceValue);
      break;
    case "simple":
      result[property] = simpleValue(raw, where);
      break;
    case "simples":
      result[property] = list(raw, simpleValue);
      break;
    case "group":
      result[property] = groupValue(raw, where);
      break;
    case "groups":
      result[property] = list(raw, groupValue);
      break;
  }
  return result;
}

/** Validates a policy's `settings` and gives them Intune's ids "0", "1", ..., in a GET's shape. */
export function normalizeSettings(settings: unknown): JsonObject[] {
  if (settings === undefined || settings === null) return [];
  if (!Array.isArray(settings))
    fail("settings", `expected an array of settings, found ${describeJson(settings)}.`);
  return settings.map((setting, index) => {
    const path = `settings[${index}]`;
    if (!isObject(setting)) fail(path, `expected a setting object, found ${describeJson(setting)}.`);
    if (setting["@odata.type"] !== undefined && setting["@odata.type"] !== SETTING_TYPE)
      fail(path, `@odata.type must be "${SETTING_TYPE}", found ${JSON.stringify(setting["@odata.type"])}.`);
    allowOnly(setting, ["id", "settingInstance", "settingDefinitions"], path);
    return {
      id: String(index),
      settingInstance: normalizeSettingInstance(setting.settingInstance, `${path}.settingInstance`),
    };
  });
}
