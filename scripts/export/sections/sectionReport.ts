/** What the report and the YAML comments say about one config section. */
import type { SettingsKey } from "../../../infra/settings/keys";
import type { Finding } from "../types";

/** One object found in the tenant for a section. */
export interface FoundObject {
  /** What it is, e.g. `Conditional Access policy`. */
  kind: string;
  name: string;
  id: string;
  /** A short description: state, rule, assignment. */
  detail?: string;
  /** `exported`: the one the section describes; `other`: also found, left as it is. */
  role: "exported" | "referenced" | "other";
}

export interface SectionReport {
  key: SettingsKey;
  title: string;
  /** `exported`: found and written; `notFound`: nothing found, defaults written; `notRead`: left out. */
  status: "exported" | "notFound" | "notRead";
  objects: FoundObject[];
  /** How the object maps to the settings (one line each). */
  mapping: string[];
  findings: Finding[];
  /** Comment lines written above the section in the YAML (or where it would be). */
  yamlComment: string[];
}

/** The section's exported value (absent when not read) and its settings with ids, for guardrails. */
export interface SectionResult<Exported, Settings> {
  exported?: Exported;
  settings: Settings;
  report: SectionReport;
}
