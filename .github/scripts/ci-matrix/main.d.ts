/** The types of main.js, for the TypeScript tests (the script itself is checked with its tsconfig.json). */

/** What the command reads and writes instead of the process's own. */
export interface Io {
  env: Record<string, string | undefined>;
  /** Where --root, --variables-file and the default root are resolved from. */
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Runs ci-matrix with these arguments; returns the exit code (0 outputs printed, 1 finding, 2 usage). */
export function run(args: readonly string[], io: Io): number;
