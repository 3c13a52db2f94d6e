/** Reads one structured key with its section reader, then reports the properties nobody read. */
import { ALL_USERS } from "../../policies/settings";
import { describe, isRecord } from "./foundValue";
import { CONFIG_NAMESPACE, type SettingsKey } from "./keys";
import { SectionReader } from "./sectionReader";

/** Reads the properties of one section; `problems` is every problem found so far, read-only. */
export type SectionPropertiesReader<T> = (reader: SectionReader, problems: readonly string[]) => T;

export function readSection<T>(
  raw: Record<string, unknown>,
  key: SettingsKey,
  problems: string[],
  readProperties: SectionPropertiesReader<T>,
): T {
  const value = raw[key];
  if (value === null || value === "") {
    // Explicitly empty (YAML null, or "" as the CLI passes it: pulumi sdk/go/common/resource/config/
    // value.go unmarshals a YAML null into a string): never silently every default.
    problems.push(emptySectionMessage(key, describe(value)));
  } else if (value !== undefined && !isRecord(value)) {
    problems.push(notAMappingMessage(key, describe(value)));
  }
  const section = isRecord(value) ? value : {};
  const reader = new SectionReader(key, section, problems);
  const settings = readProperties(reader, problems);
  reader.reportUnknownProperties();
  return settings;
}

/** The problem for a structured key whose value is not a mapping; `found` is how it is shown. */
export function notAMappingMessage(key: SettingsKey, found: string): string {
  return `${CONFIG_NAMESPACE}:${key} must be a mapping of settings; got ${found}`;
}

/** The problem for a structured key given with an empty value; says how to get the defaults. */
export function emptySectionMessage(key: SettingsKey, found: string): string {
  const defaults =
    key === "temporaryAccessPass"
      ? ` (a TAP policy for every user), or give its settings, e.g. includeGroupIds: [${ALL_USERS}] to target every user explicitly`
      : ", or give its settings";
  return `${CONFIG_NAMESPACE}:${key} is empty (got ${found}). Remove the key to use the default of every setting${defaults}`;
}
