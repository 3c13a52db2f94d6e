/**
 * What the Pulumi bridge (pulumi-terraform-bridge v3.130.0 = 26e62205, pinned by @pulumi/azuread
 * 6.9.1) adds around a Terraform resource: Check's input bag and `__defaults`, Check failure
 * texts, the `__meta` output, the error prefixes of Create/Update/Delete/Read/Diff, and the inputs
 * Read derives from outputs. Paths below are in that repository at that commit.
 */
import { multiError, renderDiagnostic, type Diagnostic, type PathStep } from "./diagnostics";
import { parseResourceId, type ResourceIdType } from "./resourceIds";
import { Field, isObject, PropertyMap, Schema } from "./schema";

/**
 * Whether Check materialises an omitted attribute's falsy TF Default (`false`, `0`, `""`) into the
 * inputs. Bridge v3.130.0 does not: pkg/tfbridge/schema.go:957-966 (#3398, "Fix RawConfig parity
 * for omitted falsy TF defaults", released in v3.130.0) skips them, so an omitted
 * `preventDuplicateNames` / `writebackEnabled` (TF `Default: false`) stays absent and `__defaults`
 * is `[]`. Older bridges (e.g. the 5.53.5 recording in pulumi-azuread's testdata) injected them.
 * Flip this if a real run shows the injected values.
 */
export const INJECT_FALSY_TF_DEFAULTS = false;

const DEFAULTS_KEY = "__defaults";

function isFalsy(value: unknown): boolean {
  return value === false || value === 0 || value === "";
}

/**
 * Check's returned inputs (schema.go makeObjectTerraformInputs:620-990 + MakeTerraformOutputs):
 * the news with TF defaults applied to absent attributes and `__defaults` listing them (sorted),
 * in every object; a default recorded in the olds' `__defaults` is replayed from the olds.
 */
export function checkedInputs(schema: Schema, olds: PropertyMap | undefined, news: PropertyMap): PropertyMap {
  const result: PropertyMap = {};
  for (const [key, value] of Object.entries(news)) {
    if (key === DEFAULTS_KEY || value === undefined) continue;
    const field = schema[key];
    result[key] = field ? checkedValue(field, value) : structuredClone(value);
  }
  const oldDefaults = Array.isArray(olds?.[DEFAULTS_KEY]) ? (olds?.[DEFAULTS_KEY] as unknown[]) : [];
  const defaults: string[] = [];
  for (const [name, field] of Object.entries(schema)) {
    if (field.default === undefined || (name in result && result[name] !== null)) continue;
    if (olds && oldDefaults.includes(name) && olds[name] !== undefined) {
      result[name] = structuredClone(olds[name]);
      defaults.push(name);
      continue;
    }
    if (isFalsy(field.default) && !INJECT_FALSY_TF_DEFAULTS) continue;
    result[name] = field.default;
    defaults.push(name);
  }
  result[DEFAULTS_KEY] = defaults.sort();
  return result;
}

function checkedValue(field: Field, value: unknown): unknown {
  if (field.kind === "block" && isObject(value)) return checkedInputs(field.fields, undefined, value);
  if (field.kind === "blockList" && Array.isArray(value))
    return (value as unknown[]).map((element) =>
      isObject(element) ? checkedInputs(field.fields, undefined, element) : element,
    );
  return structuredClone(value);
}

/** The Pulumi path of a TF attribute path, as a Check failure names it (check_failures.go). */
export function pulumiValuePath(schema: Schema, path: readonly PathStep[]): string {
  let fields: Schema | undefined = schema;
  let field: Field | undefined;
  let text = "";
  for (const step of path) {
    if (typeof step === "number") {
      if (field && field.kind !== "block") text += `[${step}]`;
      continue;
    }
    const entry: [string, Field] | undefined = fields
      ? Object.entries(fields).find(([, f]) => f.tf === step)
      : undefined;
    const name = entry ? entry[0] : step;
    text += text === "" ? name : `.${name}`;
    field = entry?.[1];
    fields = field && (field.kind === "block" || field.kind === "blockList") ? field.fields : undefined;
  }
  return text;
}

/** The resource name at the end of a URN. */
export function urnName(urn: string): string {
  const parts = urn.split("::");
  return parts[parts.length - 1];
}

/**
 * A validation diagnostic as a Check failure (adapt_check_failures.go:35-110,
 * check_failures.go:173-205): `<summary>[. <detail>]. Examine values at '<name>.<path>'.`, with
 * no `property` (the bridge leaves it empty on purpose).
 */
export function checkFailure(
  urn: string,
  schema: Schema,
  diagnostic: Diagnostic,
): { property: string; reason: string } {
  let reason = diagnostic.summary;
  if (diagnostic.detail) reason += `. ${diagnostic.detail}`;
  const valuePath =
    diagnostic.path && diagnostic.path.length > 0 ? pulumiValuePath(schema, diagnostic.path) : "";
  if (valuePath !== "") reason = `${reason}. Examine values at '${urnName(urn)}.${valuePath}'.`;
  return { property: "", reason };
}

export interface ResourceTimeouts {
  create: number;
  read: number;
  update: number;
  delete: number;
}

/**
 * The `__meta` output: the SDK instance meta as JSON (schema.go MakeTerraformResult), i.e. the
 * resource timeouts in nanoseconds under the SDK's timeouts key and the schema version.
 */
export function metaOutput(timeouts: ResourceTimeouts, schemaVersion: number): string {
  const ns = (minutes: number) => minutes * 60 * 1e9;
  return JSON.stringify({
    "e2bfb730-ecaa-11e6-8f88-34363bc7c4c0": {
      create: ns(timeouts.create),
      delete: ns(timeouts.delete),
      read: ns(timeouts.read),
      update: ns(timeouts.update),
    },
    schema_version: String(schemaVersion),
  });
}

/** The error prefixes of provider.go: `creating`/`updating`/`deleting`/`refreshing`/`diffing <urn>: ...`. */
export type BridgeOperation = "creating" | "updating" | "deleting" | "refreshing" | "diffing";

export function bridgeError(operation: BridgeOperation, urn: string, error: unknown): string {
  return `${operation} ${urn}: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * A data source's Invoke (provider.go:1903-1994): the args are validated first
 * (`ValidateDataSource`); every error becomes a check failure with no property and the
 * `ValidationError` text `[<tf path>] <summary>: <detail>` as reason
 * (pkg/tfshim/sdk-v2/diagnostics.go fromV2Diag, pkg/tfshim/diagnostics/error.go:25-50).
 */
export function invokeFailures(diagnostics: readonly Diagnostic[]): { property: string; reason: string }[] {
  return diagnostics.map((diagnostic) => ({ property: "", reason: renderDiagnostic(diagnostic) }));
}

/** A data source read that failed: `invoking <token>: <diagnostics>` (provider.go:1968-1971). */
export function invokeError(token: string, error: unknown): Error {
  return new Error(`invoking ${token}: ${error instanceof Error ? error.message : String(error)}`, {
    cause: error,
  });
}

/**
 * An import (Read without state) first runs the resource's importer, which only validates the id
 * (`pluginsdk.ImporterValidatingResourceId`, terraform-provider-azuread
 * internal/helpers/tf/pluginsdk/imports.go:19-45 @38d1993a); the bridge wraps its error as
 * `importing <id>: ...` (provider.go:129).
 */
export function validateImportId(type: ResourceIdType, id: string): void {
  try {
    parseResourceId(type, id);
  } catch (error) {
    throw new Error(
      `importing ${id}: ${multiError([error instanceof Error ? error.message : String(error)])}`,
      {
        cause: error,
      },
    );
  }
}

// Read's inputs (schema.go ExtractInputsFromOutputs:1790-1850, extractInputs, extractSchemaInputsObject) --

function extractInputs(field: Field | undefined, oldInput: unknown, newState: unknown): unknown {
  if (Array.isArray(oldInput) && Array.isArray(newState)) {
    if (field?.kind === "set") return oldInput.filter((item) => newState.includes(item));
    const result: unknown[] = [];
    oldInput.forEach((item, i) => {
      if (i < newState.length) result.push(extractInputs(elementField(field), item, newState[i]));
    });
    return result;
  }
  if (isObject(oldInput) && isObject(newState)) {
    const fields = field && (field.kind === "block" || field.kind === "blockList") ? field.fields : undefined;
    return fields ? extractObject(fields, oldInput, newState) : structuredClone(newState);
  }
  return structuredClone(newState);
}

function elementField(field: Field | undefined): Field | undefined {
  return field?.kind === "blockList" ? { ...field, kind: "block" } : undefined;
}

function extractObject(schema: Schema, oldInput: PropertyMap, newState: PropertyMap): PropertyMap {
  const result: PropertyMap = {};
  for (const [name, value] of Object.entries(oldInput)) {
    if (name === DEFAULTS_KEY) continue;
    if (name in newState) result[name] = extractInputs(schema[name], value, newState[name]);
  }
  if (Array.isArray(oldInput[DEFAULTS_KEY])) {
    const kept = (oldInput[DEFAULTS_KEY] as unknown[]).filter(
      (name) =>
        typeof name === "string" &&
        name in result &&
        JSON.stringify(result[name]) === JSON.stringify(oldInput[name]),
    );
    result[DEFAULTS_KEY] = kept.sort();
  }
  return result;
}

function deleteEmptyDefaults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deleteEmptyDefaults);
  if (!isObject(value)) return value;
  const result: PropertyMap = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === DEFAULTS_KEY && Array.isArray(item) && item.length === 0) continue;
    result[key] = deleteEmptyDefaults(item);
  }
  return result;
}

function isZero(field: Field, value: unknown): boolean {
  // The bridge compares with the TF default first, so a null next to a `false` default would be
  // kept as `null`; the emulation leaves nulls out (the engine treats them as absent).
  if (value === null || value === undefined) return true;
  if (field.default !== undefined) return value === field.default;
  if (value === null || value === undefined || value === false || value === 0 || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) {
    const keys = Object.keys(value);
    return keys.length === 0 || (keys.length === 1 && keys[0] === DEFAULTS_KEY);
  }
  return false;
}

function schemaInputs(schema: Schema, state: PropertyMap): PropertyMap {
  const result: PropertyMap = {};
  for (const [name, field] of Object.entries(schema)) {
    if (!(name in state) || (!field.required && !field.optional)) continue;
    let value = state[name];
    if (field.kind === "block" && isObject(value)) value = schemaInputs(field.fields, value);
    else if (field.kind === "blockList" && Array.isArray(value))
      value = (value as unknown[]).map((element) =>
        isObject(element) ? schemaInputs(field.fields, element) : element,
      );
    else value = structuredClone(value);
    if (!field.required && isZero(field, value)) continue;
    result[name] = value;
  }
  result[DEFAULTS_KEY] = [];
  return result;
}

/**
 * The inputs Read returns. Refresh (the resource has outputs): the old inputs with each value
 * replaced by the read one (lists keep the old length, sets the old elements still present),
 * empty `__defaults` dropped. Import / get (no outputs yet): every settable attribute that is
 * not zero or default, with `__defaults: []` in each object.
 */
export function readInputs(
  schema: Schema,
  oldInputs: PropertyMap,
  outputs: PropertyMap,
  isRefresh: boolean,
): PropertyMap {
  if (!isRefresh) return schemaInputs(schema, outputs);
  return deleteEmptyDefaults(extractObject(schema, oldInputs, outputs)) as PropertyMap;
}
