/** What preflight reports: one row per check, and the run's facts. */

export type CheckStatus = "pass" | "fail" | "warning";

export type CheckArea =
  "config" | "permissions" | "objects" | "tenant" | "guardrails" | "lock-out" | "what-if";

export interface CheckRow {
  area: CheckArea;
  /** What was checked: a permission, a config key, a persona. */
  subject: string;
  status: CheckStatus;
  detail: string;
}

export interface PreflightReport {
  stack: string;
  tenantId: string;
  graphEndpoint: string;
  checkedAt: string;
  /** Whose permissions were checked: the deployer (`pulumi up`) or the pull-request reader. */
  identity: "reader" | "deployer";
  rows: CheckRow[];
}

export function failures(report: Pick<PreflightReport, "rows">): CheckRow[] {
  return report.rows.filter((row) => row.status === "fail");
}
