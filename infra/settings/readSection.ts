/** Reads one structured key with its section reader, then reports the properties nobody read. */
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
  const value = raw[key] ?? {};
  const section = isRecord(value) ? value : {};
  if (!isRecord(value)) {
    problems.push(notAMappingMessage(key, describe(value)));
  }
  const reader = new SectionReader(key, section, problems);
  const settings = readProperties(reader, problems);
  reader.reportUnknownProperties();
  return settings;
}

/** The problem for a structured key whose value is not a mapping; `found` is how it is shown. */
export function notAMappingMessage(key: SettingsKey, found: string): string {
  return `${CONFIG_NAMESPACE}:${key} must be a mapping of settings; got ${found}`;
}
