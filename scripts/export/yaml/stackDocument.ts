/**
 * The exported `Pulumi.<stack>.yaml`: a header comment, then `config:` with the five
 * `passwordless-onboarding:` keys in the order of Pulumi.dev.yaml, each under a comment saying what
 * was found. A key whose objects could not be read is left out, with a comment in its place.
 * Entries of an existing stack file that are not this project's settings (`azuread:` keys,
 * `encryptionsalt`, secrets) are kept when it is overwritten with --force.
 */
import { stringify } from "yaml";
import { GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID } from "../../../policies/settings";
import { CONFIG_NAMESPACE, SETTINGS_KEYS } from "../../../infra/settings/keys";
import type { ExportModel } from "../exportTenant";
import type { ExportedConfig, GroupRef, UserRef } from "../types";
import { Commented, emitEntry, type YamlNode } from "./emit";

export interface PreservedEntries {
  /** Top-level keys other than `config` (e.g. `encryptionsalt`), in file order. */
  topLevel: [string, unknown][];
  /** `config` entries outside this project's namespace (e.g. `azuread:tenantId`), in file order. */
  config: [string, unknown][];
}

const ROLE_NAMES: Record<string, string> = {
  [GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID]: "Global Administrator",
};

/** A reference as a YAML node: an id gets the object's name as a comment when known. */
function referenceNode(reference: GroupRef | UserRef, names: ReadonlyMap<string, string>): YamlNode {
  if (typeof reference !== "string") return { ...reference };
  const name = names.get(reference.toLowerCase());
  return name === undefined ? reference : new Commented(reference, name);
}

function sectionNode(
  value: NonNullable<ExportedConfig[keyof ExportedConfig]>,
  names: ReadonlyMap<string, string>,
): YamlNode {
  const node: Record<string, YamlNode> = {};
  for (const [property, inner] of Object.entries(value as Record<string, unknown>)) {
    if (inner === undefined) continue;
    if (property === "excludeRoleTemplateIds") {
      node[property] = (inner as string[]).map((id) =>
        ROLE_NAMES[id] ? new Commented(id, ROLE_NAMES[id]) : id,
      );
    } else if (Array.isArray(inner)) {
      node[property] = (inner as (GroupRef | UserRef)[]).map((reference) => referenceNode(reference, names));
    } else if (property === "existingGroupId") {
      node[property] = referenceNode(inner as GroupRef, names);
    } else {
      node[property] = inner as YamlNode;
    }
  }
  return node;
}

function comment(lines: readonly string[], indent: number): string[] {
  return lines.map((line) => `${" ".repeat(indent)}# ${line}`);
}

function preservedLines(entries: [string, unknown][], indent: number): string[] {
  if (entries.length === 0) return [];
  const text = stringify(Object.fromEntries(entries), { lineWidth: 0 }).trimEnd();
  return text.split("\n").map((line) => `${" ".repeat(indent)}${line}`);
}

export function renderStackFile(
  header: readonly string[],
  model: ExportModel,
  preserved: PreservedEntries = { topLevel: [], config: [] },
): string {
  const names = new Map(
    model.references
      .filter((row) => row.name !== undefined)
      .map((row) => [row.id.toLowerCase(), row.name as string]),
  );
  const lines: string[] = [...comment(header, 0), ...preservedLines(preserved.topLevel, 0), "config:"];
  for (const key of SETTINGS_KEYS) {
    const section = model.sections.find((candidate) => candidate.key === key);
    const value = model.config[key];
    if (lines[lines.length - 1] !== "config:") lines.push("");
    if (value === undefined) {
      lines.push(...comment(section?.yamlComment ?? [`${CONFIG_NAMESPACE}:${key} is left out.`], 2));
      continue;
    }
    lines.push(...comment(section?.yamlComment ?? [], 2));
    lines.push(...emitEntry(`${CONFIG_NAMESPACE}:${key}`, sectionNode(value, names), 2));
  }
  const others = preservedLines(preserved.config, 2);
  if (others.length > 0) lines.push("", ...comment(["Kept from the existing stack file:"], 2), ...others);
  return `${lines.join("\n")}\n`;
}
