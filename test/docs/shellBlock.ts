/**
 * Runs one shell block from the docs as a user would type it into bash: job control on (so
 * `kill %1` works as in a terminal), stopping at the first failing command. Returns the output and
 * the environment the block left behind, which the next block starts from (an `export` carries
 * over, as it does in the user's shell).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ShellRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The environment at the end of the block (empty when it failed). */
  env: Record<string, string>;
}

const ENV_FILE_VARIABLE = "DOCS_BLOCK_ENV_FILE";

export function runShellBlock(
  body: string,
  options: { cwd: string; env: Record<string, string>; timeoutMs: number },
): Promise<ShellRun> {
  const scratch = mkdtempSync(join(tmpdir(), "docs-block-"));
  const envFile = join(scratch, "env");
  const script = `set -m\nset -euo pipefail\n${body}\nenv -0 > "$${ENV_FILE_VARIABLE}"\n`;
  return new Promise<ShellRun>((resolve, reject) => {
    const child = spawn("bash", ["-c", script], {
      cwd: options.cwd,
      env: { ...options.env, [ENV_FILE_VARIABLE]: envFile },
    });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, env: status === 0 ? readEnv(envFile) : {} });
    });
  }).finally(() => rmSync(scratch, { recursive: true, force: true }));
}

function readEnv(file: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of readFileSync(file, "utf8").split("\0")) {
    const at = entry.indexOf("=");
    if (at > 0 && !entry.startsWith(`${ENV_FILE_VARIABLE}=`)) env[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return env;
}
