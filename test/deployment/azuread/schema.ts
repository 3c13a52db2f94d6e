/**
 * A Terraform resource schema as the bridge sees it: every attribute under its Pulumi name with
 * its TF name and flags (Required / Optional / Computed / ForceNew / Default, MaxItems-1 blocks
 * flattened to objects, validators). The plan, check and input-extraction logic (plan.ts,
 * validate.ts, inputs.ts) is driven by it, so each resource states its schema once
 * (group/schema.ts, conditionalAccessPolicy/schema.ts) with the provider source line it copies.
 */
import type { Diagnostic, PathStep } from "./diagnostics";

export type PrimitiveKind = "string" | "bool" | "int";

/** A ValidateFunc: diagnostics for a value at TF key `key` (e.g. `conditions.0.state`). */
export type Validator = (value: unknown, key: string, path: readonly PathStep[]) => Diagnostic[];

interface FieldBase {
  /** Terraform attribute name. */
  tf: string;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  forceNew?: boolean;
  default?: string | boolean | number;
  /** TF keys (`conditions.0.applications.0.included_applications`), as in the schema. */
  exactlyOneOf?: readonly string[];
  atLeastOneOf?: readonly string[];
  conflictsWith?: readonly string[];
  requiredWith?: readonly string[];
}

export interface PrimitiveField extends FieldBase {
  kind: PrimitiveKind;
  validate?: readonly Validator[];
}

/** TypeList / TypeSet of primitives: a Pulumi array. Sets ignore order. */
export interface CollectionField extends FieldBase {
  kind: "list" | "set";
  elem: PrimitiveKind;
  validateElem?: readonly Validator[];
  maxItems?: number;
}

/** TypeList MaxItems 1 of a nested resource: a Pulumi object. */
export interface BlockField extends FieldBase {
  kind: "block";
  fields: Schema;
}

/** TypeList of a nested resource without MaxItems 1: a Pulumi array of objects. */
export interface BlockListField extends FieldBase {
  kind: "blockList";
  fields: Schema;
  maxItems?: number;
}

export type Field = PrimitiveField | CollectionField | BlockField | BlockListField;
export type Schema = Readonly<Record<string, Field>>;

export type PropertyMap = Record<string, unknown>;

export function isObject(value: unknown): value is PropertyMap {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The Go zero value of a primitive (what an absent optional attribute plans to). */
export function zeroOf(kind: PrimitiveKind): string | boolean | number {
  return kind === "string" ? "" : kind === "bool" ? false : 0;
}

// Validators (terraform-plugin-sdk helper/validation, vendored @38d1993a) -----------------------

function goQuoteList(values: readonly string[]): string {
  return `[${values.map((v) => JSON.stringify(v)).join(" ")}]`;
}

/** `validation.StringInSlice(valid, false)`: case-sensitive. */
export function stringInSlice(valid: readonly string[]): Validator {
  return (value, key, path) =>
    typeof value === "string" && valid.includes(value)
      ? []
      : [{ summary: `expected ${key} to be one of ${goQuoteList(valid)}, got ${String(value)}`, path }];
}

/** `validation.StringIsNotEmpty`. */
export const stringIsNotEmpty: Validator = (value, key, path) =>
  value === "" ? [{ summary: `expected ${JSON.stringify(key)} to not be an empty string, got `, path }] : [];

/** `validation.StringLenBetween(min, max)`. */
export function stringLenBetween(min: number, max: number): Validator {
  return (value, key, path) => {
    const text = String(value);
    return text.length < min || text.length > max
      ? [{ summary: `expected length of ${key} to be in the range (${min} - ${max}), got ${text}`, path }]
      : [];
  };
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** `validation.IsUUID`. */
export const isUUID: Validator = (value, key, path) =>
  typeof value === "string" && UUID.test(value)
    ? []
    : [{ summary: `expected ${JSON.stringify(key)} to be a valid UUID, got ${String(value)}`, path }];
