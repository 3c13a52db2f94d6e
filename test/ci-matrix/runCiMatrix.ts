/** Runs ci-matrix in this process with captured output, the way the tests call every command. */
import { run } from "../../.github/scripts/ci-matrix/main";

export interface CiMatrixResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCiMatrix(
  args: readonly string[],
  cwd: string,
  env: Record<string, string | undefined> = {},
): CiMatrixResult {
  let stdout = "";
  let stderr = "";
  const code = run(args, {
    env,
    cwd,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

/** The matrix entry of a stack, written out by hand (not with the script's own suffix rule). */
export function entry(stack: string, suffix: string): { stack: string; suffix: string } {
  return { stack, suffix };
}
