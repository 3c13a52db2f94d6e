/** What the journey check reports: six steps, each a verdict made of findings. */

/** `not checked`: a read the step needs was refused or failed; the finding names why. */
export type Verdict = "ok" | "at risk" | "blocked" | "not checked";

/** Worst first: a blocked finding decides a step even when another part could not be checked. */
const SEVERITY: Record<Verdict, number> = { blocked: 3, "at risk": 2, "not checked": 1, ok: 0 };

export interface Finding {
  verdict: Verdict;
  /** What was read: object name and id, setting and value. */
  evidence: string;
  /** Why it matters for the new joiner, with the source. */
  why?: string;
  /** What to change in the tenant or the stack. */
  change?: string;
}

export interface JourneyStep {
  number: number;
  title: string;
  verdict: Verdict;
  findings: Finding[];
}

export interface JourneyReport {
  stack: string;
  tenantId: string;
  graphEndpoint: string;
  checkedAt: string;
  /** The Autopilot group the stack assigns the Web sign-in profile to, when found. */
  group?: { id: string; displayName: string; devices: number | undefined };
  steps: JourneyStep[];
}

export function worst(verdicts: readonly Verdict[]): Verdict {
  return verdicts.reduce<Verdict>(
    (current, next) => (SEVERITY[next] > SEVERITY[current] ? next : current),
    "ok",
  );
}

export function step(number: number, title: string, findings: Finding[]): JourneyStep {
  return { number, title, verdict: worst(findings.map((finding) => finding.verdict)), findings };
}

export function blockedSteps(report: Pick<JourneyReport, "steps">): JourneyStep[] {
  return report.steps.filter((candidate) => candidate.verdict === "blocked");
}
