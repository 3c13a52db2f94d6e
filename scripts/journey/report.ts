/**
 * The journey report: Markdown for a pull-request comment or job summary (a table of the six
 * steps, then each step's findings with evidence, why and what to change), and JSON for machines.
 */
import { plural } from "./facts";
import { blockedSteps, worst, type JourneyReport, type Verdict } from "./types";

const BADGE: Record<Verdict, string> = {
  ok: "ok",
  "at risk": "**at risk**",
  blocked: "**BLOCKED**",
  "not checked": "not checked",
};

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

export function summary(report: JourneyReport): string {
  const blocked = blockedSteps(report);
  if (blocked.length > 0) return `blocked at step ${blocked.map((candidate) => candidate.number).join(", ")}`;
  const risky = report.steps.filter((candidate) => candidate.verdict === "at risk");
  const unchecked = report.steps.filter((candidate) => candidate.verdict === "not checked");
  const parts = [
    ...(risky.length > 0 ? [`at risk at step ${risky.map((candidate) => candidate.number).join(", ")}`] : []),
    ...(unchecked.length > 0
      ? [`step ${unchecked.map((candidate) => candidate.number).join(", ")} not checked`]
      : []),
  ];
  return parts.length > 0 ? parts.join("; ") : "every step ok";
}

function groupLine(report: JourneyReport): string {
  const group = report.group;
  if (group === undefined) return "Autopilot group not found";
  const devices = group.devices === undefined ? "devices not read" : plural(group.devices, "device");
  return `Autopilot group "${group.displayName}" (${group.id}), ${devices}`;
}

export function renderMarkdown(report: JourneyReport): string {
  const lines = [
    `# New-joiner journey: stack ${report.stack}`,
    "",
    `Tenant ${report.tenantId} (Microsoft Graph ${report.graphEndpoint}), checked ${report.checkedAt}. ${groupLine(report)}: **${summary(report)}**.`,
    "",
    "| Step | Verdict |",
    "| ---- | ------- |",
    ...report.steps.map((item) => `| ${item.number}. ${cell(item.title)} | ${BADGE[item.verdict]} |`),
  ];
  for (const item of report.steps) {
    lines.push("", `## ${item.number}. ${item.title}: ${BADGE[item.verdict]}`, "");
    for (const finding of item.findings) {
      lines.push(`- ${BADGE[finding.verdict]}: ${finding.evidence}`);
      if (finding.why !== undefined) lines.push(`  - Why: ${finding.why}`);
      if (finding.change !== undefined) lines.push(`  - Change: ${finding.change}`);
    }
  }
  lines.push("");
  return lines.join("\n");
}

export function renderJson(report: JourneyReport): string {
  return `${JSON.stringify({ ...report, verdict: worst(report.steps.map((item) => item.verdict)) }, null, 2)}\n`;
}
