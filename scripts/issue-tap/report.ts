/**
 * What the command prints. The pass value appears only in `singlePass` (standard output, once);
 * the batch table, the summary and every error line never hold it.
 */
import type { IssuedPass, PassResult } from "./results";
import { counts } from "./results";

function validity(pass: IssuedPass): string {
  return (
    `valid from ${pass.startDateTime} to ${pass.endDateTime} (${pass.lifetimeInMinutes} minutes), ` +
    `usable ${pass.isUsableOnce ? "once" : "more than once"}`
  );
}

function who(result: PassResult): string {
  if (result.user === undefined) return result.request.user;
  return `${result.user.userPrincipalName} (object id ${result.user.id})`;
}

function replaced(result: Extract<PassResult, { outcome: "issued" }>): string {
  return result.replacedCreatedAt === undefined
    ? ""
    : `; replaced the pass created ${result.replacedCreatedAt}`;
}

/** The one place a pass is printed: standard output of a single-user run. */
export function singlePass(result: Extract<PassResult, { outcome: "issued" }>): string {
  return (
    `Temporary Access Pass for ${who(result)}:\n\n` +
    `    ${result.pass.value}\n\n` +
    `${validity(result.pass)}${replaced(result)}.\n` +
    "Shown only this once: Graph never returns it again and this command stored it nowhere.\n"
  );
}

/** A single-user run's refusal or failure, for standard error. */
export function singleProblem(result: Exclude<PassResult, { outcome: "issued" }>): string {
  return `issue-tap: ${who(result)}: ${result.outcome}: ${result.reason}\n`;
}

export const TABLE_HEADER = "| source | user | result | detail |\n| --- | --- | --- | --- |\n";

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

/** One row of the batch table (no pass value). */
export function tableRow(result: PassResult): string {
  const detail = result.outcome === "issued" ? `${validity(result.pass)}${replaced(result)}` : result.reason;
  return `| ${cell(result.request.source)} | ${cell(who(result))} | ${result.outcome} | ${cell(detail)} |\n`;
}

/** The closing line of a batch: the counts, and where the passes are (or that none were written). */
export function batchSummary(
  results: readonly PassResult[],
  passFile: { path: string; kept: boolean },
): string {
  const { issued, skipped, failed } = counts(results);
  const where = passFile.kept
    ? ` The ${issued === 1 ? "pass is" : "passes are"} in ${passFile.path}, readable only by you (mode 0600): ` +
      "hand each to its user, then delete the file."
    : " No pass was issued, so no pass file was kept.";
  return `\nissue-tap: ${issued} issued, ${skipped} skipped, ${failed} failed.${where}\n`;
}
