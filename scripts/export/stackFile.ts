/**
 * Reads an existing `Pulumi.<stack>.yaml`: its `azuread:` keys (the program's sign-in settings,
 * honoured here as the providers honour them) and the entries an overwrite must keep.
 * Encrypted values (`secure:`) cannot be read without the Pulumi CLI: they are named, not used.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { parse } from "yaml";
import { CONFIG_NAMESPACE } from "../../infra/settings/keys";
import type { PreservedEntries } from "./yaml/stackDocument";

/** A stack file that exists but cannot be used (exit 1, one line). */
export class StackFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackFileError";
  }
}

export interface ExistingStackFile {
  exists: boolean;
  /** `azuread:` settings with plain values, without the namespace (`tenantId`, `useOidc`, ...). */
  azureadConfig: Record<string, string>;
  /** `azuread:` keys whose value is encrypted, e.g. `azuread:clientSecret`. */
  encryptedAzureadKeys: string[];
  preserved: PreservedEntries;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function readStackFile(path: string): ExistingStackFile {
  const empty: ExistingStackFile = {
    exists: false,
    azureadConfig: {},
    encryptedAzureadKeys: [],
    preserved: { topLevel: [], config: [] },
  };
  if (!existsSync(path)) return empty;
  let document: unknown;
  try {
    document = parse(readFileSync(path, "utf8"));
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    throw new StackFileError(`cannot read ${basename(path)}: ${reason}`);
  }
  if (document === null || document === undefined) return { ...empty, exists: true };
  if (!isRecord(document))
    throw new StackFileError(`cannot read ${basename(path)}: it is not a YAML mapping`);
  const config = isRecord(document.config) ? document.config : {};
  const result: ExistingStackFile = { ...empty, exists: true, preserved: { topLevel: [], config: [] } };
  for (const [key, value] of Object.entries(document)) {
    if (key !== "config") result.preserved.topLevel.push([key, value]);
  }
  for (const [key, value] of Object.entries(config)) {
    if (!key.startsWith(`${CONFIG_NAMESPACE}:`)) result.preserved.config.push([key, value]);
    if (!key.startsWith("azuread:")) continue;
    const name = key.slice("azuread:".length);
    if (isRecord(value) && "secure" in value) result.encryptedAzureadKeys.push(key);
    else if (typeof value === "string" || typeof value === "boolean" || typeof value === "number")
      result.azureadConfig[name] = String(value);
  }
  return result;
}
