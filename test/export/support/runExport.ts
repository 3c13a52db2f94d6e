/** Runs the export command in this process (its `run`), against a sandbox, in a scratch directory. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../../../scripts/export/main";
import type { Sandbox } from "../../sandbox";
import { runInProcess, type CommandRun } from "../../support/commandRun";

export interface ExportRun extends CommandRun {
  /** The written YAML ("" when none). */
  yaml: string;
  /** The written report ("" when none). */
  report: string;
}

export const EXPORTED_AT = new Date("2026-03-02T10:00:00.000Z");

/** The sandbox's sign-in settings, without anything from this process's environment. */
export function sandboxEnv(sandbox: Sandbox): Record<string, string> {
  const { NODE_EXTRA_CA_CERTS: _ca, ...env } = sandbox.env();
  return env;
}

export async function runExport(
  dir: string,
  args: string[],
  env: Record<string, string | undefined>,
  files: { yaml: string; report: string } = { yaml: "Pulumi.dev.yaml", report: "dev.export.md" },
): Promise<ExportRun> {
  const { code, stdout, stderr } = await runInProcess(run, args, { dir, env, now: EXPORTED_AT });
  const read = (name: string): string =>
    existsSync(join(dir, name)) ? readFileSync(join(dir, name), "utf8") : "";
  return { code, stdout, stderr, yaml: read(files.yaml), report: read(files.report) };
}
