import type { InputFailure } from "../inputFailures";
import { ENGINE_INPUT_KEYS, unknownKeyFailures } from "../inputKeys";
import { SETTINGS_CATALOG_NAME_MAX_LENGTH } from "../nameLimits";
import { checkSettings, describeFound } from "./checkSettings";
import { PLATFORM_FLAGS, TECHNOLOGY_FLAGS, normalizeFlags, splitFlags, unknownFlags } from "./flags";
import { normalizeSettings } from "./normalizeSettings";
import type { ConfigurationSetting } from "./settingModel";
import { containsUnknown } from "./unknownValue";

/** The declared state of one settings-catalog profile (inputs and outputs of the resource). */
export interface SettingsCatalogPolicyState {
  name: string;
  description: string;
  /** Flags, comma-separated, e.g. "windows10". Cannot change in place. */
  platforms: string;
  /** Flags, comma-separated, e.g. "mdm". Cannot change in place. */
  technologies: string;
  roleScopeTagIds: string[];
  settings: ConfigurationSetting[];
  /** Take over an existing profile with the same name instead of failing. Not sent to Graph. */
  adoptExisting: boolean;
  /** Settings template the profile is based on; "" for a plain settings-catalog profile. Cannot change in place. */
  templateId: string;
}

export const DEFAULT_ROLE_SCOPE_TAG_IDS: readonly string[] = ["0"];

/** The declared input properties, in the order failures list them. */
const INPUT_KEYS = [
  "name",
  "description",
  "platforms",
  "technologies",
  "roleScopeTagIds",
  "settings",
  "adoptExisting",
  "templateId",
];
/** Besides the engine's keys, `createdAt`: an output the resource class declares (as undefined). */
const ACCEPTED_KEYS = [...ENGINE_INPUT_KEYS, "createdAt"];

/**
 * Validates the raw inputs (failures name the property, what was expected and what was found)
 * and returns them with defaults applied and every property in its normalized form. Values not
 * known yet during a preview are passed through unchecked.
 */
export function checkPolicyInputs(raw: Record<string, unknown>): {
  inputs: SettingsCatalogPolicyState;
  failures: InputFailure[];
} {
  const failures: InputFailure[] = unknownKeyFailures(raw, INPUT_KEYS, { alsoAccepted: ACCEPTED_KEYS });
  const known = (key: string): boolean => !containsUnknown(raw[key]);

  const name = raw["name"];
  if (known("name")) {
    if (typeof name !== "string" || name.trim() === "") {
      failures.push({
        property: "name",
        reason: `expected a non-empty profile name, found ${describeFound(name)}`,
      });
    } else if (name.length > SETTINGS_CATALOG_NAME_MAX_LENGTH) {
      // Checked before the name reaches Graph's $filter lookup (findByName) and the profile.
      failures.push({
        property: "name",
        reason: `expected a profile name of at most ${SETTINGS_CATALOG_NAME_MAX_LENGTH} characters, found ${name.length} characters`,
      });
    }
  }
  for (const key of ["description", "templateId"]) {
    const value = raw[key];
    if (value !== undefined && known(key) && typeof value !== "string") {
      failures.push({ property: key, reason: `expected a string, found ${describeFound(value)}` });
    }
  }
  checkFlags("platforms", raw["platforms"], PLATFORM_FLAGS, failures);
  checkFlags("technologies", raw["technologies"], TECHNOLOGY_FLAGS, failures);

  const tags = raw["roleScopeTagIds"];
  if (tags !== undefined && known("roleScopeTagIds")) {
    if (!Array.isArray(tags) || tags.length === 0 || !tags.every((t) => typeof t === "string" && t !== "")) {
      failures.push({
        property: "roleScopeTagIds",
        reason: `expected a non-empty list of scope tag ids (default ["0"]), found ${JSON.stringify(tags)}`,
      });
    }
  }
  const adoptExisting = raw["adoptExisting"];
  if (adoptExisting !== undefined && known("adoptExisting") && typeof adoptExisting !== "boolean") {
    failures.push({
      property: "adoptExisting",
      reason: `expected true or false, found ${describeFound(adoptExisting)}`,
    });
  }
  if (known("settings")) {
    const settings = raw["settings"];
    const settingFailures = checkSettings(settings);
    if (settingFailures.length === 0 && Array.isArray(settings) && settings.length === 0) {
      settingFailures.push({
        property: "settings",
        reason: "expected at least one setting, found an empty list",
      });
    }
    failures.push(...settingFailures);
  }
  if (failures.length > 0) return { inputs: raw as unknown as SettingsCatalogPolicyState, failures };
  return { inputs: normalizePolicyState(raw), failures };
}

/** Defaults applied and every property normalized; unknown values are kept as they are. */
export function normalizePolicyState(raw: Record<string, unknown>): SettingsCatalogPolicyState {
  const pass = <T>(key: string, normalize: (value: never) => T, fallback: T): T => {
    const value = raw[key];
    if (value === undefined || value === null) return fallback;
    return containsUnknown(value) ? (value as T) : normalize(value as never);
  };
  return {
    name: pass("name", (v: string) => v, ""),
    description: pass("description", (v: string) => v, ""),
    platforms: pass("platforms", (v: string) => normalizeFlags(v, PLATFORM_FLAGS), ""),
    technologies: pass("technologies", (v: string) => normalizeFlags(v, TECHNOLOGY_FLAGS), ""),
    roleScopeTagIds: pass("roleScopeTagIds", (v: string[]) => [...v].sort(), [...DEFAULT_ROLE_SCOPE_TAG_IDS]),
    settings: pass("settings", (v: unknown[]) => normalizeSettings(v), []),
    adoptExisting: pass("adoptExisting", (v: boolean) => v, false),
    templateId: pass("templateId", (v: string) => v, ""),
  };
}

function checkFlags(
  property: string,
  value: unknown,
  known: readonly string[],
  failures: InputFailure[],
): void {
  if (containsUnknown(value)) return;
  if (typeof value !== "string" || splitFlags(value).length === 0) {
    failures.push({
      property,
      reason: `expected one or more of ${known.join(", ")} (comma-separated), found ${describeFound(value)}`,
    });
    return;
  }
  const unknown = unknownFlags(value, known);
  if (unknown.length > 0) {
    failures.push({
      property,
      reason: `unknown value(s) ${unknown.map((m) => `"${m}"`).join(", ")}; expected one or more of ${known.join(", ")} (comma-separated)`,
    });
  }
}
