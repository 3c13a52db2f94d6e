/**
 * The command line of the commands that take only options (`npm run bench`, `demo`, `sandbox`):
 * `--help` prints the usage and exits 0; a bad argument is one line on standard error ending
 * "(see --help)" and exits 2, never a stack trace.
 */
import { EXIT_OK, EXIT_USAGE } from "./command";

/** Thrown by a command's argument parser for an argument it does not take. */
export class UsageError extends Error {}

export interface CommandLineIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The parsed options, or the exit code when the command line was `--help` or is wrong. */
export function readCommandLine<T>(
  command: string,
  usage: string,
  args: readonly string[],
  parse: (args: readonly string[]) => T,
  io: CommandLineIo,
): { options: T } | { exitCode: number } {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(usage.endsWith("\n") ? usage : `${usage}\n`);
    return { exitCode: EXIT_OK };
  }
  try {
    return { options: parse(args) };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`${command}: ${error.message} (see --help)\n`);
    return { exitCode: EXIT_USAGE };
  }
}

export const PROCESS_IO: CommandLineIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};
