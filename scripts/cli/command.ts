/**
 * What the stack commands (`npm run export`, `npm run preflight`) share around their `run`: the
 * io they are given, their exit codes, how a failure becomes one line on standard error, and how
 * the process entry calls `run`.
 */
import { IdentityError } from "../export/identity";

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export interface CommandIo {
  env: Record<string, string | undefined>;
  /** Where relative output paths given on the command line start. */
  cwd: string;
  /** The project root: where Pulumi.<stack>.yaml is read. */
  projectDir: string;
  stdout(text: string): void;
  stderr(text: string): void;
  now(): Date;
}

/** An error's message on one line (never a stack trace). */
export function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, " ");
}

/**
 * Writes `error` as one line on standard error and returns the exit code: a usage error (the
 * command's own UsageError) or a missing identity exit 2, anything else 1. A `known` error is
 * written as is; any other is marked as unexpected.
 */
export function failureExitCode(
  command: string,
  error: unknown,
  io: Pick<CommandIo, "stderr">,
  kind: { usage: boolean; known: boolean },
): number {
  if (kind.usage) {
    io.stderr(`${command}: ${(error as Error).message} (see --help)\n`);
    return EXIT_USAGE;
  }
  if (error instanceof IdentityError) {
    io.stderr(`${command}: ${error.message}\n`);
    return EXIT_USAGE;
  }
  io.stderr(`${command}: ${kind.known ? "" : "unexpected error: "}${oneLine(error)}\n`);
  return EXIT_FINDINGS;
}

/** The process entry: runs `run` with this process's arguments and io, and sets the exit code. */
export function runAsProcess(
  command: string,
  run: (args: readonly string[], io: CommandIo) => Promise<number>,
): void {
  run(process.argv.slice(2), {
    env: process.env,
    // `npm run` starts scripts in the project root; INIT_CWD is where the command was typed.
    cwd: process.env.INIT_CWD ?? process.cwd(),
    projectDir: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    now: () => new Date(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${command}: unexpected error: ${oneLine(error)}\n`);
      process.exitCode = EXIT_FINDINGS;
    },
  );
}
