/**
 * The message of a failed run, as a person reads it in the CLI's output: the engine's error
 * diagnostics when there are any, otherwise what the CLI said.
 *
 * A `CommandError` from `@pulumi/pulumi/automation` carries the whole run. When the CLI exits
 * non-zero, the SDK's process library (execa) rejects, and the SDK wraps that rejection:
 * `commandResult.err` is execa's error with the CLI's `stdout`, `stderr` and `exitCode`, and the
 * message is `code: -2\n stdout: \n stderr: Command failed with exit code 255: pulumi up ...`
 * followed by everything the CLI printed. This keeps the CLI's "Diagnostics:" section and the
 * meaningful lines of stderr, without ANSI colours, progress lines, the update-check notice, the
 * command line (which can hold the whole stack config) or the `code:`/`stdout:` preamble.
 */
import { stripFormatting } from "./engineEvents";

/** Longest message kept; the rest is cut with a note (a run can print megabytes). */
export const MAX_ERROR_LENGTH = 8000;

interface CommandOutput {
  code?: number;
  stdout: string;
  stderr: string;
  err: string;
}

/** stderr lines that are never the reason a run failed. */
const STDERR_NOISE = [
  /^warning: A new version of Pulumi is available/i,
  /^To upgrade from version/i,
  /^\s*\$?\s*(brew upgrade pulumi|curl -sSL https:\/\/get\.pulumi\.com \| sh)/i,
  /^or visit https:\/\/pulumi\.com\/docs\/install/i,
  /^Downloading pulumi v\S+\.\.\.$/, // the `pulumi` npm package fetching the CLI
  /^Command failed with exit code -?\d+: /, // execa's summary: the whole command line
];

/** The error diagnostics collected from the run's events, else the cleaned CLI error. */
export function describeRunFailure(error: unknown, diagnostics: readonly string[]): string {
  const text = diagnostics.length > 0 ? diagnostics.join("\n") : cleanCommandError(error);
  return truncate(text);
}

/** A CommandError's message without the preamble, progress output and colours. */
export function cleanCommandError(error: unknown): string {
  if (!(error instanceof Error)) return stripFormatting(String(error)).trim();
  const output = commandOutput(error);
  if (!output) return stripFormatting(error.message).trim();

  const stdout = stripFormatting(output.stdout);
  const stderr = stripFormatting(output.stderr);
  const fromStdout = diagnosticsSection(stdout);
  // Without execa's error the CLI's stdout may only be found inside the stderr text.
  const fromStderr = fromStdout === "" ? diagnosticsSection(stderr) : "";
  const diagnostics = fromStdout || fromStderr;
  const stderrLines =
    fromStderr !== ""
      ? []
      : stderr
          .split("\n")
          .map((line) => line.trimEnd())
          .filter((line) => line.trim() !== "" && !STDERR_NOISE.some((noise) => noise.test(line.trim())))
          .filter((line) => !diagnostics.includes(line.trim()));
  const parts = [diagnostics, stderrLines.join("\n")].filter((part) => part !== "");
  if (parts.length > 0) return parts.join("\n");

  const code = output.code === undefined ? "" : ` (exit code ${output.code})`;
  const tail = lastLines(stdout, 20);
  if (tail !== "") return `the pulumi command failed${code}:\n${tail}`;
  const err = stripFormatting(output.err).trim();
  return err !== "" ? err : `the pulumi command failed${code}`;
}

/**
 * The CLI's output: from execa's error when the SDK attached it, else from `commandResult`, else
 * parsed back out of the message.
 */
function commandOutput(error: Error): CommandOutput | undefined {
  const attached = (error as { commandResult?: unknown }).commandResult;
  if (isRecord(attached)) {
    const cause = attached.err;
    if (isRecord(cause) && (typeof cause.stdout === "string" || typeof cause.stderr === "string")) {
      return {
        code: typeof cause.exitCode === "number" ? cause.exitCode : undefined,
        stdout: typeof cause.stdout === "string" ? cause.stdout : "",
        stderr: typeof cause.stderr === "string" ? cause.stderr : "",
        // e.g. "Command was killed with SIGTERM (Termination)", without the command line.
        err:
          typeof cause.shortMessage === "string" ? cause.shortMessage.replace(/: pulumi [\s\S]*$/, "") : "",
      };
    }
    if (typeof attached.stdout === "string" || typeof attached.stderr === "string") {
      return {
        code: typeof attached.code === "number" ? attached.code : undefined,
        stdout: typeof attached.stdout === "string" ? attached.stdout : "",
        stderr: typeof attached.stderr === "string" ? attached.stderr : "",
        err: cause instanceof Error ? cause.toString() : typeof cause === "string" ? cause : "",
      };
    }
  }
  const parsed = /^code: (-?\d+)\n stdout: ([\s\S]*)\n stderr: ([\s\S]*)\n err\?: ([\s\S]*)$/.exec(
    error.message,
  );
  if (!parsed) return undefined;
  return { code: Number(parsed[1]), stdout: parsed[2], stderr: parsed[3], err: parsed[4] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** The indented block after the CLI's `Diagnostics:` heading, dedented. */
function diagnosticsSection(stdout: string): string {
  const lines = stdout.split("\n");
  const start = lines.findIndex((line) => line.trim() === "Diagnostics:");
  if (start < 0) return "";
  const block: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() !== "" && !/^\s/.test(line)) break; // the next heading (Resources:, Outputs:, ...)
    block.push(line.trimEnd());
  }
  while (block.length > 0 && block[block.length - 1] === "") block.pop();
  const indents = block.filter((line) => line !== "").map((line) => /^\s*/.exec(line)?.[0].length ?? 0);
  const indent = indents.length > 0 ? Math.min(...indents) : 0;
  return block.map((line) => line.slice(indent)).join("\n");
}

function lastLines(text: string, count: number): string {
  const lines = text
    .split("\n")
    .map((line) => line.trimEnd())
    .filter((line) => line !== "");
  return lines.slice(-count).join("\n");
}

function truncate(text: string): string {
  if (text.length <= MAX_ERROR_LENGTH) return text;
  const cut = text.length - MAX_ERROR_LENGTH;
  return `${text.slice(0, MAX_ERROR_LENGTH)}\n... (${cut} more characters; run with PASSWORDLESS_ACCEPTANCE_VERBOSE=1 for the whole output)`;
}
