/**
 * Declared shapes of Graph complex types, so a POSTed object comes back the way Graph echoes it:
 * omitted collections as [], omitted complex and scalar properties as null, unknown properties
 * refused. PATCH merges complex properties member by member and replaces collections.
 */
import { describeJson, isObject, JsonObject } from "./bodies";
import { odataBadRequest, SandboxGraphError, unknownProperty } from "./graphErrors";

export type Shape =
  | { kind: "scalar" }
  | { kind: "collection" }
  /** Stored as given (polymorphic or rarely used types the sandbox does not model member by member). */
  | { kind: "open" }
  | { kind: "complex"; typeName: string; fields: Record<string, Shape> };

export const scalar: Shape = { kind: "scalar" };
export const collection: Shape = { kind: "collection" };
export const open: Shape = { kind: "open" };
export function complex(typeName: string, fields: Record<string, Shape>): Shape {
  return { kind: "complex", typeName, fields };
}

function emptyValue(shape: Shape): unknown {
  return shape.kind === "collection" ? [] : null;
}

export function normalize(
  value: unknown,
  shape: Shape,
  path: string,
  refuse: (message: string) => SandboxGraphError = odataBadRequest,
): unknown {
  switch (shape.kind) {
    case "scalar":
      if (isObject(value) || Array.isArray(value))
        throw refuse(`Property '${path}' expects a primitive value, found ${describeJson(value)}.`);
      return value;
    case "collection":
      if (!Array.isArray(value))
        throw refuse(`Property '${path}' expects a collection, found ${describeJson(value)}.`);
      return structuredClone(value);
    case "open":
      return structuredClone(value);
    case "complex": {
      if (value === null) return null;
      if (!isObject(value))
        throw refuse(
          `Property '${path}' expects an object of type '${shape.typeName}', found ${describeJson(value)}.`,
        );
      for (const key of Object.keys(value)) {
        if (!key.includes("@") && !(key in shape.fields)) throw unknownProperty(key, shape.typeName);
      }
      const result: JsonObject = {};
      for (const [field, fieldShape] of Object.entries(shape.fields)) {
        result[field] =
          value[field] === undefined
            ? emptyValue(fieldShape)
            : normalize(value[field], fieldShape, `${path}.${field}`, refuse);
      }
      return result;
    }
  }
}

/** PATCH semantics: complex members merge recursively, everything else is replaced. */
export function merge(
  current: unknown,
  patch: unknown,
  shape: Shape,
  path: string,
  refuse: (message: string) => SandboxGraphError = odataBadRequest,
): unknown {
  if (shape.kind !== "complex" || !isObject(current) || !isObject(patch))
    return normalize(patch, shape, path, refuse);
  for (const key of Object.keys(patch)) {
    if (!key.includes("@") && !(key in shape.fields)) throw unknownProperty(key, shape.typeName);
  }
  const result: JsonObject = { ...current };
  for (const [field, fieldShape] of Object.entries(shape.fields)) {
    if (patch[field] !== undefined)
      result[field] = merge(current[field], patch[field], fieldShape, `${path}.${field}`, refuse);
  }
  return result;
}
