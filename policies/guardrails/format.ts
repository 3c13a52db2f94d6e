import type { Finding, SuppressedFinding } from "./types";

/** One block per finding: id and severity with the what, then the why and the specific detail. */
export function formatFindings(findings: readonly Finding[]): string {
  return findings
    .map(
      (finding) =>
        `${finding.ruleId} (${finding.severity}): ${finding.what}\n` +
        `  why: ${finding.why}\n` +
        `  found: ${finding.detail}`,
    )
    .join("\n");
}

/** A suppressed finding, with the reason that was written for suppressing it. */
export function formatSuppressedFinding({ finding, reason }: SuppressedFinding): string {
  return `${finding.ruleId} (${finding.severity}, suppressed): ${finding.what}\n  found: ${finding.detail}\n  reason: ${reason}`;
}
