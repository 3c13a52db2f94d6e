/**
 * The forward check's result (map/verify.ts) as a finding: the properties `pulumi up` would
 * change with the exported settings. When other findings already explain them it is a note;
 * when nothing does, it is a difference of its own, so an unexplained change is never missed.
 */
import { difference, note, type Finding } from "../types";

export function changesFinding(
  changes: readonly string[],
  findings: readonly Finding[],
): Finding | undefined {
  if (changes.length === 0) return undefined;
  const text = `Checked against the program's own desired state: \`pulumi up\` would change ${changes.join(", ")}.`;
  return findings.some((finding) => finding.severity === "difference") ? note(text) : difference(text);
}
