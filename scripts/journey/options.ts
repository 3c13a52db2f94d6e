/**
 * The command line: `--stack <name> [--json <file>] [--markdown <file>]`, and `--help`. Bad usage
 * throws a UsageError (exit 2).
 */
import { join, resolve } from "node:path";
import { stackNameOf, UsageError as ExportUsageError } from "../export/options";

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface JourneyOptions {
  /** The stack name as given (may be qualified: `org/project/stack`). */
  stack: string;
  /** `Pulumi.<stackName>.yaml` in the project directory. */
  stackFile: string;
  /** Where to write the JSON report; undefined: none. */
  json?: string;
  /** Where to write the Markdown report besides standard output; undefined: standard output only. */
  markdown?: string;
}

export type ParsedArguments = { help: true } | ({ help: false } & JourneyOptions);

const VALUED = ["--stack", "--json", "--markdown"];

export function parseArguments(
  args: readonly string[],
  dirs: { cwd: string; projectDir: string },
): ParsedArguments {
  const values = new Map<string, string>();
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === "--help" || arg === "-h") return { help: true };
    if (VALUED.includes(arg)) {
      const value = args[index + 1];
      if (value === undefined || value === "" || value.startsWith("--"))
        throw new UsageError(`${arg} needs a value`);
      values.set(arg, value);
      index += 1;
    } else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
    else
      throw new UsageError(
        `unexpected argument ${JSON.stringify(arg)} (the stack is given with --stack <name>)`,
      );
  }
  const stack = values.get("--stack");
  if (stack === undefined) throw new UsageError("missing --stack <name>");
  let stackName: string;
  try {
    stackName = stackNameOf(stack);
  } catch (error) {
    if (error instanceof ExportUsageError) throw new UsageError(error.message);
    throw error;
  }
  const file = (option: string): string | undefined => {
    const value = values.get(option);
    return value === undefined ? undefined : resolve(dirs.cwd, value);
  };
  const json = file("--json");
  const markdown = file("--markdown");
  if (json !== undefined && json === markdown)
    throw new UsageError("--json and --markdown name the same file");
  return {
    help: false,
    stack,
    stackFile: join(dirs.projectDir, `Pulumi.${stackName}.yaml`),
    ...(json === undefined ? {} : { json }),
    ...(markdown === undefined ? {} : { markdown }),
  };
}
