/**
 * `schemaMap.Validate` of terraform-plugin-sdk (helper/schema/schema.go:1820-2120, vendored in
 * terraform-provider-azuread @38d1993a) over Pulumi-shaped inputs: ExactlyOneOf, AtLeastOneOf,
 * Required, RequiredWith, ConflictsWith, MaxItems and the ValidateFuncs, with the SDK's summaries
 * and details and TF keys (`conditions.0.applications.0.included_applications`). A key counts as
 * set when the config holds a value for it, an explicit `[]` included (`ResourceConfig.Get`).
 */
import { UNKNOWN } from "../nativeProvider";
import type { Diagnostic, PathStep } from "./diagnostics";
import { Field, isObject, PropertyMap, Schema } from "./schema";

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isObject(value)) return Object.values(value).some(containsUnknown);
  return false;
}

/** The config value at a TF key such as `conditions.0.users.0.included_users`. */
export function valueAtKey(schema: Schema, config: PropertyMap, key: string): unknown {
  let fields: Schema | undefined = schema;
  let current: unknown = config;
  let field: Field | undefined;
  for (const part of key.split(".")) {
    if (/^\d+$/.test(part)) {
      const index = Number(part);
      if (field?.kind === "block") {
        if (index !== 0) return undefined;
      } else if (Array.isArray(current)) {
        current = current[index];
      } else return undefined;
      continue;
    }
    if (!fields || !isObject(current)) return undefined;
    const entry: [string, Field] | undefined = Object.entries(fields).find(([, f]) => f.tf === part);
    if (!entry) return undefined;
    field = entry[1];
    current = current[entry[0]];
    fields = field.kind === "block" || field.kind === "blockList" ? field.fields : undefined;
  }
  return current;
}

function unique(keys: readonly string[]): string[] {
  return [...new Set(keys)].sort();
}

function validateField(
  root: Schema,
  config: PropertyMap,
  field: Field,
  key: string,
  raw: unknown,
  path: readonly PathStep[],
): Diagnostic[] {
  const lookup = (k: string) => valueAtKey(root, config, k);
  if (field.exactlyOneOf) {
    const keys = unique([...field.exactlyOneOf, key]);
    const unknown = keys.filter((k) => lookup(k) === UNKNOWN);
    const specified = keys.filter((k) => lookup(k) !== UNKNOWN && isSet(lookup(k)));
    if (specified.length === 0 && unknown.length === 0)
      return [
        {
          summary: "Invalid combination of arguments",
          detail: `"${key}": one of \`${keys.join(",")}\` must be specified`,
          path,
        },
      ];
    if (specified.length > 1)
      return [
        {
          summary: "Invalid combination of arguments",
          detail: `"${key}": only one of \`${keys.join(",")}\` can be specified, but \`${specified.join(",")}\` were specified.`,
          path,
        },
      ];
  }
  if (field.atLeastOneOf) {
    const keys = unique([...field.atLeastOneOf, key]);
    if (!keys.some((k) => isSet(lookup(k))))
      return [
        {
          summary: "Missing required argument",
          detail: `"${key}": one of \`${keys.join(",")}\` must be specified`,
          path,
        },
      ];
  }
  if (!isSet(raw)) {
    return field.required
      ? [
          {
            summary: "Missing required argument",
            detail: `The argument "${key}" is required, but no definition was found.`,
            path,
          },
        ]
      : [];
  }
  if (field.requiredWith) {
    const keys = unique([...field.requiredWith, key]);
    if (keys.some((k) => !isSet(lookup(k))))
      return [
        {
          summary: "Missing required argument",
          detail: `"${key}": all of \`${keys.join(",")}\` must be specified`,
          path,
        },
      ];
  }
  if (containsUnknown(raw)) return [];
  for (const other of field.conflictsWith ?? []) {
    const value = lookup(other);
    if (isSet(value) && value !== UNKNOWN)
      return [
        { summary: "Conflicting configuration arguments", detail: `"${key}": conflicts with ${other}`, path },
      ];
  }
  switch (field.kind) {
    case "string":
    case "bool":
    case "int":
      return (field.validate ?? []).flatMap((validator) => validator(raw, key, path));
    case "list":
    case "set": {
      const items = Array.isArray(raw) ? raw : [];
      if (field.maxItems !== undefined && items.length > field.maxItems)
        return [
          {
            summary: "Too many list items",
            detail: `Attribute ${key} supports ${field.maxItems} item maximum, but config has ${items.length} declared.`,
            path,
          },
        ];
      return items.flatMap((item, i) =>
        (field.validateElem ?? []).flatMap((validator) => validator(item, `${key}.${i}`, [...path, i])),
      );
    }
    case "block":
      return isObject(raw) ? validateObject(root, config, field.fields, raw, `${key}.0.`, [...path, 0]) : [];
    case "blockList": {
      const items = Array.isArray(raw) ? raw : [];
      if (field.maxItems !== undefined && items.length > field.maxItems)
        return [
          {
            summary: "Too many list items",
            detail: `Attribute ${key} supports ${field.maxItems} item maximum, but config has ${items.length} declared.`,
            path,
          },
        ];
      return items.flatMap((item, i) =>
        isObject(item) ? validateObject(root, config, field.fields, item, `${key}.${i}.`, [...path, i]) : [],
      );
    }
  }
}

function validateObject(
  root: Schema,
  config: PropertyMap,
  schema: Schema,
  object: PropertyMap,
  prefix: string,
  path: readonly PathStep[],
): Diagnostic[] {
  return Object.entries(schema).flatMap(([name, field]) =>
    validateField(root, config, field, `${prefix}${field.tf}`, object[name], [...path, field.tf]),
  );
}

/** Every validation error of a resource config (in schema order). */
export function validateConfig(schema: Schema, config: PropertyMap): Diagnostic[] {
  return validateObject(schema, config, schema, config, "", []);
}
