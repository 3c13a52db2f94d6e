/**
 * The command line: `--stack <name> [--out <file>] [--ids] [--report <file>] [--force]`, and
 * `--help`. Bad usage throws a UsageError (exit 2).
 */
import { basename, dirname, join, resolve } from "node:path";

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface ExportOptions {
  /** The stack name as given (may be qualified: `org/project/stack`). */
  stack: string;
  /** The stack part of the name: what `Pulumi.<name>.yaml` is named after. */
  stackName: string;
  /** The YAML to write (default: the stack file). */
  out: string;
  /** The Markdown report (default `<stackName>.export.md` next to `out`). */
  report: string;
  /** The stack file whose `azuread:` keys configure sign-in: `Pulumi.<stackName>.yaml`. */
  stackFile: string;
  ids: boolean;
  force: boolean;
}

export type ParsedArguments = { help: true } | ({ help: false } & ExportOptions);

/** Pulumi's rule for a stack name (pkg/backend/httpstate validateStackName): 1-100 of A-Z a-z 0-9 _ . - */
const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
/** An owner or project part of a qualified name: the same characters. */
const NAME_PART = /^[A-Za-z0-9_.-]+$/;

/** The stack part of `stack`, `org/stack` or `org/project/stack`; throws UsageError when invalid. */
export function stackNameOf(stack: string): string {
  const parts = stack.split("/");
  const name = parts[parts.length - 1];
  const valid =
    parts.length <= 3 &&
    STACK_NAME.test(name) &&
    name !== "." &&
    name !== ".." &&
    parts.slice(0, -1).every((part) => NAME_PART.test(part));
  if (!valid) {
    throw new UsageError(
      `--stack ${JSON.stringify(stack)} is not a valid Pulumi stack name: use 1-100 letters, digits, "-", "_" or "." ` +
        "(optionally qualified as <org>/<stack> or <org>/<project>/<stack>)",
    );
  }
  return name;
}

/**
 * @param dirs `cwd`: where relative --out / --report paths start (npm's INIT_CWD: where the user
 *   typed the command); `projectDir`: where the stack file lives (the project root).
 */
export function parseArguments(
  args: readonly string[],
  dirs: { cwd: string; projectDir: string },
): ParsedArguments {
  const { cwd, projectDir } = dirs;
  let stack: string | undefined;
  let out: string | undefined;
  let report: string | undefined;
  let ids = false;
  let force = false;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === "--help" || arg === "-h") return { help: true };
    if (arg === "--stack" || arg === "--out" || arg === "--report") {
      const value = args[index + 1];
      if (value === undefined || value === "" || value.startsWith("--"))
        throw new UsageError(`${arg} needs a value`);
      index += 1;
      if (arg === "--stack") stack = value;
      else if (arg === "--out") out = value;
      else report = value;
    } else if (arg === "--ids") {
      ids = true;
    } else if (arg === "--force") {
      force = true;
    } else if (arg.startsWith("-")) {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      throw new UsageError(
        `unexpected argument ${JSON.stringify(arg)} (the stack is given with --stack <name>)`,
      );
    }
  }
  if (stack === undefined) throw new UsageError("missing --stack <name>");
  const stackName = stackNameOf(stack);
  const stackFile = join(projectDir, `Pulumi.${stackName}.yaml`);
  const outPath = out === undefined ? stackFile : resolve(cwd, out);
  const reportPath =
    report === undefined ? join(dirname(outPath), `${stackName}.export.md`) : resolve(cwd, report);
  if (reportPath === outPath)
    throw new UsageError(`--report and --out name the same file (${basename(outPath)})`);
  return {
    help: false,
    stack,
    stackName,
    out: outPath,
    report: reportPath,
    stackFile,
    ids,
    force,
  };
}
