/** The Markdown table and the JSON document of a preflight run. */
import { failures, type CheckRow, type PreflightReport } from "./types";

const RESULT: Record<CheckRow["status"], string> = { pass: "pass", fail: "FAIL", warning: "warning" };

const IDENTITY: Record<PreflightReport["identity"], string> = {
  deployer: "deployer identity (`pulumi up`)",
  reader: "reader identity (`pulumi preview --refresh`)",
};

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

export function summary(report: PreflightReport): string {
  const failed = failures(report).length;
  const warnings = report.rows.filter((row) => row.status === "warning").length;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  return failed === 0
    ? `all checks passed${warnings > 0 ? ` (${plural(warnings, "warning")})` : ""}`
    : `${plural(failed, "failure")}, ${plural(warnings, "warning")}`;
}

export function renderMarkdown(report: PreflightReport): string {
  const lines = [
    `# Preflight: stack ${report.stack}`,
    "",
    `Tenant ${report.tenantId} (Microsoft Graph ${report.graphEndpoint}), ${IDENTITY[report.identity]}, checked ${report.checkedAt}: **${summary(report)}**.`,
    "",
    "| Check | Subject | Result | Detail |",
    "| ----- | ------- | ------ | ------ |",
    ...report.rows.map(
      (row) => `| ${row.area} | ${cell(row.subject)} | ${RESULT[row.status]} | ${cell(row.detail)} |`,
    ),
    "",
  ];
  return lines.join("\n");
}

export function renderJson(report: PreflightReport): string {
  const failed = failures(report).length;
  return `${JSON.stringify(
    {
      ...report,
      result: failed === 0 ? "pass" : "fail",
      counts: {
        pass: report.rows.filter((row) => row.status === "pass").length,
        fail: failed,
        warning: report.rows.filter((row) => row.status === "warning").length,
      },
    },
    null,
    2,
  )}\n`;
}
