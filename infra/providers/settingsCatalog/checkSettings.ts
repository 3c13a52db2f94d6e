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
 * Checks a profile's `settings` input without calling Graph. Every item must be a Graph setting
 * with a typed setting instance and a `settingDefinitionId`. Choice values must look like option
 * ids (see OPTION_ID_MAX_LENGTH). No definition id may appear twice among siblings. Simple values
 * must say their `@odata.type`. Secret values are refused, because they would be stored in Pulumi
 * state.
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
  if (shape) checkValue(path, shape, instance[shape.valueKey], failures);
  return definitionId;
}

/**
 * Longest choice value accepted. Graph's metadata types the option id as a plain string
 * (`deviceManagementConfigurationChoiceSettingValue.value`, graph-schemas/beta-components.json),
 * and the reference documents no format or length for it. Only Intune itself knows a definition's
 * options, and it checks them when the profile is written. So this check enforces only what
 * cannot be an option id: a non-string, an empty string, whitespace or control characters, or a
 * length no setting id comes near (the longest real ids have a few hundred characters). Option
 * ids need not start with their definition id. Intune's own
 * `com.apple.extensiblesso_ignored_$typepicker` has the options `com.apple.extensiblesso_ignored_0`
 * and `_1`.
 */
export const OPTION_ID_MAX_LENGTH = 1024;

/** Why `option` cannot be a choice option id, or undefined when it can. */
function optionIdProblem(option: unknown): string | undefined {
  if (typeof option !== "string") return `expected an option id (a string), found ${describeFound(option)}`;
  const shape = `expected an option id: 1 to ${OPTION_ID_MAX_LENGTH} characters without spaces or control characters`;
  if (option.length > OPTION_ID_MAX_LENGTH) return `${shape}, found a string of ${option.length} characters`;
  // Any whitespace (incl. Unicode spaces) or control character (C0, DEL, C1).
  if (option === "" || /[\s\p{Cc}]/u.test(option)) return `${shape}, found ${describeFound(option)}`;
  return undefined;
}

function checkValue(
  instancePath: string,
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
    value.forEach((item, index) => checkOneValue(`${path}[${index}]`, shape, item, failures));
  } else {
    checkOneValue(path, shape, value, failures);
  }
}

function checkOneValue(path: string, shape: InstanceShape, value: unknown, failures: InputFailure[]): void {
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
    const reason = optionIdProblem(value["value"]);
    if (reason !== undefined) failures.push({ property: `${path}.value`, reason });
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
