/**
 * `npm run drift-report -- <file> [--title <text>] [--kind refresh|preview] [--fail-on-drift]`
 *
 * Reads the JSON printed by `pulumi refresh --preview-only --json` or `pulumi preview --json`
 * (`-` reads standard input) and prints a Markdown report on standard output.
 *
 * Exit codes: 0 report printed; 3 report printed and it counts changed resources (only with
 * `--fail-on-drift`); 1 the input is missing or not such a document; 2 bad command line.
 * Errors are one line on standard error, never a stack trace.
 */
import { readFileSync } from "node:fs";
import { analyzeDigest } from "./analyze";
import { DriftReportInputError, parseDigest } from "./parse";
import { renderReport } from "./render";
import type { ReportKind } from "./types";

const USAGE = "usage: drift-report <file|-> [--title <text>] [--kind refresh|preview] [--fail-on-drift]";

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;
export const EXIT_DRIFT = 3;

interface Options {
  file: string;
  title?: string;
  kind?: ReportKind;
  failOnDrift: boolean;
}

class UsageError extends Error {}

function parseArguments(args: string[]): Options {
  let file: string | undefined;
  let title: string | undefined;
  let kind: ReportKind | undefined;
  let failOnDrift = false;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === "--title" || arg === "--kind") {
      const value = args[index + 1];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      index += 1;
      if (arg === "--title") title = value;
      else if (value === "refresh" || value === "preview") kind = value;
      else throw new UsageError(`--kind must be refresh or preview, found ${JSON.stringify(value)}`);
    } else if (arg === "--fail-on-drift") {
      failOnDrift = true;
    } else if (arg.startsWith("--")) {
      throw new UsageError(`unknown option ${arg}`);
    } else if (file === undefined) {
      file = arg;
    } else {
      throw new UsageError(`expected one input file, found a second one: ${arg}`);
    }
  }
  if (file === undefined) throw new UsageError("missing the input file");
  return { file, title, kind, failOnDrift };
}

function readInput(file: string): string {
  try {
    return readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (code ?? "unreadable");
    throw new DriftReportInputError(`cannot read ${file}: ${reason}.`);
  }
}

export function run(
  args: string[],
  write: (text: string) => void,
  writeError: (text: string) => void,
): number {
  try {
    const options = parseArguments(args);
    const source = options.file === "-" ? "standard input" : options.file;
    const report = analyzeDigest(parseDigest(readInput(options.file), source), options.kind);
    write(renderReport(report, options.title));
    return options.failOnDrift && report.changedCount > 0 ? EXIT_DRIFT : EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError) {
      writeError(`drift-report: ${error.message}\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    const prefix = error instanceof DriftReportInputError ? "" : "unexpected error: ";
    writeError(`drift-report: ${prefix}${message.split("\n")[0]}\n`);
    return EXIT_BAD_INPUT;
  }
}

if (require.main === module) {
  process.exitCode = run(
    process.argv.slice(2),
    (text) => process.stdout.write(text),
    (text) => process.stderr.write(text),
  );
}
