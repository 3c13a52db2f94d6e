/**
 * Renders the report as GitHub-flavoured Markdown: a heading, a one-line verdict, one section per
 * changed resource with a property table, then the engine's errors and warnings.
 */
import type { DisplayValue, DriftReport, ReportKind, ResourceChange } from "./types";

const MAX_VALUE_LENGTH = 200;

const WORDING: Record<
  ReportKind,
  { title: string; before: string; after: string; change: Record<string, string>; subject: string }
> = {
  refresh: {
    title: "Drift report",
    before: "In state",
    after: "Found in tenant",
    change: { updated: "changed outside Pulumi", deleted: "deleted outside Pulumi (no longer found)" },
    subject: "drift check",
  },
  preview: {
    title: "Preview report",
    before: "Current",
    after: "Desired (program)",
    change: {
      created: "will be created",
      updated: "will be updated",
      deleted: "will be deleted",
      replaced: "will be replaced",
    },
    subject: "preview",
  },
};

export function verdict(report: DriftReport): string {
  const count = report.changedCount;
  const resources = `${count} ${count === 1 ? "resource" : "resources"}`;
  if (report.errors.length > 0) {
    const errors = `${report.errors.length} ${report.errors.length === 1 ? "error" : "errors"}`;
    return `${capitalize(WORDING[report.kind].subject)} incomplete: the engine reported ${errors}.`;
  }
  if (report.kind === "refresh") return count === 0 ? "No drift." : `${resources} drifted.`;
  return count === 0 ? "No changes." : `${resources} would change.`;
}

export function renderReport(report: DriftReport, title?: string): string {
  const wording = WORDING[report.kind];
  const lines: string[] = [`## ${title ?? wording.title}`, "", verdict(report), ""];
  for (const change of report.changes) lines.push(...renderResource(change, report.kind), "");
  const unnamed = report.changedCount - report.changes.length;
  if (unnamed > 0) {
    lines.push(
      `${unnamed} drifted ${unnamed === 1 ? "resource is" : "resources are"} counted in the engine's change ` +
        `summary but not named in its JSON: ${unnamed === 1 ? "its provider reports" : "their providers report"} ` +
        "no property-level diff (Pulumi dynamic providers never do). " +
        "`pulumi preview --refresh --diff` shows which resources and properties differ.",
      "",
    );
  }
  if (report.errors.length > 0) lines.push("### Errors", "", ...fenced(report.errors), "");
  if (report.warnings.length > 0) lines.push("### Warnings", "", ...fenced(report.warnings), "");
  return `${lines.join("\n").trimEnd()}\n`;
}

function renderResource(change: ResourceChange, kind: ReportKind): string[] {
  const wording = WORDING[kind];
  const what = wording.change[change.change] ?? `${change.change}`;
  const lines = [`### ${code(change.name)}: ${what}`, "", `Type: ${code(change.type)}`, ""];
  if (change.change === "deleted" && kind === "refresh") {
    lines.push(`| Property | ${wording.before} | ${wording.after} |`, "| --- | --- | --- |");
    lines.push("| *(whole resource)* | exists | *(not found)* |");
    return lines;
  }
  if (change.change !== "updated" && change.change !== "replaced") {
    lines.push(`URN: ${code(change.urn)}`);
    return lines;
  }
  if (change.properties.length === 0) {
    lines.push("The engine named no properties for this change.");
    return lines;
  }
  lines.push(`| Property | ${wording.before} | ${wording.after} |`, "| --- | --- | --- |");
  for (const property of change.properties) {
    lines.push(`| ${code(property.path)} | ${cell(property.before)} | ${cell(property.after)} |`);
  }
  return lines;
}

function cell(value: DisplayValue): string {
  switch (value.kind) {
    case "absent":
      return "*(absent)*";
    case "secret":
      return code("[secret]");
    case "unknown":
      return code("[unknown]");
    case "value": {
      const json = JSON.stringify(value.value) ?? "null";
      return code(json.length > MAX_VALUE_LENGTH ? `${json.slice(0, MAX_VALUE_LENGTH - 3)}...` : json);
    }
  }
}

/** A Markdown code span that survives backticks in the text and sits safely in a table cell. */
function code(text: string): string {
  const flat = text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const padding = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${padding}${flat}${padding}${fence}`;
}

function fenced(items: string[]): string[] {
  const body = items.join("\n");
  const longestRun = Math.max(2, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  return [`${fence}text`, body, fence];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
