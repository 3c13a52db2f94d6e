/**
 * The Markdown report written next to the YAML: each object found with its id and how it maps to
 * the stack config, everything the config cannot express, the references written, what could not
 * be read, and what the program's config reader and guardrails say about the result.
 */
import { basename } from "node:path";
import type { ExportChecks } from "./checks";
import type { ExportModel } from "./exportTenant";
import { READ_PERMISSIONS } from "./read/permissions";
import type { ReferenceMode } from "./references";
import type { SectionReport } from "./sections/sectionReport";
import type { Finding, GroupRef, UserRef } from "./types";

export interface ReportContext {
  stack: string;
  tenantId: string;
  exportedAt: string;
  yamlFile: string;
  mode: ReferenceMode;
}

/** Everything that needs a look before `pulumi up`, counted for the verdict and the exit code. */
export function reviewCount(model: ExportModel, checks: ExportChecks): number {
  const findings = [...model.sections.flatMap((section) => section.findings), ...model.referenceFindings];
  return (
    findings.filter((finding) => finding.severity !== "note").length +
    model.failures.length +
    checks.readerProblems.length +
    checks.guardrails.errors.length +
    checks.guardrails.problems.length
  );
}

/** A Markdown code span that survives backticks and pipes (in table cells). */
function code(text: string): string {
  const flat = text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

function referenceText(reference: GroupRef | UserRef): string {
  if (typeof reference === "string") return code(reference);
  const [key, value] = Object.entries(reference)[0];
  return code(`{ ${key}: ${JSON.stringify(value)} }`);
}

const SEVERITY_LABEL: Record<Finding["severity"], string> = {
  difference: "**Not expressible, `pulumi up` would change it:**",
  attention: "**To decide before `pulumi up`:**",
  note: "Note:",
};

function findingLines(findings: readonly Finding[]): string[] {
  const order: Finding["severity"][] = ["difference", "attention", "note"];
  return order.flatMap((severity) =>
    findings
      .filter((finding) => finding.severity === severity)
      .map((f) => `- ${SEVERITY_LABEL[severity]} ${f.text}`),
  );
}

const STATUS_TEXT: Record<SectionReport["status"], string> = {
  exported: "Exported.",
  notFound: "Not found in the tenant: the module's defaults are written, and `pulumi up` creates the object.",
  notRead: "**Not exported**: the objects could not be read; the key is left out of the YAML.",
};

function sectionLines(section: SectionReport): string[] {
  const lines = [
    `## ${section.title} (${code(`passwordless-onboarding:${section.key}`)})`,
    "",
    STATUS_TEXT[section.status],
    "",
  ];
  if (section.objects.length > 0) {
    lines.push("| Found | Name | Id | Details | In the stack |", "| --- | --- | --- | --- | --- |");
    const role = {
      exported: "exported",
      referenced: "referenced (not managed)",
      other: "no (left as it is)",
    };
    for (const object of section.objects) {
      lines.push(
        `| ${cell(object.kind)} | ${cell(object.name)} | ${code(object.id)} | ${cell(object.detail ?? "")} | ${role[object.role]} |`,
      );
    }
    lines.push("");
  }
  lines.push(...section.mapping.map((line) => `- ${line}`));
  const findings = findingLines(section.findings);
  if (findings.length > 0) lines.push(...findings);
  else if (section.status === "exported") lines.push("- Everything found maps onto the settings.");
  lines.push("");
  return lines;
}

function readsLines(model: ExportModel, mode: ReferenceMode): string[] {
  const lines = ["## Reads", "", "| Objects | Request | Permission | Result |", "| --- | --- | --- | --- |"];
  for (const entry of READ_PERMISSIONS) {
    const failure = model.failures.find((candidate) => candidate.type === entry.type);
    const skipped =
      entry.type === "users" && (mode === "ids" || !model.references.some((row) => row.kind === "user"));
    const result = failure ? `**not read**: ${cell(failure.line)}` : skipped ? "not needed" : "read";
    lines.push(`| ${cell(entry.objects)} | ${code(entry.request)} | ${code(entry.permission)} | ${result} |`);
  }
  lines.push("", "The export only reads: it sends no write request.", "");
  return lines;
}

function referenceLines(model: ExportModel, mode: ReferenceMode): string[] {
  const lines = [
    "## References",
    "",
    mode === "names"
      ? "Groups are written as `{ displayName }` and users as `{ userPrincipalName }`, so the config also applies to " +
        "another tenant with the same names; `--ids` writes object ids."
      : "Written as object ids (`--ids`); the names are comments in the YAML.",
    "",
  ];
  if (model.references.length === 0) return [...lines, "No group or user is referenced.", ""];
  lines.push("| Kind | Object id | Name | Written as | Used in |", "| --- | --- | --- | --- | --- |");
  for (const row of model.references) {
    lines.push(
      `| ${row.kind} | ${code(row.id)} | ${cell(row.name ?? "(unknown)")} | ${referenceText(row.written)} | ${row.usedIn.map(code).join(", ")} |`,
    );
  }
  lines.push(...findingLines(model.referenceFindings), "");
  return lines;
}

function checkLines(checks: ExportChecks): string[] {
  const lines = ["## Checks", "", "### The program's config reader (`validateSettings`)", ""];
  if (checks.readerProblems.length === 0) lines.push("It accepts the written config.");
  else lines.push(...checks.readerProblems.map((problem) => `- ${problem}`));
  lines.push("", "### Guardrails (`evaluateGuardrails`, on the settings with object ids)", "");
  const { errors, warnings, problems } = checks.guardrails;
  if (errors.length + warnings.length + problems.length === 0) lines.push("No finding.");
  for (const finding of [...errors, ...warnings]) {
    lines.push(`- ${finding.ruleId} (${finding.severity}): ${finding.what} Found: ${finding.detail}`);
  }
  lines.push(...problems.map((problem) => `- guardrail configuration: ${problem}`));
  if (checks.skippedAreas.length > 0) lines.push(`- Not checked: ${checks.skippedAreas.join(", ")}.`);
  if (errors.length > 0) {
    lines.push(
      "",
      "A guardrail error stops `pulumi up`: change the tenant, or suppress the rule with a written reason in " +
        "`passwordless-onboarding:guardrails.suppress`.",
    );
  }
  lines.push("");
  return lines;
}

/** One sentence: nothing to review (and what `pulumi up` would create), or how many points to look at. */
export function verdict(model: ExportModel, checks: ExportChecks): string {
  const count = reviewCount(model, checks);
  if (count > 0)
    return `${count} ${count === 1 ? "point needs" : "points need"} a look before \`pulumi up\`.`;
  const missing = model.sections
    .filter((section) => section.status === "notFound")
    .map((section) => section.key);
  return missing.length === 0
    ? "Everything found maps onto the stack config: `pulumi up` with it should change nothing."
    : "Everything found maps onto the stack config: `pulumi up` with it should change none of the objects found, " +
        `and creates what was not found (${missing.join(", ")}).`;
}

export function renderReport(model: ExportModel, checks: ExportChecks, context: ReportContext): string {
  const count = reviewCount(model, checks);
  const summary = verdict(model, checks);
  const lines = [
    `# Export of tenant ${code(context.tenantId)} for stack ${code(context.stack)}`,
    "",
    `Exported ${context.exportedAt} with ${code(`npm run export -- --stack ${context.stack}${context.mode === "ids" ? " --ids" : ""}`)} ` +
      `into ${code(basename(context.yamlFile))}.`,
    "",
    `**Verdict:** ${count > 0 ? `${summary.slice(0, -1)} (marked in bold below).` : summary}`,
    "",
    ...model.sections.flatMap(sectionLines),
    ...referenceLines(model, context.mode),
    ...readsLines(model, context.mode),
    ...checkLines(checks),
  ];
  return `${lines.join("\n").trimEnd()}\n`;
}
