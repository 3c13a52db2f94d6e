import {
  GRAPH_TYPE_PREFIX,
  INSTANCE_TYPES,
  instanceShape,
  SECRET_VALUE_TYPE,
  SETTING_TYPE,
  type InstanceShape,
  isJsonObject,
} from "./settingModel";
import type { InputFailure } from "../inputFailures";

/**
 * Checks a profile's `settings` input without calling Graph: every item is a Graph setting with a
 * typed setting instance and a `settingDefinitionId`; choice values are options of their own
 * definition (`<settingDefinitionId>_<suffix>`); no definition id appears twice among siblings;
 * simple values say their `@odata.type`; no secret values (they would be stored in Pulumi state).
 */
export function checkSettings(settings: unknown, property = "settings"): InputFailure[] {
  if (!Array.isArray(settings)) {
    return [
      { property, reason: `expected a list of settings-catalog settings, found ${describeFound(settings)}` },
    ];
  }
  const failures: InputFailure[] = [];
  const instances: { path: string; instance: unknown }[] = [];
  settings.forEach((setting, index) => {
    const path = `${property}[${index}]`;
    if (!isJsonObject(setting)) {
      failures.push({ property: path, reason: `expected a setting object, found ${describeFound(setting)}` });
      return;
    }
    const type = setting["@odata.type"];
    if (type !== undefined && type !== SETTING_TYPE) {
      failures.push({
        property: `${path}["@odata.type"]`,
        reason: `expected "${SETTING_TYPE}" (or no @odata.type), found ${describeFound(type)}`,
      });
    }
    instances.push({ path: `${path}.settingInstance`, instance: setting["settingInstance"] });
  });
  checkInstances(instances, failures);
  return failures;
}

function checkInstances(instances: { path: string; instance: unknown }[], failures: InputFailure[]): void {
  const firstPathById = new Map<string, string>();
  for (const { path, instance } of instances) {
    const definitionId = checkInstance(path, instance, failures);
    if (definitionId === undefined) continue;
    const first = firstPathById.get(definitionId);
    if (first !== undefined) {
      failures.push({
        property: `${path}.settingDefinitionId`,
        reason: `duplicate settingDefinitionId "${definitionId}" (also at ${first}); each setting may appear once`,
      });
    } else {
      firstPathById.set(definitionId, path);
    }
  }
}

/** Returns the instance's definition id when it has a usable one. */
function checkInstance(path: string, instance: unknown, failures: InputFailure[]): string | undefined {
  if (!isJsonObject(instance)) {
    failures.push({
      property: path,
      reason: `expected a setting instance object, found ${describeFound(instance)}`,
    });
    return undefined;
  }
  const type = instance["@odata.type"];
  const definitionId = instance["settingDefinitionId"];
  const shape = typeof type === "string" ? instanceShape(type) : undefined;
  if (shape === undefined) {
    failures.push({
      property: `${path}["@odata.type"]`,
      reason: `expected one of ${INSTANCE_TYPES.join(", ")}, found ${describeFound(type)}`,
    });
  }
  if (typeof definitionId !== "string" || definitionId.trim() === "") {
    failures.push({
      property: `${path}.settingDefinitionId`,
      reason: `expected a non-empty setting definition id, found ${describeFound(definitionId)}`,
    });
    return undefined;
  }
  if (shape) checkValue(path, definitionId, shape, instance[shape.valueKey], failures);
  return definitionId;
}

function checkValue(
  instancePath: string,
  definitionId: string,
  shape: InstanceShape,
  value: unknown,
  failures: InputFailure[],
): void {
  const path = `${instancePath}.${shape.valueKey}`;
  if (shape.collection) {
    if (!Array.isArray(value) || value.length === 0) {
      failures.push({
        property: path,
        reason: `expected a non-empty list of values, found ${describeFound(value)}`,
      });
      return;
    }
    value.forEach((item, index) => checkOneValue(`${path}[${index}]`, definitionId, shape, item, failures));
  } else {
    checkOneValue(path, definitionId, shape, value, failures);
  }
}

function checkOneValue(
  path: string,
  definitionId: string,
  shape: InstanceShape,
  value: unknown,
  failures: InputFailure[],
): void {
  if (!isJsonObject(value)) {
    failures.push({
      property: path,
      reason: `expected a ${shape.kind} setting value object, found ${describeFound(value)}`,
    });
    return;
  }
  if (shape.kind === "simple") {
    const type = value["@odata.type"];
    if (typeof type !== "string" || !type.startsWith(GRAPH_TYPE_PREFIX)) {
      failures.push({
        property: `${path}["@odata.type"]`,
        reason:
          `expected the value's type, e.g. "#microsoft.graph.deviceManagementConfigurationStringSettingValue" ` +
          `or "...IntegerSettingValue", found ${describeFound(type)}`,
      });
    } else if (type === SECRET_VALUE_TYPE) {
      failures.push({
        property: `${path}["@odata.type"]`,
        reason: "secret setting values are not supported: the value would be stored in Pulumi state",
      });
    }
    return;
  }
  if (shape.kind === "choice") {
    const option = value["value"];
    if (typeof option !== "string" || !option.startsWith(`${definitionId}_`)) {
      failures.push({
        property: `${path}.value`,
        reason: `expected an option of "${definitionId}" ("${definitionId}_<option>"), found ${describeFound(option)}`,
      });
    }
  }
  const children = value["children"];
  if (children === undefined || children === null) return;
  if (!Array.isArray(children)) {
    failures.push({
      property: `${path}.children`,
      reason: `expected a list of setting instances, found ${describeFound(children)}`,
    });
    return;
  }
  checkInstances(
    children.map((child: unknown, index) => ({ path: `${path}.children[${index}]`, instance: child })),
    failures,
  );
}

/** A short description of what was found, for error messages. */
export function describeFound(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${value}`;
  return `a ${typeof value}`;
}
