/**
 * Writes a scenario step's `StackConfig` into the stack's `Pulumi.<stack>.yaml` through the
 * automation API, the way a maintainer writes `Pulumi.dev.yaml` by hand.
 *
 * - A key without ":" is in the project's namespace: `temporaryAccessPass` ->
 *   `passwordless-onboarding:temporaryAccessPass`. A key with ":" (`azuread:environment`) is kept.
 * - Objects and arrays are stored as YAML mappings and lists (`pulumi config set-all --json` with an
 *   `objectValue`), not as JSON text in a string, so the program reads exactly what it reads from a
 *   hand-written stack file. `Stack.setAllConfig` cannot do that: without `path` it stores the JSON
 *   as a string, and with `path` it turns `"true"` and digits into booleans and numbers and cannot
 *   write an empty mapping or list.
 * - Strings, numbers and booleans are stored as plain strings (Pulumi config values are strings).
 * - `undefined` leaves a key out. Keys of a previous step that the new config leaves out are removed
 *   first, except the `pulumi:` namespace (engine settings such as `pulumi:tags`).
 */
import type { Stack } from "@pulumi/pulumi/automation";
import type { StackConfig } from "../driver";

export const PROJECT_NAMESPACE = "passwordless-onboarding";

/** The part of `Stack` that reads and writes its config (a fake in the unit tests). */
export type StackConfigTarget = Pick<Stack, "getAllConfig" | "setAllConfigJson" | "removeAllConfig">;

/** One entry of the JSON `pulumi config --json` prints and `pulumi config set-all --json` reads. */
export interface ConfigJsonValue {
  /** The value as text: the string itself, or the JSON of a structured value. */
  value: string;
  /** For objects and arrays: the value itself, which the CLI stores as a YAML mapping or list. */
  objectValue?: unknown;
  secret: boolean;
}

/** `temporaryAccessPass` -> `passwordless-onboarding:temporaryAccessPass`; `ns:key` unchanged. */
export function fullConfigKey(key: string): string {
  if (key === "" || key.startsWith(":") || key.endsWith(":")) {
    throw new Error(`Invalid stack config key ${JSON.stringify(key)}: expected "name" or "namespace:name".`);
  }
  return key.includes(":") ? key : `${PROJECT_NAMESPACE}:${key}`;
}

/** The `set-all --json` document for a step's config, keyed by full key. */
export function toConfigJson(config: StackConfig): Record<string, ConfigJsonValue> {
  const document: Record<string, ConfigJsonValue> = {};
  const givenAs: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined) continue;
    const fullKey = fullConfigKey(key);
    if (fullKey in document) {
      throw new Error(`Stack config keys ${givenAs[fullKey]} and ${key} both name ${fullKey}.`);
    }
    givenAs[fullKey] = key;
    document[fullKey] = toConfigValue(fullKey, value);
  }
  return document;
}

function toConfigValue(fullKey: string, value: unknown): ConfigJsonValue {
  if (typeof value === "string") return { value, secret: false };
  if (typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))) {
    return { value: String(value), secret: false };
  }
  if (value === null) return { value: "null", secret: false };
  if (typeof value === "object") return { value: JSON.stringify(value), objectValue: value, secret: false };
  throw new Error(
    `Stack config ${fullKey}: cannot store ${typeof value === "number" ? String(value) : `a ${typeof value}`}; ` +
      "expected a string, a finite number, a boolean, null, an object or an array.",
  );
}

/** Keys the driver never removes: the engine's own settings. */
function isEngineKey(fullKey: string): boolean {
  return fullKey.startsWith("pulumi:");
}

/**
 * Makes the stack's config exactly `config` (plus engine settings): removes what an earlier step
 * set and this one leaves out, then writes every given key.
 */
export async function writeStackConfig(stack: StackConfigTarget, config: StackConfig): Promise<void> {
  const document = toConfigJson(config);
  const current = await stack.getAllConfig();
  const stale = Object.keys(current).filter((key) => !(key in document) && !isEngineKey(key));
  if (stale.length > 0) await stack.removeAllConfig(stale);
  if (Object.keys(document).length > 0) await stack.setAllConfigJson(JSON.stringify(document));
}
