/**
 * The drift check of the drift workflow (.github/workflows/drift.yml), offline: the document
 * `pulumi preview --stack <stack> --refresh --json` prints, turned into a report by
 * `npm run drift-report` (its own `run`, with the workflow's arguments).
 *
 * The refresh runs on a copy of the stack's state, so, like the real command, it never changes the
 * state the next `up` works from. The document takes the engine's preview-digest shape
 * (scripts/drift-report/types.ts): per resource its refresh step, then its preview step, "before"
 * the refreshed state, "after" the stack's inputs. No separate preview run is needed: the refresh
 * already asks each provider for its Diff of the refreshed state against the stack's inputs, which
 * are the program's inputs while the stack config is unchanged, and that Diff is what the preview
 * step reports.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StackConfig } from "../../test/deployment/driver";
import type { HostPool } from "../../test/deployment/offline/hostPool";
import { OfflineDriver } from "../../test/deployment/offline/offlineDriver";
import type { Sandbox } from "../../test/sandbox";
import { run as driftReport } from "../drift-report/main";
import type { PreviewDigest, PreviewStep } from "../drift-report/types";

export interface DriftCheck {
  /** The Markdown the drift-report command printed. */
  report: string;
  /** Its exit code with `--fail-on-drift`: 3 when something drifted. */
  exitCode: number;
}

export async function driftCheck(
  stack: { name: string; driver: OfflineDriver; sandbox: Sandbox; hosts: HostPool; config: StackConfig },
  title: string,
): Promise<DriftCheck> {
  const dir = mkdtempSync(join(tmpdir(), "demo-drift-"));
  const copy = new OfflineDriver({
    sandbox: stack.sandbox,
    hosts: stack.hosts,
    stateFile: join(dir, "state.json"),
    stack: stack.name,
  });
  try {
    copyFileSync(stack.driver.stateFile, copy.stateFile);
    const refresh = await copy.refresh(stack.config);
    if (!refresh.ok) throw new Error(`the drift check's refresh failed: ${refresh.error ?? ""}`);

    const refreshed = new Map(copy.state().resources.map((record) => [record.urn, record]));
    const steps: PreviewStep[] = [];
    const changeSummary: Record<string, number> = {};
    for (const record of stack.driver.state().resources) {
      const found = refreshed.get(record.urn);
      const diffs = refresh.changes.find((change) => change.name === record.name)?.diffs ?? [];
      // Gone from the tenant: the refresh dropped it, and the preview would create it again.
      const op = found === undefined ? "create" : diffs.length > 0 ? "update" : "same";
      changeSummary[op] = (changeSummary[op] ?? 0) + 1;
      const declared = { urn: record.urn, type: record.type, inputs: record.inputs };
      steps.push({ op: "refresh", urn: record.urn });
      steps.push({
        op,
        urn: record.urn,
        oldState: found && { ...declared, id: found.id, inputs: found.inputs, outputs: found.outputs },
        newState: declared,
        diffReasons: diffs,
      });
    }
    const digest: PreviewDigest = { steps, diagnostics: [], changeSummary };
    const file = join(dir, "preview.json");
    writeFileSync(file, JSON.stringify(digest));
    let report = "";
    let errors = "";
    const exitCode = driftReport(
      [file, "--kind", "preview", "--title", title, "--fail-on-drift"],
      (text) => (report += text),
      (text) => (errors += text),
    );
    if (errors !== "") throw new Error(errors.trim());
    return { report, exitCode };
  } finally {
    await copy.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
