/** Runs a stack command's `run` (scripts/export, scripts/preflight) in this process, in a scratch directory. */
import type { CommandIo } from "../../scripts/cli/command";

export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Calls `run` with `dir` as both working and project directory, a fixed clock, and the output captured. */
export async function runInProcess(
  run: (args: readonly string[], io: CommandIo) => Promise<number>,
  args: readonly string[],
  how: { dir: string; env: Record<string, string | undefined>; now: Date },
): Promise<CommandRun> {
  let stdout = "";
  let stderr = "";
  const code = await run(args, {
    env: how.env,
    cwd: how.dir,
    projectDir: how.dir,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    now: () => how.now,
  });
  return { code, stdout, stderr };
}
